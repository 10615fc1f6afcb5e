/**
 * Step output → the value later steps see as `{{ step.field }}` (handbook
 * 10.7.4): JSON when the text is JSON (an agent's reply may carry it in a
 * fenced `json` block), else `key=value` lines, else the raw text as
 * `_output` (bash/python) or `_raw` (agents). With an `output:` spec,
 * `key=value` strings are coerced to the declared types (`int`, `float`,
 * `bool`), defaults are filled in and the result is validated. Pure.
 *
 * @module
 */

import { z } from "zod";
import type { OutputSpec } from "./model.ts";

/** Where the text came from: a bash/python step's stdout or an agent's reply. */
export type OutputSource = "script" | "agent";

/** A parsed step output: an object, or a list for `[{...}]` specs and JSON lists. */
export type StepOutput = Record<string, unknown> | unknown[];

const KEY_VALUE = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;

function parseJson(text: string): StepOutput | undefined {
  if (!text.startsWith("{") && !text.startsWith("[")) return undefined;
  try {
    const value = JSON.parse(text);
    return value && typeof value === "object" ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The JSON an agent's reply carries: its last fenced `json` block, or the whole reply. */
function agentJson(text: string): StepOutput | undefined {
  const blocks = [...text.matchAll(/```(?:json)?[ \t]*\r?\n([\s\S]*?)```/g)];
  for (const block of blocks.reverse()) {
    const value = parseJson(block[1].trim());
    if (value !== undefined) return value;
  }
  return parseJson(text);
}

function keyValues(text: string): Record<string, string> | undefined {
  const result: Record<string, string> = {};
  let found = false;
  for (const line of text.split("\n")) {
    const match = KEY_VALUE.exec(line.trim());
    if (!match) continue;
    result[match[1]] = match[2];
    found = true;
  }
  return found ? result : undefined;
}

/** Parse text without coercion or validation (JSON → `key=value` → raw). */
export function parseOutputText(text: string, source: OutputSource): StepOutput {
  const trimmed = text.trim();
  const json = source === "agent" ? agentJson(trimmed) : parseJson(trimmed);
  if (json !== undefined) return json;
  const pairs = keyValues(trimmed);
  if (pairs) return pairs;
  if (source === "agent") return { _raw: trimmed };
  return trimmed ? { _output: trimmed } : {};
}

const TRUE = new Set(["true", "yes", "1", "on"]);
const FALSE = new Set(["false", "no", "0", "off", ""]);

/** A `key=value` string as the declared type; left as it is when it does not convert. */
export function coerceValue(value: unknown, type: string): unknown {
  if (typeof value !== "string") return value;
  const text = value.trim();
  switch (type) {
    case "bool":
    case "boolean":
      if (TRUE.has(text.toLowerCase())) return true;
      if (FALSE.has(text.toLowerCase())) return false;
      return value;
    case "int":
    case "integer":
      return /^[+-]?\d+$/.test(text) ? Number(text) : value;
    case "float":
    case "number":
      return text !== "" && Number.isFinite(Number(text)) ? Number(text) : value;
    default:
      return value;
  }
}

function coerceObject(
  value: Record<string, unknown>,
  fields: Record<string, string>,
): Record<string, unknown> {
  const result = { ...value };
  for (const [field, type] of Object.entries(fields)) {
    if (field in result) result[field] = coerceValue(result[field], type);
  }
  return result;
}

type Schema = z.ZodType<unknown>;
const schemas = new WeakMap<object, Schema>();

function zodSchema(spec: OutputSpec): Schema {
  let schema = schemas.get(spec.schema);
  if (!schema) {
    schema = z.fromJSONSchema(spec.schema as Parameters<typeof z.fromJSONSchema>[0]) as Schema;
    schemas.set(spec.schema, schema);
  }
  return schema;
}

function describe(issue: z.core.$ZodIssue, value: unknown, spec: OutputSpec): string {
  const path = issue.path.map(String);
  // The declared type names the field's type best (`int`, not JSON Schema's `number`).
  const declared = spec.fields[String(issue.path.findLast((key) => typeof key === "string"))];
  const field = path.length ? `field '${path.join(".")}'` : "the output";
  let got: unknown = value;
  for (const key of issue.path) got = (got as Record<PropertyKey, unknown> | undefined)?.[key];
  const shown = got === undefined ? "nothing" : JSON.stringify(got);
  if (issue.code === "invalid_format" && "pattern" in issue) {
    const rule = String(issue.pattern).includes("\\S")
      ? "be one word (no whitespace)"
      : "be one line";
    return `${field} must ${rule}, got ${shown}`;
  }
  if (issue.code === "invalid_type") {
    return got === undefined
      ? `${field} is missing`
      : `${field} must be ${declared ?? issue.expected}, got ${shown}`;
  }
  return `${field}: ${issue.message}`;
}

/** Why an output does not match its spec. */
export class OutputValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputValidationError";
  }
}

/**
 * Parse `text` into a step output; with `spec`, coerce and validate it
 * (defaults filled in). Throws {@linkcode OutputValidationError} when the
 * output does not match the spec.
 */
export function parseStepOutput(
  text: string,
  spec: OutputSpec | undefined,
  source: OutputSource,
): StepOutput {
  if (!spec) return source === "agent" ? { _raw: text.trim() } : parseOutputText(text, source);
  return checkOutput(parseOutputText(text, source), spec);
}

/** Coerce and validate an already parsed output (a HITL edit, a supplied step input). */
export function checkOutput(value: StepOutput, spec: OutputSpec): StepOutput {
  const coerced = Array.isArray(value)
    ? value.map((item) =>
      item && typeof item === "object" && !Array.isArray(item)
        ? coerceObject(item as Record<string, unknown>, spec.fields)
        : item
    )
    : coerceObject(value, spec.fields);
  const result = zodSchema(spec).safeParse(coerced);
  if (!result.success) {
    throw new OutputValidationError(describe(result.error.issues[0], coerced, spec));
  }
  return result.data as StepOutput;
}
