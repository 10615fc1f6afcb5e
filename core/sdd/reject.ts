/**
 * Rejecting a pending plan proposal (ACE's Plan Review `r`/`f`, the
 * gateway's reject route): under the response file's lock, write
 * `plan_response.json` once with `action: reject` (and the reviewer's
 * feedback when there is any), then mark the notification handled — the
 * same protocol and the same create-once rule as {@linkcode approvePlan}, so
 * a plan is never both approved and rejected.
 *
 * @module
 */

import type { Env } from "../config/paths.ts";
import { recordResponse } from "../notify/respond.ts";
import { answerPendingProposal } from "./pending_answer.ts";
import type { PlanResponse } from "./proposal_files.ts";

/** Options of {@linkcode rejectPlan}. */
export interface RejectOptions {
  env: Env;
  /** Id prefix of the proposal (omitted: the only pending one). */
  selector?: string;
  /** Why, for the planner and the record (blank is no feedback). */
  feedback?: string;
}

/** What rejecting did. */
export interface RejectResult {
  id: string;
  responsePath: string;
  response: PlanResponse;
}

/** Reject a pending proposal. */
export async function rejectPlan(options: RejectOptions): Promise<RejectResult> {
  const feedback = options.feedback?.trim();
  return await answerPendingProposal(options.env, options.selector, async (row, responsePath) => {
    const response: PlanResponse = {
      action: "reject",
      commit_plan: false,
      run_coder: false,
      ...(feedback ? { feedback } : {}),
    };
    await recordResponse(options.env, row.id, responsePath, response);
    return { id: row.id, responsePath, response };
  });
}
