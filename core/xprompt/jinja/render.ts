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
import { JinjaUndefinedError, runtime, Scope } from "./runtime.ts";
import { JinjaSyntaxError } from "./expr.ts";

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

/** Render `source` (Jinja syntax) against `context`. */
export async function renderJinja(
  source: string,
  context: Record<string, unknown>,
): Promise<string> {
  let template = compiled.get(source);
  try {
    if (!template) {
      template = (await env()).compile(jinjaToVento(source)) as unknown as Template;
      compiled.set(source, template);
    }
    const result = await template({ rt: runtime, scope: new Scope(undefined, context) });
    return result.content;
  } catch (error) {
    const cause = rootCause(error);
    if (cause instanceof JinjaUndefinedError) {
      throw new TemplateRenderError(cause.message, cause.variable);
    }
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new TemplateRenderError(message.split("\n")[0]);
  }
}
