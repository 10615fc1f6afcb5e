/**
 * Human review of memory proposals: approve (as proposed, with an edited
 * body, or into another unused target) or reject with a reason. Agents
 * cannot review; approval writes the canonical note and never overwrites
 * an existing file; every decision appends a ledger event under the
 * ledger's lock.
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import { SaseError } from "../errors.ts";
import { dirname, join, resolve } from "../fs/path.ts";
import { atomicWriteTextFile } from "../fs/atomic_write.ts";
import { withFileLock } from "../fs/lock.ts";
import { createFileOnce } from "../fs/create_once.ts";
import { sha256Hex } from "../text/sha256.ts";
import { canonicalNoteText } from "./canonical_note.ts";
import { readTextIfExists } from "./fs.ts";
import { requireHumanReviewer, type Reviewer } from "./identity.ts";
import {
  appendLedgerLocked,
  LEDGER_SCHEMA_VERSION,
  type ProposalState,
  readLedger,
  reduceLedger,
  resolveProposal,
  type ReviewEvent,
} from "./ledger.ts";
import { MEMORY_DIR, memoryProjectName, memoryStatePaths, projectRoot } from "./layout.ts";
import { checkProposalBody, proposalTarget } from "./proposal_rules.ts";
import { memoryMarkdownFiles, unreachableMemory } from "./reach.ts";

/** The proposals of the project `app.cwd` belongs to. */
export async function listProposals(app: AppContext): Promise<ProposalState[]> {
  const project = await memoryProjectName(app.cwd, app.env);
  return reduceLedger(await readLedger(memoryStatePaths(project, app.env).ledger));
}

/** One proposal by id or unambiguous prefix. */
export async function findProposal(app: AppContext, ref: string): Promise<ProposalState> {
  return resolveProposal(ref, await listProposals(app));
}

/** The draft body a proposal recorded. */
export async function proposalBody(state: ProposalState): Promise<string> {
  const text = await readTextIfExists(state.proposal.body_path);
  if (text === null) {
    throw new SaseError(
      "memory.proposal.draft",
      `proposal draft is missing: ${state.proposal.body_path}`,
      { kind: "not-found" },
    );
  }
  return text;
}

/** What a review decision produced. */
export interface ReviewResult {
  state: ProposalState;
  event: ReviewEvent;
  /** The canonical note written by an approval. */
  canonicalPath: string | null;
  /** Things the reviewer should know (e.g. the note is not reachable yet). */
  warnings: string[];
}

function ensurePending(state: ProposalState): void {
  if (state.status !== "pending") {
    throw new SaseError(
      "memory.proposal.reviewed",
      `memory proposal ${state.proposal.proposal_id} is ${state.status}; only pending proposals can be reviewed`,
      { kind: "conflict" },
    );
  }
}

async function decide(
  app: AppContext,
  ref: string,
  act: (state: ProposalState, reviewer: Reviewer) => Promise<Omit<ReviewResult, "state">>,
): Promise<ReviewResult> {
  const reviewer = await requireHumanReviewer(app.env);
  const project = await memoryProjectName(app.cwd, app.env);
  const ledger = memoryStatePaths(project, app.env).ledger;
  return await withFileLock(ledger, async () => {
    const events = await readLedger(ledger);
    const state = resolveProposal(ref, reduceLedger(events));
    ensurePending(state);
    const outcome = await act(state, reviewer);
    await appendLedgerLocked(ledger, outcome.event);
    const after = resolveProposal(
      state.proposal.proposal_id,
      reduceLedger([...events, outcome.event]),
    );
    return { ...outcome, state: after };
  });
}

/** The decision-specific fields of a review event. */
type Decision = Omit<
  ReviewEvent,
  | "schema_version"
  | "proposal_id"
  | "timestamp"
  | "project"
  | "cwd"
  | "reviewer_user"
  | "reviewer_hostname"
>;

/** A review event of `state` by `reviewer`, now, from `app.cwd`. */
function reviewEvent(
  app: AppContext,
  state: ProposalState,
  reviewer: Reviewer,
  decision: Decision,
): ReviewEvent {
  return {
    schema_version: LEDGER_SCHEMA_VERSION,
    proposal_id: state.proposal.proposal_id,
    timestamp: app.now().toISOString(),
    project: state.proposal.project,
    cwd: resolve(app.cwd),
    reviewer_user: reviewer.user,
    reviewer_hostname: reviewer.hostname,
    ...decision,
  };
}

/** Options of an approval. */
export interface ApproveOptions {
  /** Another one-level `<slug>.md` target. */
  target?: string;
  /** The reviewer's edited body (recorded as `approved_with_edits`). */
  editedBody?: string;
}

/** Approve a pending proposal: write `memory/<target>` and record the decision. */
export async function approveProposal(
  app: AppContext,
  ref: string,
  options: ApproveOptions = {},
): Promise<ReviewResult> {
  const root = await projectRoot(app.cwd);
  return await decide(app, ref, async (state, reviewer) => {
    const target = options.target !== undefined
      ? proposalTarget({ target: options.target })
      : state.targetPath;
    const edited = options.editedBody !== undefined;
    const body = edited ? options.editedBody! : await proposalBody(state);
    const size = checkProposalBody(body);
    let reviewedPath: string | null = null;
    if (edited) {
      reviewedPath = join(dirname(state.proposal.body_path), "reviewed.md");
      await atomicWriteTextFile(reviewedPath, body);
    }
    const canonicalPath = join(root, MEMORY_DIR, target);
    const text = canonicalNoteText(
      state.proposal.proposal_id,
      state.proposal.title,
      state.proposal.keywords,
      body,
    );
    if (!await createFileOnce(canonicalPath, text)) {
      throw new SaseError(
        "memory.proposal.target_exists",
        `memory proposal target already exists: ${MEMORY_DIR}/${target}; approval never overwrites`,
        { hint: "approve into another unused target with --target <slug>.md", kind: "conflict" },
      );
    }
    const event = reviewEvent(app, state, reviewer, {
      event_type: edited ? "approved_with_edits" : "approved",
      target_path: target,
      canonical_path: canonicalPath,
      reviewed_body_path: reviewedPath,
      body_sha256: sha256Hex(body),
      body_byte_count: size,
      reason: null,
    });
    const warnings: string[] = [];
    const files = await memoryMarkdownFiles(root);
    const unreachable = await unreachableMemory(files, (rel) => readTextIfExists(join(root, rel)));
    if (unreachable.includes(`${MEMORY_DIR}/${target}`)) {
      warnings.push(
        `${MEMORY_DIR}/${target} is not referenced from AGENTS.md yet: add \`${MEMORY_DIR}/${target}\` ` +
          `(or \`@${MEMORY_DIR}/${target}\` to load it every time) before \`sase memory init\` validates`,
      );
    }
    return { event, canonicalPath, warnings };
  });
}

/** Reject a pending proposal with a (required) reason. */
export async function rejectProposal(
  app: AppContext,
  ref: string,
  reason: string,
): Promise<ReviewResult> {
  const why = reason.trim();
  if (!why) {
    throw new SaseError("memory.proposal.reason", "rejecting a memory proposal requires --reason", {
      kind: "invalid-input",
    });
  }
  return await decide(app, ref, (state, reviewer) => {
    const event = reviewEvent(app, state, reviewer, {
      event_type: "rejected",
      target_path: state.targetPath,
      canonical_path: null,
      reviewed_body_path: null,
      body_sha256: null,
      body_byte_count: null,
      reason: why,
    });
    return Promise.resolve({ event, canonicalPath: null, warnings: [] });
  });
}
