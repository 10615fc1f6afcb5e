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

const launchFields = {
  ...version,
  prompt: text(100_000),
  name: optionalText(64),
  project: optionalText(100),
  model: optionalText(100),
  provider: optionalText(40),
  runtime: optionalText(40),
  display_name: optionalText(100),
  dry_run: z.boolean().nullish(),
  request_id: optionalText(100),
  /** Bridge requests carry the device; the gateway injects it from the token. */
  device_id: optionalText(100),
};

/** `POST /agents/launch`. */
export const AgentLaunchBody = z.looseObject(launchFields);

/** `POST /agents/launch-image` (the decoded image is checked again when stored). */
export const AgentImageLaunchBody = z.looseObject({
  ...launchFields,
  original_filename: text(200).min(1),
  content_type: text(100).min(1),
  byte_length: z.number().int().nonnegative(),
  base64_image: z.string().min(1),
});

/** `POST /agents/{name}/kill`. */
export const AgentKillBody = z.looseObject({ ...version, reason: optionalText(500) });

/** `POST /agents/{name}/retry`. */
export const AgentRetryBody = z.looseObject({
  ...version,
  dry_run: z.boolean().nullish(),
  prompt_override: optionalText(100_000),
  kill_source_first: z.boolean().nullish(),
  request_id: optionalText(100),
});

/** `POST /update/start`. */
export const UpdateStartBody = z.looseObject({ ...version, request_id: optionalText(100) });

/** `POST /actions/question/{prefix}/answer|custom`. */
export const QuestionBody = z.looseObject({
  ...version,
  question_index: z.number().int().nonnegative().nullish(),
  selected_option_id: optionalText(200),
  selected_option_index: z.number().int().nonnegative().nullish(),
  selected_option_label: optionalText(500),
  custom_answer: optionalText(20_000),
  global_note: optionalText(20_000),
});

/** `POST /actions/gate/{prefix}`. */
export const GateBody = z.looseObject({
  ...version,
  selected_option_ids: z.array(text(100)).min(1).max(10),
  feedback: optionalText(20_000),
});

/** `list-agents` on the agent bridge (the list route's query as JSON). */
export const AgentListBridgeBody = z.looseObject({
  ...version,
  include_recent: z.boolean().nullish(),
  project: optionalText(100),
  status: optionalText(40),
  limit: z.number().int().min(0).max(1000).nullish(),
  device_id: optionalText(100),
});

/** `kill-agent` on the agent bridge. */
export const AgentKillBridgeBody = z.looseObject({
  ...version,
  name: text(100).min(1),
  reason: optionalText(500),
  device_id: optionalText(100),
});

/** `retry-agent` on the agent bridge. */
export const AgentRetryBridgeBody = z.looseObject({
  ...version,
  name: text(100).min(1),
  dry_run: z.boolean().nullish(),
  prompt_override: optionalText(100_000),
  request_id: optionalText(100),
  device_id: optionalText(100),
});

/** The read-only helper operations on the helper bridge. */
export const HelperBridgeBody = z.looseObject({
  ...version,
  project: optionalText(100),
  all_projects: z.boolean().nullish(),
  device_id: optionalText(100),
  limit: z.number().int().min(0).max(1000).nullish(),
  tag: optionalText(100),
  query: optionalText(200),
  source: optionalText(100),
  include_pdf: z.boolean().nullish(),
  status: optionalText(40),
  bead_type: optionalText(40),
  tier: optionalText(40),
  include_closed: z.boolean().nullish(),
});

/** `beads-show` on the helper bridge. */
export const BeadShowBridgeBody = z.looseObject({
  ...version,
  bead_id: text(100).min(1),
  project: optionalText(100),
  all_projects: z.boolean().nullish(),
  device_id: optionalText(100),
});

/** `update-status` on the helper bridge. */
export const UpdateStatusBridgeBody = z.looseObject({ ...version, job_id: text(100).min(1) });
