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
import type { QuestionResponse } from "../question/model.ts";
import { importOnDemand } from "../on_demand.ts";
import { actionKindOf, RESPONSE_FILES } from "./action_state.ts";
import { type ActionFamily, resolvePendingAction } from "./action_targets.ts";
import { GatewayError } from "./errors.ts";
import { SaseError } from "../errors.ts";
import type { ActionResultWire } from "./wire.ts";

/** A plan decision from the phone. */
export type PlanAction =
  | { action: "approve"; commitPlan: boolean; runCoder: boolean }
  | { action: "run"; coderPrompt: string | null }
  | { action: "reject"; feedback: string | null }
  | { action: "feedback"; feedback: string }
  | { action: "tale" }
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

/** A question answer from the phone. */
export interface QuestionAction {
  choice: "answer" | "custom";
  questionIndex: number;
  optionId: string | null;
  optionIndex: number | null;
  optionLabel: string | null;
  customAnswer: string | null;
  globalNote: string | null;
}

/**
 * Answer the user question `prefix` names, through the same service as
 * `sase questions answer` (`core/question/answer.ts`): the response is
 * created once and the notification marked handled. An option is chosen by
 * id, 0-based index or label.
 */
export async function runQuestionAction(
  app: AppContext,
  prefix: string,
  action: QuestionAction,
): Promise<ActionOutcome> {
  const record = await resolve(app, "question", prefix);
  const { answerQuestions } = await import("../question/answer.ts");
  const custom = action.choice === "custom";
  // The phone names one option (by id, else index, else label) or sends a custom answer;
  // the shared service checks it (unknown option, empty custom text, nothing chosen).
  const input = custom
    ? { custom: action.customAnswer ?? "" }
    : action.optionId !== null
    ? { ids: [action.optionId] }
    : action.optionIndex !== null
    ? { indexes: [action.optionIndex + 1] }
    : action.optionLabel !== null
    ? { options: [action.optionLabel] }
    : {};
  let response: QuestionResponse;
  try {
    ({ response } = await answerQuestions(
      app,
      record,
      [{ question: action.questionIndex + 1, ...input }],
      action.globalNote,
    ));
  } catch (error) {
    if (error instanceof SaseError && error.code === "notify.already_answered") {
      throw new GatewayError(
        "conflict_already_handled",
        `the question '${prefix}' was already answered`,
        { kind: "conflict", target: prefix },
      );
    }
    if (error instanceof SaseError && error.code === "question.answer") {
      throw new GatewayError("invalid_request", error.message, {
        kind: "invalid-input",
        target: prefix,
      });
    }
    throw error;
  }
  return { result: result(record, prefix, response, "Question answered"), launched: [] };
}

/**
 * A gate answer (the contract's generic action route): the selected option
 * ids of a plan approval (`approve` [+ `commit`], `reject`, `feedback`) or
 * a HITL checkpoint (`accept`/`approve`, `reject`, `feedback`), run as the
 * matching plan or HITL action. Other gates are `unsupported_action`.
 */
export async function runGateAction(
  app: AppContext,
  prefix: string,
  selected: readonly string[],
  feedback: string | null,
): Promise<ActionOutcome> {
  const ids = new Set(selected);
  const text = feedback?.trim() ?? "";
  const needText = () => {
    if (text) return text;
    throw new GatewayError("invalid_request", "the feedback option needs feedback text", {
      kind: "invalid-input",
      target: prefix,
    });
  };
  const { records } = await readNotifications(notificationsPath(app.env));
  const family = (["plan", "hitl"] as const).find((candidate) =>
    records.some((record) =>
      record.id.startsWith(prefix) &&
      (candidate === "plan"
        ? ["plan_approval", "epic_approval"].includes(actionKindOf(record))
        : actionKindOf(record) === "hitl")
    )
  );
  if (family === "plan") {
    const action: PlanAction = ids.has("feedback")
      ? { action: "feedback", feedback: needText() }
      : ids.has("reject")
      ? { action: "reject", feedback: text || null }
      : ids.has("approve")
      ? { action: "approve", commitPlan: ids.has("commit"), runCoder: true }
      : unsupportedGate(prefix, selected);
    return await runPlanAction(app, prefix, action);
  }
  if (family === "hitl") {
    const action: HitlAction = ids.has("feedback")
      ? { action: "feedback", feedback: needText() }
      : ids.has("reject")
      ? { action: "reject" }
      : ids.has("accept") || ids.has("approve")
      ? { action: "accept" }
      : unsupportedGate(prefix, selected);
    return await runHitlAction(app, prefix, action);
  }
  throw new GatewayError("unsupported_action", `no plan or HITL gate matches '${prefix}'`, {
    kind: "not-found",
    target: prefix,
    status: 404,
  });
}

function unsupportedGate(prefix: string, selected: readonly string[]): never {
  throw new GatewayError("unsupported_action", `unknown gate options: ${selected.join(", ")}`, {
    kind: "invalid-input",
    target: prefix,
  });
}
