/**
 * The shapes of a workflow file's values (zod), checked before the
 * structural rules in `parse.ts`: each field of a step and of the top level
 * with its accepted YAML forms. Keys the format does not know are reported
 * as warnings (files written for the original may carry extra keys), not
 * refused.
 *
 * @module
 */

import { z } from "zod";

const text = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const flag = z.boolean({ error: "must be true or false" });
const positiveInt = z.number({ error: "must be a whole number" }).int("must be a whole number")
  .positive("must be at least 1");

/** `while:`: a condition, or `{condition, max}`. */
const whileSchema = z.union([
  z.string(),
  z.object({ condition: text, max: positiveInt.optional() }, {
    error: "must be a condition or a mapping with 'condition' (and optional 'max')",
  }),
], { error: "must be a condition or a mapping with 'condition' (and optional 'max')" });

/** `repeat:`: `{until, max}`. */
const repeatSchema = z.object({ until: text, max: positiveInt.optional() }, {
  error: "must be a mapping with 'until' (and optional 'max')",
});

/** `for:`: loop variable → expression (or a literal YAML list). */
const forSchema = z.record(z.string(), z.union([text, z.array(z.unknown())]), {
  error: "must be a mapping of loop variables to list expressions",
});

/** Step keys the format defines (everything else is reported as unknown). */
export const STEP_KEYS = [
  "name",
  "agent",
  "prompt",
  "prompt_part",
  "bash",
  "python",
  "parallel",
  "use",
  "output",
  "artifact",
  "if",
  "for",
  "on_error",
  "while",
  "repeat",
  "join",
  "hidden",
  "hitl",
  "finally",
] as const;

/** One step as YAML gives it (before the structural checks). */
export const rawStepSchema = z.object({
  name: text.optional(),
  agent: text.optional(),
  prompt: text.optional(),
  prompt_part: text.optional(),
  bash: text.optional(),
  python: text.optional(),
  parallel: z.array(z.unknown(), { error: "must be a list of steps" }).optional(),
  output: z.unknown().optional(),
  artifact: text.optional(),
  if: text.optional(),
  for: forSchema.optional(),
  on_error: text.optional(),
  while: whileSchema.optional(),
  repeat: repeatSchema.optional(),
  join: text.optional(),
  hidden: flag.optional(),
  hitl: flag.optional(),
  finally: flag.optional(),
}).loose();

/** A raw step. */
export type RawStep = z.infer<typeof rawStepSchema>;

/** Top-level keys the format defines. */
export const WORKFLOW_KEYS = [
  "name",
  "description",
  "tags",
  "hidden",
  "wraps_all",
  "input",
  "environment",
  "xprompts",
  "steps",
] as const;

/** The top level as YAML gives it. */
export const rawWorkflowSchema = z.object({
  name: text.optional(),
  description: text.optional(),
  tags: z.union([z.string(), z.array(text)], { error: "must be a comma string or a list" })
    .optional(),
  hidden: flag.optional(),
  wraps_all: flag.optional(),
  input: z.unknown().optional(),
  environment: z.record(z.string(), text.nullable(), {
    error: "must be a mapping of variable names to values",
  }).optional(),
  xprompts: z.unknown().optional(),
  steps: z.array(z.unknown(), { error: "must be a list of steps" }),
}).loose();

/** The raw top level. */
export type RawWorkflow = z.infer<typeof rawWorkflowSchema>;

/**
 * The first problem of a failed parse as `'<field>' <message>` (the field
 * path joined with dots).
 */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue.path.map(String).join(".");
  return path ? `'${path}' ${issue.message}` : issue.message;
}
