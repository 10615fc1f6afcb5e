/**
 * Opening the Plan Review for a PlanApproval notification: read the
 * proposal's `plan_request.json` and archived plan, and the planner's
 * provider and model from its run for the title badge. A proposal already
 * answered, or one whose files are gone, is an error the shell shows.
 *
 * @module
 */

import type { AppContext } from "../../../../core/context.ts";
import { SaseError } from "../../../../core/errors.ts";
import type { Notification } from "../../../../core/notify/model.ts";
import { plannerDirOf, readPlanner } from "../../../../core/sdd/follow_up.ts";
import { readPlanFile, readRequest, readResponse } from "../../../../core/sdd/proposals.ts";
import type { AceModal } from "../modal.ts";
import { PlanReviewModal } from "./controller.ts";

/** The Plan Review of `notification` (a `PlanApproval` one). */
export async function loadPlanReview(
  _app: AppContext,
  notification: Notification,
): Promise<AceModal> {
  const dir = notification.action_data?.response_dir;
  if (notification.action !== "PlanApproval" || typeof dir !== "string") {
    throw new SaseError(
      "plan.not_found",
      `notification ${notification.id.slice(0, 8)} is not a plan proposal`,
      { kind: "invalid-input" },
    );
  }
  if (await readResponse(dir)) {
    throw new SaseError(
      "plan.already_handled",
      `plan proposal ${notification.id.slice(0, 8)} was already answered`,
      { kind: "conflict" },
    );
  }
  const request = await readRequest(dir);
  if (!request) {
    throw new SaseError("plan.corrupt", `${dir} has no plan_request.json`, {
      kind: "invalid-data",
    });
  }
  const [planText, planner] = await Promise.all([
    readPlanFile(request.plan_file),
    readPlanner(plannerDirOf(dir)),
  ]);
  return new PlanReviewModal({
    info: {
      id: notification.id,
      planFile: request.plan_file,
      planText,
      tier: request.tier,
      ...(planner?.provider ? { provider: planner.provider } : {}),
      ...(planner?.model ? { model: planner.model } : {}),
    },
    scroll: 0,
    feedback: null,
  }, (again) => loadPlanReview(again, notification));
}
