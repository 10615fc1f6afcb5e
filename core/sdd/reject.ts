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

import { join } from "../fs/path.ts";
import { SaseError } from "../errors.ts";
import type { Env } from "../config/paths.ts";
import { withFileLock } from "../fs/lock.ts";
import { exists } from "../fs/access.ts";
import { recordResponse } from "../notify/respond.ts";
import { selectProposal } from "./approve.ts";
import type { PlanResponse } from "./proposal_files.ts";
import { listProposals, RESPONSE_FILE } from "./proposals.ts";

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
  const row = selectProposal(await listProposals(options.env), options.selector);
  const responsePath = join(row.responseDir!, RESPONSE_FILE);
  const feedback = options.feedback?.trim();
  return await withFileLock(responsePath, async () => {
    if (await exists(responsePath)) {
      throw new SaseError(
        "plan.already_handled",
        `plan proposal ${row.idPrefix} was already answered (${responsePath})`,
        { kind: "conflict" },
      );
    }
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
