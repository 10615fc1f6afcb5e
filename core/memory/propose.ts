/**
 * `sase memory write`: record an attributable long-term memory proposal in
 * the project's ledger (with its body as a draft file beside it). It never
 * touches canonical `memory/` files. `--notify` then best-effort posts a
 * `memory.proposed` notification pointing at the review.
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import { notificationsPath } from "../config/paths.ts";
import { join, resolve } from "../fs/path.ts";
import { atomicWriteTextFile } from "../fs/atomic_write.ts";
import { withFileLock } from "../fs/lock.ts";
import { sha256Hex } from "../text/sha256.ts";
import { SaseError } from "../errors.ts";
import { createNotification } from "../notify/create.ts";
import { type AgentIdentity, requireAgentIdentity } from "./identity.ts";
import { appendLedgerLocked, LEDGER_SCHEMA_VERSION, type ProposedEvent } from "./ledger.ts";
import { memoryProjectName, memoryStatePaths } from "./layout.ts";
import {
  checkProposalBody,
  newProposalId,
  proposalEvidence,
  proposalKeywords,
  proposalTarget,
  proposalTitle,
  proposalWarnings,
} from "./proposal_rules.ts";

/** What `sase memory write` was given. */
export interface ProposeInput {
  title?: string;
  slug?: string;
  target?: string;
  evidence: readonly string[];
  fromChat: readonly string[];
  keywords: readonly string[];
  body: string;
  allowLarge: boolean;
  /** For tests and demos: the author when no agent identity exists. */
  manualAuthor?: string;
  notify: boolean;
}

/** What a recorded proposal produced. */
export interface ProposeResult {
  event: ProposedEvent;
  ledgerPath: string;
  draftPath: string;
  /** The notification's id when `--notify` delivered one. */
  notificationId: string | null;
  /** Why `--notify` delivered nothing (the proposal stands regardless). */
  notificationError: string | null;
}

async function author(app: AppContext, manual: string | undefined): Promise<AgentIdentity> {
  if (manual !== undefined) {
    const name = manual.trim();
    if (!name) {
      throw new SaseError("memory.proposal.author", "--manual-author must not be empty", {
        kind: "invalid-input",
      });
    }
    return { name, source: "manual", artifactsDir: null };
  }
  return await requireAgentIdentity(
    app.env,
    "memory writes (pass --manual-author only for tests and demos)",
  );
}

/** Validate and record a proposal (every rule is checked before anything is written). */
export async function proposeMemory(app: AppContext, input: ProposeInput): Promise<ProposeResult> {
  const title = proposalTitle(input.title);
  const target = proposalTarget({ slug: input.slug, target: input.target });
  const cwd = resolve(app.cwd);
  const evidence = await proposalEvidence(input.evidence, input.fromChat, cwd, app.env);
  const size = checkProposalBody(input.body);
  const who = await author(app, input.manualAuthor);
  const now = app.now();
  const project = await memoryProjectName(app.cwd, app.env);
  const paths = memoryStatePaths(project, app.env);
  const id = newProposalId(now);
  const draftPath = join(paths.proposals, id, "draft.md");
  const event: ProposedEvent = {
    schema_version: LEDGER_SCHEMA_VERSION,
    event_type: "proposed",
    proposal_id: id,
    timestamp: now.toISOString(),
    project,
    cwd,
    title,
    target_path: target,
    keywords: proposalKeywords(input.keywords),
    author_name: who.name,
    author_source: who.source,
    artifacts_dir: who.artifactsDir,
    body_path: draftPath,
    body_sha256: sha256Hex(input.body),
    body_byte_count: size,
    evidence,
    warnings: proposalWarnings(input.body, size, input.allowLarge),
  };
  await Deno.mkdir(paths.dir, { recursive: true });
  await withFileLock(paths.ledger, async () => {
    await Deno.mkdir(join(paths.proposals, id), { recursive: true });
    await atomicWriteTextFile(draftPath, input.body);
    await appendLedgerLocked(paths.ledger, event);
  });
  let notificationId: string | null = null;
  let notificationError: string | null = null;
  if (input.notify) {
    try {
      notificationId = await notifyProposal(app, event);
    } catch (error) {
      notificationError = (error as Error).message;
    }
  }
  return { event, ledgerPath: paths.ledger, draftPath, notificationId, notificationError };
}

/** Post the `memory.proposed` notification; resolves to its id. */
async function notifyProposal(app: AppContext, event: ProposedEvent): Promise<string> {
  const files = event.evidence
    .filter((e) => e.kind === "path" && e.exists && e.resolved_path)
    .map((e) => e.resolved_path!);
  const record = await createNotification(notificationsPath(app.env), {
    sender: "memory.proposed",
    notes: [
      `Memory proposal ready for review: ${event.title}`,
      `Target: memory/${event.target_path} (by ${event.author_name})`,
      `Review: sase memory review ${event.proposal_id} --show`,
    ],
    files,
    tags: ["memory"],
    action: "memory_review",
    action_data: { proposal_id: event.proposal_id, project: event.project },
  }, { now: app.now() });
  return record.id;
}
