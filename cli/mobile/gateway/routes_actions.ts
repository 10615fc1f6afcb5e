/**
 * The action routes: plan, HITL, question and gate decisions. Each is
 * audited (device, endpoint, prefix, outcome) and, on success, publishes
 * `notifications_changed` (and `agents_changed` for what it launched).
 *
 * @module
 */

import type { Hono } from "hono";
import type { GatewayHost } from "../../../core/gateway/host.ts";
import { GatewayError } from "../../../core/gateway/errors.ts";
import {
  type ActionOutcome,
  type HitlAction,
  type PlanAction,
  runGateAction,
  runHitlAction,
  runPlanAction,
  runQuestionAction,
} from "../../../core/gateway/actions.ts";
import { audited, type Ctx, type Env, parseBody } from "./request.ts";
import {
  EmptyActionBody,
  FeedbackBody,
  GateBody,
  PlanApproveBody,
  PlanRejectBody,
  PlanRunBody,
  QuestionBody,
} from "./bodies.ts";

function unsupported(action: string): GatewayError {
  return new GatewayError("unsupported_action", `unknown action '${action}'`, {
    kind: "invalid-input",
    target: action,
  });
}

async function planAction(c: Ctx, action: string): Promise<PlanAction> {
  switch (action) {
    case "approve": {
      const body = await parseBody(c, PlanApproveBody);
      return { action: "approve", commitPlan: body.commit_plan, runCoder: body.run_coder };
    }
    case "run":
      return { action: "run", coderPrompt: (await parseBody(c, PlanRunBody)).coder_prompt ?? null };
    case "reject":
      return { action: "reject", feedback: (await parseBody(c, PlanRejectBody)).feedback ?? null };
    case "feedback":
      return { action: "feedback", feedback: (await parseBody(c, FeedbackBody)).feedback };
    case "tale":
    case "epic":
    case "legend":
      await parseBody(c, EmptyActionBody);
      return { action };
    default:
      throw unsupported(action);
  }
}

async function hitlAction(c: Ctx, action: string): Promise<HitlAction> {
  switch (action) {
    case "accept":
    case "reject":
      await parseBody(c, EmptyActionBody);
      return { action };
    case "feedback":
      return { action: "feedback", feedback: (await parseBody(c, FeedbackBody)).feedback };
    default:
      throw unsupported(action);
  }
}

/** Add the action routes to `app`. */
export function registerActionRoutes(app: Hono<Env>, host: GatewayHost): void {
  /** Run an action for the route's prefix: audited, then announced. */
  async function answer(
    c: Ctx,
    reason: string,
    run: (prefix: string) => Promise<ActionOutcome>,
  ): Promise<Response> {
    const prefix = c.req.param("prefix")!;
    const outcome = await audited(host, c, prefix, () => run(prefix));
    host.notificationsChanged(reason, outcome.result.notification_id);
    for (const name of outcome.launched) host.agentsChanged("launched", name);
    if (reason === "hitl_action") host.agentsChanged(reason, null);
    return c.json(outcome.result);
  }

  app.post(
    "/api/v1/actions/plan/:prefix/:action",
    (c) =>
      answer(
        c,
        "plan_action",
        async (prefix) =>
          runPlanAction(host.app, prefix, await planAction(c, c.req.param("action"))),
      ),
  );

  app.post(
    "/api/v1/actions/hitl/:prefix/:action",
    (c) =>
      answer(
        c,
        "hitl_action",
        async (prefix) =>
          runHitlAction(host.app, prefix, await hitlAction(c, c.req.param("action"))),
      ),
  );

  for (const choice of ["answer", "custom"] as const) {
    app.post(
      `/api/v1/actions/question/:prefix/${choice}`,
      (c) =>
        answer(c, "question_action", async (prefix) => {
          const body = await parseBody(c, QuestionBody);
          return await runQuestionAction(host.app, prefix, {
            choice,
            questionIndex: body.question_index ?? 0,
            optionId: body.selected_option_id ?? null,
            optionIndex: body.selected_option_index ?? null,
            optionLabel: body.selected_option_label ?? null,
            customAnswer: body.custom_answer ?? null,
            globalNote: body.global_note ?? null,
          });
        }),
    );
  }

  app.post("/api/v1/actions/gate/:prefix", (c) =>
    answer(c, "gate_action", async (prefix) => {
      const body = await parseBody(c, GateBody);
      return await runGateAction(host.app, prefix, body.selected_option_ids, body.feedback ?? null);
    }));
}
