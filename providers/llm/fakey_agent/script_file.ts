/**
 * fakey script files (JSON or YAML), parsed and checked. A separate module:
 * most fake runs play a built-in scenario, and should not pay for loading
 * the YAML parser and zod.
 *
 * @module
 */

import { parse as parseYaml } from "../../../core/yaml/lib.ts";
import { z } from "zod";
import { SaseError } from "../../../core/errors.ts";
import type { FakeyScript, FakeyStep } from "./script.ts";

const stepSchema: z.ZodType<FakeyStep> = z.union([
  z.object({ text: z.string() }).strict(),
  z.object({
    trickle: z.string(),
    chunks: z.number().int().positive().optional(),
    delay_ms: z.number().int().nonnegative().optional(),
  }).strict(),
  z.object({
    tool: z.string(),
    input: z.record(z.string(), z.unknown()).optional(),
    result: z.string().optional(),
    is_error: z.boolean().optional(),
  }).strict(),
  z.object({ write: z.string(), content: z.string() }).strict(),
  z.object({ shell: z.string() }).strict(),
  z.object({ question: z.string(), options: z.array(z.string()).optional() }).strict(),
  z.object({ stderr: z.string() }).strict(),
  z.object({ sleep_ms: z.number().int().nonnegative() }).strict(),
  z.object({ hang: z.literal(true), child: z.boolean().optional() }).strict(),
]);

const scriptSchema: z.ZodType<FakeyScript> = z.object({
  init: z.boolean().optional(),
  steps: z.array(stepSchema),
  result: z.union([
    z.literal(false),
    z.object({ text: z.string().optional(), error: z.string().optional() }).strict(),
  ]).optional(),
  exit_code: z.number().int().min(0).max(255).optional(),
}).strict();

/** Parse and validate a script file's text (JSON or YAML). */
export function parseScript(text: string, source: string): FakeyScript {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    throw new SaseError("fakey.script", `${source}: not valid JSON/YAML: ${String(error)}`, {
      kind: "invalid-data",
    });
  }
  const result = scriptSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new SaseError(
      "fakey.script",
      `${source}: ${issue.path.map(String).join(".") || "(top level)"}: ${issue.message}`,
      {
        hint: "a fakey script is {steps: [{text: ...} | {tool: ...} | {write: ...} | ...]}",
        kind: "invalid-data",
      },
    );
  }
  return result.data;
}
