/**
 * The files of the plan approval protocol, `plan_request.json` and
 * `plan_response.json`: their shapes, and the schemas their readers (listing
 * and approving proposals) check them with. Proposing a plan only writes a
 * request, so it imports the shapes alone and never loads the schemas.
 *
 * @module
 */

import { z } from "zod";

/** `plan_request.json`: what was proposed. */
export interface PlanRequest {
  schema_version: 1;
  notification_id: string;
  /** The archived plan copy approval reads. */
  plan_file: string;
  original_file: string;
  /** The expanded prompt the planner received, when known. */
  prompt_file: string | null;
  project_dir: string;
  tier: string;
  title: string;
  created_at: string;
}

/** `plan_response.json`: the decision. */
export interface PlanResponse {
  action: "approve" | "epic" | "reject";
  commit_plan?: boolean;
  run_coder?: boolean;
  coder_prompt?: string;
  coder_model?: string;
  [extra: string]: unknown;
}

/** `plan_request.json`. */
export const RequestSchema: z.ZodType<PlanRequest> = z.object({
  schema_version: z.literal(1),
  notification_id: z.string(),
  plan_file: z.string(),
  original_file: z.string(),
  prompt_file: z.string().nullable(),
  project_dir: z.string(),
  tier: z.string(),
  title: z.string(),
  created_at: z.string(),
});

/** `plan_response.json` (any further keys kept). */
export const ResponseSchema: z.ZodType<PlanResponse> = z.looseObject({
  action: z.enum(["approve", "epic", "reject"]),
  commit_plan: z.boolean().optional(),
  run_coder: z.boolean().optional(),
  coder_prompt: z.string().optional(),
  coder_model: z.string().optional(),
});
