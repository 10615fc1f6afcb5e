/**
 * Templates in workflows: the xprompts' Jinja-compatible renderer with the
 * workflow conventions of the original — booleans print as `true`/`false`
 * (so `[ "$x" = "true" ]` works in bash), `tojson` prints a top-level
 * boolean or null as Python's `True`/`False`/`None` (so python steps can
 * paste it as code) and other values as `json.dumps` does — plus `if:`
 * conditions and the list expressions of `for:` loops.
 *
 * @module
 */

import {
  evaluateJinja,
  type JinjaRuntime,
  renderJinja,
  TemplateRenderError,
} from "../xprompt/jinja/render.ts";
import { pyStr, runtime, Undefined } from "../xprompt/jinja/runtime.ts";
import { isJinjaTemplate } from "../xprompt/jinja/translate.ts";

/** Python's `json.dumps` (default separators, non-ASCII escaped, keys in insertion order). */
export function jsonDumps(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") {
    return JSON.stringify(value).replace(
      /[\u007f-\uffff]/g,
      (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(jsonDumps).join(", ")}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([key, item]) => `${jsonDumps(key)}: ${jsonDumps(item)}`).join(", ")}}`;
}

/** The `tojson` of workflow templates: Python literals for a top-level bool or None. */
function pythonAwareJson(value: unknown): string {
  if (value === null) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  return jsonDumps(value);
}

/** The runtime of workflow templates. */
export const WORKFLOW_RUNTIME: JinjaRuntime = {
  ...runtime,
  out(value: unknown): string {
    return typeof value === "boolean" ? String(value) : pyStr(value);
  },
  filter(name, value, args, kwargs) {
    // An undefined value goes to the stock filter, which reports it.
    if (name === "tojson" && !(value instanceof Undefined)) return pythonAwareJson(value);
    return runtime.filter(name, value, args, kwargs);
  },
};

/** Render a workflow template; text without Jinja markers comes back as it is. */
export async function renderTemplate(
  source: string,
  context: Record<string, unknown>,
): Promise<string> {
  if (!isJinjaTemplate(source)) return source;
  return await renderJinja(source, context, { runtime: WORKFLOW_RUNTIME });
}

const FALSY = new Set(["", "false", "none", "0", "[]", "{}"]);

/**
 * An `if:`/`while:`/`until:` condition: the template renders to anything
 * but ``, `false`, `none`, `0`, `[]` or `{}` (any case). A condition that
 * cannot render (an undefined value, e.g. the output of a skipped step) is
 * false, as in the original.
 */
export async function evaluateCondition(
  condition: string,
  context: Record<string, unknown>,
): Promise<boolean> {
  try {
    const rendered = await renderTemplate(condition, context);
    return !FALSY.has(rendered.trim().toLowerCase());
  } catch (error) {
    if (error instanceof TemplateRenderError) return false;
    throw error;
  }
}

/** The expression of a `"{{ expr }}"` loop source (plain text is taken as an expression too). */
function expressionOf(source: string): string {
  const match = /^\s*\{\{([\s\S]*)\}\}\s*$/.exec(source);
  return (match ? match[1] : source).trim();
}

/** A list from text: JSON, else a Python/Jinja list literal (`['a', 'b']`). */
function listFromText(text: string): unknown[] | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith("[")) return undefined;
  try {
    const parsed = JSON.parse(trimmed);
    if (Array.isArray(parsed)) return parsed;
  } catch {
    // Not JSON: maybe a Python literal.
  }
  try {
    const value = evaluateJinja(trimmed, {});
    return Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The items a `for:` loop variable iterates: its expression evaluated; a
 * list stays a list, text holding a JSON or Python list is parsed, anything
 * else is a one-item list.
 */
export function evaluateList(source: string, context: Record<string, unknown>): unknown[] {
  const value = evaluateJinja(expressionOf(source), context, { runtime: WORKFLOW_RUNTIME });
  if (Array.isArray(value)) return value;
  if (typeof value === "string") return listFromText(value) ?? [value];
  return [value];
}
