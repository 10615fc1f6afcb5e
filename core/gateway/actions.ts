/**
 * Plan, HITL and question actions from the phone, through the same core
 * services the CLI uses: `approvePlan` / `rejectPlan` (as `sase plan
 * approve` does, then the same follow-up launch) and `decideHitl` (as
 * `sase agent hitl` does). The pending action is resolved first
 * (`action_targets.ts`); the services write each response file once, so a
 * second answer — from the phone, ACE or the CLI — is a conflict and the
 * first answer stays.
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import { notificationsPath } from "../config/paths.ts";
import { readNotifications } from "../notify/store.ts";
import type { Notification } from "../notify/model.ts";
import type { ApprovalKind } from "../sdd/approval_kinds.ts";
import { importOnDemand } from "../on_demand.ts";
import { actionKindOf, RESPONSE_FILES } from "./action_state.ts";
import { type ActionFamily, resolvePendingAction } from "./action_targets.ts";
import { GatewayError } from "./errors.ts";
import type { ActionResultWire } from "./wire.ts";

/** A plan decision from the phone. */
export type PlanAction =
  | { action: "approve"; commitPlan: boolean; runCoder: boolean }
  | { action: "run"; coderPrompt: string | null }
  | { action: "reject"; feedback: string | null }
  | { action: "feedback"; feedback: string }
  | { action: "epic" }
  | { action: "legend" };

/** A HITL decision from the phone. */
export type HitlAction =
  | { action: "accept" }
  | { action: "reject" }
  | { action: "feedback"; feedback: string };

/** What an action did, besides its wire result: agents it launched. */
export interface ActionOutcome {
  result: ActionResultWire;
  /** Names of agents the action launched (follow-up coders). */
  launched: string[];
}

async function resolve(
  app: AppContext,
  family: ActionFamily,
  prefix: string,
): Promise<Notification> {
  const { records } = await readNotifications(notificationsPath(app.env));
  return resolvePendingAction(records, family, prefix);
}

function result(
  record: Notification,
  prefix: string,
  responseJson: unknown,
  message: string,
): ActionResultWire {
  const kind = actionKindOf(record);
  return {
    schema_version: 1,
    action_kind: kind,
    prefix,
    notification_id: record.id,
    state: "available",
    response_file: RESPONSE_FILES[kind],
    response_json: responseJson,
    message,
  };
}

/** The approval kind of an approve request (`commit_plan`, `run_coder`). */
function approvalKind(commitPlan: boolean, runCoder: boolean): ApprovalKind | undefined {
  if (commitPlan && !runCoder) return "commit";
  if (!commitPlan && runCoder) return "approve";
  if (commitPlan && runCoder) return undefined; // the tier the plan declares
  throw new GatewayError(
    "invalid_request",
    "an approval must commit the plan, run the coder, or both",
    { kind: "invalid-input" },
  );
}

/** Answer the plan approval `prefix` names. */
export async function runPlanAction(
  app: AppContext,
  prefix: string,
  action: PlanAction,
): Promise<ActionOutcome> {
  const record = await resolve(app, "plan", prefix);
  if (action.action === "reject" || action.action === "feedback") {
    const { rejectPlan } = await importOnDemand<typeof import("../sdd/reject.ts")>(
      "../sdd/reject.ts",
      import.meta.url,
    );
    const done = await rejectPlan({
      env: app.env,
      selector: record.id,
      feedback: action.feedback ?? undefined,
      revise: action.action === "feedback",
    });
    const message = action.action === "feedback" ? "Feedback sent" : "Plan rejected";
    return { result: result(record, prefix, done.response, message), launched: [] };
  }
  const { approvePlan } = await importOnDemand<typeof import("../sdd/approve.ts")>(
    "../sdd/approve.ts",
    import.meta.url,
  );
  const kind = action.action === "approve"
    ? approvalKind(action.commitPlan, action.runCoder)
    : action.action === "run"
    ? undefined
    : action.action;
  const prompt = action.action === "run" ? action.coderPrompt ?? undefined : undefined;
  const approved = await approvePlan({ env: app.env, selector: record.id, kind, prompt });
  const launched: string[] = [];
  let message = `Plan approved as ${approved.kind}`;
  if (approved.followUp) {
    const { launchFollowUp } = await importOnDemand<
      typeof import("../sdd/follow_up_launch.ts")
    >("../sdd/follow_up_launch.ts", import.meta.url);
    try {
      const follow = await launchFollowUp(app, approved.followUp);
      if (follow.kind === "coder") launched.push(...follow.launched.map((agent) => agent.name));
      message += follow.kind === "coder"
        ? `; launched ${launched.join(", ")}`
        : "; bead work launched";
    } catch (error) {
      // The approval stands (its response is written); the launch can be retried from the host.
      message += `; the follow-up launch failed: ${(error as Error).message}`;
    }
  }
  return { result: result(record, prefix, approved.response, message), launched };
}

/** Decide the HITL checkpoint `prefix` names. */
export async function runHitlAction(
  app: AppContext,
  prefix: string,
  action: HitlAction,
): Promise<ActionOutcome> {
  const record = await resolve(app, "hitl", prefix);
  const agent = record.action_data?.agent_name;
  if (typeof agent !== "string" || agent === "") {
    throw new GatewayError("gone_stale", `the HITL notification '${prefix}' names no agent`, {
      kind: "conflict",
      target: prefix,
    });
  }
  const { decideHitl } = await importOnDemand<typeof import("../workflow/hitl_service.ts")>(
    "../workflow/hitl_service.ts",
    import.meta.url,
  );
  const { responseFor } = await importOnDemand<typeof import("../workflow/hitl.ts")>(
    "../workflow/hitl.ts",
    import.meta.url,
  );
  const decision = action.action === "feedback"
    ? { action: "reject" as const, feedback: action.feedback }
    : { action: action.action };
  const decided = await decideHitl(app, agent, decision);
  const message = decided.resumed ? `Decision sent; ${agent} resumed` : "Decision sent";
  return { result: result(record, prefix, responseFor(decision), message), launched: [] };
}
