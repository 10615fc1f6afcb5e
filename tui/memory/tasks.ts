/**
 * The review screen's work: reading the pending proposals (with their
 * draft bodies and whether their target is taken) and carrying out the
 * controller's decisions through `core/memory/review.ts`, the services the
 * non-TTY `sase memory review` uses (so the same identity rule, locking and
 * no-overwrite rule apply). Every outcome comes back as a message; a
 * failure becomes an error toast, never an exception.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { editText } from "../../core/editor.ts";
import { exists } from "../../core/fs/access.ts";
import { join } from "../../core/fs/path.ts";
import { requireHumanReviewer } from "../../core/memory/identity.ts";
import { MEMORY_DIR, projectRoot } from "../../core/memory/layout.ts";
import {
  approveProposal,
  findProposal,
  listProposals,
  proposalBody,
  rejectProposal,
  type ReviewResult,
} from "../../core/memory/review.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import type { ToastInput } from "../widgets/toasts.ts";
import type { ReviewEntry } from "./context.ts";
import type { ReviewMessage } from "./controller.ts";
import { errorToast } from "./error_toast.ts";

const inert = (text: string) => neutralizeControls(text, { keepLayout: false });

/** The pending proposals of `app.cwd`'s project, in ledger order. */
export async function loadEntries(app: AppContext): Promise<ReviewEntry[]> {
  const root = await projectRoot(app.cwd);
  const pending = (await listProposals(app)).filter((state) => state.status === "pending");
  return await Promise.all(pending.map(async (state): Promise<ReviewEntry> => {
    let body: string | null = null;
    let bodyError: string | null = null;
    try {
      body = await proposalBody(state);
    } catch (error) {
      bodyError = errorToast(error).text;
    }
    const targetExists = await exists(join(root, MEMORY_DIR, state.targetPath));
    return { state, body, bodyError, targetExists };
  }));
}

/** The list read again after an action, carrying what the action reported. */
export async function reload(
  app: AppContext,
  toasts: readonly ToastInput[] = [],
): Promise<ReviewMessage> {
  try {
    return { kind: "loaded", entries: await loadEntries(app), toasts };
  } catch (error) {
    return { kind: "report", toasts: [...toasts, errorToast(error)] };
  }
}

function decisionToasts(result: ReviewResult): ToastInput[] {
  const id = result.state.proposal.proposal_id;
  const toasts: ToastInput[] = [{
    severity: "info",
    text: result.canonicalPath
      ? `approved ${id}: wrote ${MEMORY_DIR}/${inert(result.state.targetPath)}`
      : `rejected ${id}`,
  }];
  for (const warning of result.warnings) toasts.push({ severity: "warning", text: inert(warning) });
  return toasts;
}

async function decided(app: AppContext, decision: Promise<ReviewResult>): Promise<ReviewMessage> {
  let result: ReviewResult;
  try {
    result = await decision;
  } catch (error) {
    return { kind: "report", toasts: [errorToast(error)] };
  }
  return await reload(app, decisionToasts(result));
}

/** Approve `id` as proposed (into `target` when given). */
export function approve(app: AppContext, id: string, target?: string): Promise<ReviewMessage> {
  return decided(app, approveProposal(app, id, { target }));
}

/** Reject `id` with `reason`. */
export function reject(app: AppContext, id: string, reason: string): Promise<ReviewMessage> {
  return decided(app, rejectProposal(app, id, reason));
}

/**
 * Open the draft of `id` in `$VISUAL`/`$EDITOR` and approve what was saved
 * (the caller has given the terminal to the editor). An emptied body
 * approves nothing.
 */
export async function editAndApprove(
  app: AppContext,
  id: string,
  target?: string,
): Promise<ReviewMessage> {
  let editedBody: string;
  try {
    // An agent is refused before the editor opens, not after the edit.
    await requireHumanReviewer(app.env);
    editedBody = await editText(await proposalBody(await findProposal(app, id)), app.env, {
      empty: "empty memory body; nothing approved",
    });
  } catch (error) {
    return { kind: "report", toasts: [errorToast(error)] };
  }
  return decided(app, approveProposal(app, id, { target, editedBody }));
}
