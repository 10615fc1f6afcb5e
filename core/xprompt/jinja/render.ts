/**
 * Render a Jinja-syntax template with Vento.
 *
 * Compiled templates are cached by source text, so expanding the same
 * xprompt many times compiles it once.
 *
 * @module
 */

import type vento from "ventojs/web.js";
import { jinjaToVento } from "./translate.ts";
import { JinjaUndefinedError, runtime, Scope, Undefined } from "./runtime.ts";
import { JinjaSyntaxError, translateExpression } from "./expr.ts";

type Template = (data: Record<string, unknown>) => Promise<{ content: string }>;

let environment: ReturnType<typeof vento> | undefined;
const compiled = new Map<string, Template>();

/**
 * The shared Vento environment; loaded on first render, as most prompts have
 * no templates. Vento's web build: templates come from strings here, and its
 * default build's file loader pulls in Node's `fs`, `path` and `process`
 * (about 25 ms of start-up) for nothing.
 */
async function env(): Promise<ReturnType<typeof vento>> {
  if (!environment) {
    const [{ default: create }, { MemoryLoader }] = await Promise.all([
      import("ventojs/web.js"),
      import("ventojs/loaders/memory.js"),
    ]);
    environment ??= create({
      // The Jinja dialect has no include: nothing is ever loaded by name.
      includes: new MemoryLoader({}),
      autoescape: false,
      dataVarname: "__d",
      autoDataVarname: false,
    });
  }
  return environment;
}

/** Why a template failed: an undefined variable, bad syntax, or a runtime error. */
export class TemplateRenderError extends Error {
  constructor(message: string, readonly variable?: string) {
    super(message);
    this.name = "TemplateRenderError";
  }
}

function rootCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 10 && current instanceof Error && current.cause; depth++) {
    if (current instanceof JinjaUndefinedError || current instanceof JinjaSyntaxError) break;
    current = current.cause;
  }
  return current;
}

/** The runtime templates call into; callers may swap how values print and filter. */
export type JinjaRuntime = typeof runtime;

/** Options of {@linkcode renderJinja}. */
export interface RenderOptions {
  /** The runtime (default: the xprompt one, with Python's `str()` output). */
  runtime?: JinjaRuntime;
}

function renderError(error: unknown): TemplateRenderError {
  const cause = rootCause(error);
  if (cause instanceof JinjaUndefinedError) {
    return new TemplateRenderError(cause.message, cause.variable);
  }
  const message = cause instanceof Error ? cause.message : String(cause);
  return new TemplateRenderError(message.split("\n")[0]);
}

/** Render `source` (Jinja syntax) against `context`. */
export async function renderJinja(
  source: string,
  context: Record<string, unknown>,
  options: RenderOptions = {},
): Promise<string> {
  let template = compiled.get(source);
  try {
    if (!template) {
      template = (await env()).compile(jinjaToVento(source)) as unknown as Template;
      compiled.set(source, template);
    }
    const result = await template({
      rt: options.runtime ?? runtime,
      scope: new Scope(undefined, context),
    });
    return result.content;
  } catch (error) {
    throw renderError(error);
  }
}

type Evaluator = (rt: JinjaRuntime, scope: Scope) => unknown;
const evaluators = new Map<string, Evaluator>();

/**
 * The value of one Jinja expression (`items`, `[1, 2, 3]`, `a.b | length`)
 * against `context`, not its printed form. An undefined result is an error.
 */
export function evaluateJinja(
  expression: string,
  context: Record<string, unknown>,
  options: RenderOptions = {},
): unknown {
  try {
    let evaluate = evaluators.get(expression);
    if (!evaluate) {
      const js = translateExpression(expression, "__s0");
      evaluate = new Function("__rt", "__s0", `return (${js});`) as Evaluator;
      evaluators.set(expression, evaluate);
    }
    const value = evaluate(options.runtime ?? runtime, new Scope(undefined, context));
    if (value instanceof Undefined) throw new JinjaUndefinedError(value.name);
    return value;
  } catch (error) {
    throw renderError(error);
  }
}
