/**
 * The request bodies of the gateway, validated at the edge (zod): every
 * body carries `schema_version: 1`; unknown keys are ignored (a newer app
 * may send more), known keys must have the right type and bounds.
 *
 * @module
 */

import { z } from "zod";
import {
  HINT_CATEGORIES,
  SUBSCRIPTION_PROVIDERS,
} from "../../../core/gateway/push_subscriptions.ts";

const version = { schema_version: z.literal(1) };
const text = (max: number) => z.string().max(max);
const optionalText = (max: number) => z.string().max(max).nullish();

/** `POST /session/pair/start`. */
export const PairStartBody = z.looseObject({ ...version, host_label: optionalText(200) });

/** `POST /session/pair/finish`. */
export const PairFinishBody = z.looseObject({
  ...version,
  pairing_id: text(100).min(1),
  code: z.string().regex(/^\d{6}$/, "must be 6 digits"),
  device: z.looseObject({
    display_name: text(100).min(1),
    platform: text(40).min(1),
    app_version: optionalText(40),
  }),
});

/** Bodies of actions without fields (`epic`, `legend`, HITL `accept`/`reject`). */
export const EmptyActionBody = z.looseObject({ ...version });

/** `POST /actions/plan/{prefix}/approve`. */
export const PlanApproveBody = z.looseObject({
  ...version,
  commit_plan: z.boolean().default(true),
  run_coder: z.boolean().default(true),
});

/** `POST /actions/plan/{prefix}/run`. */
export const PlanRunBody = z.looseObject({ ...version, coder_prompt: optionalText(20_000) });

/** `POST /actions/plan/{prefix}/reject`. */
export const PlanRejectBody = z.looseObject({ ...version, feedback: optionalText(20_000) });

/** `POST …/feedback` (plan and HITL). */
export const FeedbackBody = z.looseObject({
  ...version,
  feedback: text(20_000).refine((value) => value.trim() !== "", "must not be blank"),
});

/** Describe the first problem of a failed parse as `field: message`. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const field = issue.path.map(String).join(".") || "(body)";
  return `${field}: ${issue.message}`;
}

/** `POST /session/push-subscriptions`. */
export const PushSubscriptionBody = z.looseObject({
  ...version,
  provider: z.enum(SUBSCRIPTION_PROVIDERS),
  provider_token: text(4096).min(1),
  app_instance_id: optionalText(200),
  device_display_name: optionalText(100),
  platform: optionalText(40),
  app_version: optionalText(40),
  hint_categories: z.array(z.enum(HINT_CATEGORIES)).max(HINT_CATEGORIES.length).default([
    ...HINT_CATEGORIES,
  ]),
});
