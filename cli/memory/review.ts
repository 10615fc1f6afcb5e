/**
 * `sase memory review`: list, show, approve, edit-approve or reject memory
 * proposals. Without an id (or with `--list`) it lists pending proposals;
 * the interactive review screen is the TUI's (not part of this command yet).
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { usageError } from "../../core/errors.ts";
import { READ_LIMITS, readTextBounded } from "../../core/fs/bounded_read.ts";
import { resolve } from "../../core/fs/path.ts";
import { requireHumanReviewer } from "../../core/memory/identity.ts";
import type { ProposalState } from "../../core/memory/ledger.ts";
import {
  approveProposal,
  findProposal,
  listProposals,
  proposalBody,
  rejectProposal,
  type ReviewResult,
} from "../../core/memory/review.ts";
import { proposalListWire, proposalShowWire, reviewWire } from "../../core/memory/wire.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { editText } from "../../core/editor.ts";
import { formatTable, printJson, style } from "../shared/output.ts";

/** The options of `sase memory review`. */
export interface ReviewOptions {
  list?: boolean;
  all?: boolean;
  show?: boolean;
  approve?: boolean;
  edit?: boolean;
  editedFile?: string;
  reject?: boolean;
  reason?: string;
  target?: string;
  json?: boolean;
}

const inert = (text: string) => neutralizeControls(text, { keepLayout: false });

function printList(states: readonly ProposalState[], all: boolean): void {
  if (states.length === 0) {
    console.log(all ? "No memory proposals." : "No pending memory proposals.");
    return;
  }
  console.log(formatTable(
    ["ID", "STATUS", "TARGET", "AUTHOR", "TITLE"],
    states.map((s) => [
      s.proposal.proposal_id,
      s.status,
      inert(`memory/${s.targetPath}`),
      inert(s.proposal.author_name),
      inert(s.proposal.title),
    ]),
  ));
}

function showLines(state: ProposalState, body: string): string[] {
  const p = state.proposal;
  const lines = [
    `id:        ${p.proposal_id}`,
    `status:    ${state.status}`,
    `title:     ${inert(p.title)}`,
    `target:    memory/${inert(state.targetPath)}`,
    `author:    ${inert(p.author_name)} (${inert(p.author_source)})`,
    `created:   ${p.timestamp}`,
    `keywords:  ${p.keywords.map(inert).join(", ") || "-"}`,
    "evidence:",
    ...p.evidence.map((e) =>
      `  - ${e.kind}: ${inert(e.raw)}${e.kind === "path" ? (e.exists ? "" : " (missing)") : ""}`
    ),
  ];
  if (p.warnings.length > 0) {
    lines.push("warnings:");
    for (const w of p.warnings) {
      lines.push(`  - ${w.code}: ${inert(w.message)}${w.match ? ` ('${inert(w.match)}')` : ""}`);
    }
  }
  if (state.review) {
    lines.push(`reviewed:  ${state.review.event_type} by ${inert(state.review.reviewer_user)}`);
    if (state.review.reason) lines.push(`reason:    ${inert(state.review.reason)}`);
  }
  lines.push("", "--- body ---", neutralizeControls(body, { keepLayout: true }));
  return lines;
}

function printDecision(result: ReviewResult, json: boolean | undefined): void {
  if (json) return printJson(reviewWire(result));
  const id = result.state.proposal.proposal_id;
  if (result.canonicalPath) console.log(`approved ${id}: wrote ${inert(result.canonicalPath)}`);
  else console.log(`rejected ${id}`);
  for (const warning of result.warnings) {
    console.log(`${style("yellow", "warning")} ${inert(warning)}`);
  }
}

/** Run `sase memory review`. */
export async function runReview(
  app: AppContext,
  id: string | undefined,
  options: ReviewOptions,
): Promise<void> {
  const actions = [options.show, options.approve || options.edit, options.reject].filter(Boolean);
  if (actions.length > 1) throw usageError("choose one of --show, --approve/--edit, --reject");
  if (options.edit && options.editedFile !== undefined) {
    throw usageError("--edit opens an editor; --edited-file goes with --approve");
  }
  if (options.editedFile !== undefined && !options.approve) {
    throw usageError("--edited-file needs --approve");
  }
  if (options.target !== undefined && !(options.approve || options.edit)) {
    throw usageError("--target chooses an approval target; use it with --approve or --edit");
  }
  if (options.reason !== undefined && !options.reject) {
    throw usageError("--reason goes with --reject");
  }
  if (id === undefined || options.list) {
    if (actions.length > 0) throw usageError("--show/--approve/--edit/--reject need a proposal id");
    const states = (await listProposals(app)).filter((s) => options.all || s.status === "pending");
    if (options.json) return printJson(proposalListWire(states));
    return printList(states, options.all ?? false);
  }
  if (options.reject) {
    if (options.reason === undefined) throw usageError('--reject needs --reason "..."');
    return printDecision(await rejectProposal(app, id, options.reason), options.json);
  }
  if (options.approve || options.edit) {
    await requireHumanReviewer(app.env);
    let editedBody: string | undefined;
    if (options.editedFile !== undefined) {
      editedBody = await readTextBounded(resolve(app.cwd, options.editedFile), READ_LIMITS.input);
    } else if (options.edit) {
      editedBody = await editText(await proposalBody(await findProposal(app, id)), app.env, {
        empty: "empty memory body; nothing approved",
      });
    }
    return printDecision(
      await approveProposal(app, id, { target: options.target, editedBody }),
      options.json,
    );
  }
  const state = await findProposal(app, id);
  const body = await proposalBody(state);
  if (options.json) return printJson(proposalShowWire(state, body));
  for (const line of showLines(state, body)) console.log(line);
}
