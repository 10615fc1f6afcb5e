/**
 * Rejecting a pending plan proposal, or sending it back with feedback:
 * `plan_response.json` becomes `{"action": "reject"}` (plus `feedback`,
 * and `revise: true` when the planner is asked to revise rather than stop),
 * created once under the response file's lock, and the notification is
 * marked handled. Nothing is committed.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { SaseError } from "../errors.ts";
import { type Env, notificationsPath } from "../config/paths.ts";
import { markHandled } from "../notify/store.ts";
import { withFileLock } from "../fs/lock.ts";
import { listProposals, RESPONSE_FILE } from "./proposals.ts";
import { selectProposal } from "./approve.ts";
import { writeResponseOnce } from "./respond.ts";
import type { PlanResponse } from "./proposal_files.ts";

/** Options of {@linkcode rejectPlan}. */
export interface RejectOptions {
  env: Env;
  selector?: string;
  /** Why; required when `revise` is set. */
  feedback?: string;
  /** Ask the planner to revise the plan with `feedback` instead of stopping. */
  revise?: boolean;
}

/** What a rejection wrote. */
export interface RejectResult {
  id: string;
  responsePath: string;
  response: PlanResponse;
}

/** Reject (or send back with feedback) a pending proposal. */
export async function rejectPlan(options: RejectOptions): Promise<RejectResult> {
  const feedback = options.feedback?.trim() || undefined;
  if (options.revise && !feedback) {
    throw new SaseError("plan.feedback_missing", "feedback needs a non-empty text", {
      kind: "invalid-input",
    });
  }
  const row = selectProposal(await listProposals(options.env), options.selector);
  const responsePath = join(row.responseDir!, RESPONSE_FILE);
  const response: PlanResponse = {
    action: "reject",
    ...(feedback !== undefined ? { feedback } : {}),
    ...(options.revise ? { revise: true } : {}),
  };
  await withFileLock(responsePath, async () => {
    await writeResponseOnce(responsePath, response, row.idPrefix);
    await markHandled(notificationsPath(options.env), row.id);
  });
  return { id: row.id, responsePath, response };
}
