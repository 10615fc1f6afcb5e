/**
 * Rejecting a pending plan proposal, or sending it back with feedback
 * (`sase` front doors: ACE's Plan Review `r`/`f`, the gateway's reject and
 * feedback routes): under the response file's lock, `plan_response.json` is
 * written once as `{"action": "reject"}` (plus `feedback`, and `revise:
 * true` when the planner is asked to revise rather than stop), then the
 * notification is marked handled — the same frame as {@linkcode approvePlan}
 * (`pending_answer.ts`), so a plan is never both approved and rejected.
 * Nothing is committed.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import type { Env } from "../config/paths.ts";
import { recordResponse } from "../notify/respond.ts";
import { answerPendingProposal } from "./pending_answer.ts";
import type { PlanResponse } from "./proposal_files.ts";

/** Options of {@linkcode rejectPlan}. */
export interface RejectOptions {
  env: Env;
  /** Id prefix of the proposal (omitted: the only pending one). */
  selector?: string;
  /** Why, for the planner and the record (blank is no feedback); required when `revise` is set. */
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
  return await answerPendingProposal(options.env, options.selector, async (row, responsePath) => {
    const response: PlanResponse = {
      action: "reject",
      ...(feedback !== undefined ? { feedback } : {}),
      ...(options.revise ? { revise: true } : {}),
    };
    await recordResponse(options.env, row.id, responsePath, response);
    return { id: row.id, responsePath, response };
  });
}
