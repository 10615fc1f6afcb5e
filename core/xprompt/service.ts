/**
 * The xprompt services behind `sase xprompt` (and, later, ACE's prompt
 * editor and the gateway): the catalog of the context's directory, the
 * expansion of a prompt, and the explanation of one xprompt. Problems with
 * xprompt files, and references no xprompt answers, go to the context's
 * warning sink.
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import { SaseError } from "../errors.ts";
import { neutralizeControls } from "../text/control_chars.ts";
import { loadXPromptEnvironment, type XPromptEnvironment } from "./context.ts";
import type { Catalog } from "./discovery.ts";
import { type ExpandResult, expandXPrompts } from "./expand.ts";
import type { InputDef } from "./inputs.ts";
import type { XPrompt } from "./model.ts";

/** The context's xprompt environment, its catalog's problems warned about. */
async function environmentOf(app: AppContext): Promise<XPromptEnvironment> {
  const environment = await loadXPromptEnvironment({
    env: app.env,
    cwd: app.cwd,
    loaded: await app.config(),
  });
  for (const problem of environment.catalog.problems) {
    app.warn(neutralizeControls(problem.message, { keepLayout: false }));
  }
  return environment;
}

/** Every xprompt and workflow the context's directory can reference. */
export async function xpromptCatalog(app: AppContext): Promise<Catalog> {
  return (await environmentOf(app)).catalog;
}

/**
 * Expand the xprompt references of `text`. A reference with arguments that
 * no xprompt answers stays as written, with a warning.
 */
export async function expandPromptText(app: AppContext, text: string): Promise<ExpandResult> {
  const environment = await environmentOf(app);
  const result = await expandXPrompts(text, { ...environment, cwd: environment.cwd });
  for (const reference of result.unknown) {
    const name = reference.slice(1, reference.indexOf("("));
    app.warn(neutralizeControls(
      `${reference}: no xprompt named '${name}'; left as written (see \`sase xprompt list\`)`,
      { keepLayout: false },
    ));
  }
  return result;
}

/** One input of an explained xprompt and the argument given for it. */
export interface ExplainedInput {
  input: InputDef;
  /** The named argument, else the positional one at the input's place. */
  given: string | undefined;
}

/** What `sase xprompt explain` shows. */
export interface XPromptExplanation {
  xprompt: XPrompt;
  inputs: ExplainedInput[];
  /** The reference the arguments make, e.g. `#review(auth, depth=2)`; null for a workflow. */
  reference: string | null;
  /** The body that reference renders to; null for a standalone workflow. */
  rendered: string | null;
}

/** An argument as a reference writes it: bracketed when it holds syntax or is empty. */
function quoteArg(value: string): string {
  return /[,()"'=\s]/.test(value) || value === "" ? `[[${value}]]` : value;
}

/**
 * Explain the xprompt or workflow `name` (a leading `#` or `#!` is
 * ignored): its inputs with the given arguments bound, and the body they
 * render.
 */
export async function explainXPrompt(
  app: AppContext,
  name: string,
  args: { positional: string[]; named: Record<string, string> },
): Promise<XPromptExplanation> {
  const environment = await loadXPromptEnvironment({
    env: app.env,
    cwd: app.cwd,
    loaded: await app.config(),
  });
  const xprompt = environment.catalog.byName.get(name.replace(/^#!?/, ""));
  if (!xprompt) {
    throw new SaseError("xprompt.not_found", `no xprompt or workflow named '${name}'`, {
      hint: "run `sase xprompt list` to see the catalog",
      kind: "not-found",
    });
  }
  const inputs = xprompt.inputs.map((input, index) => ({
    input,
    given: args.named[input.name] ?? args.positional[index],
  }));
  if (xprompt.kind === "workflow") return { xprompt, inputs, reference: null, rendered: null };
  const call = [
    ...args.positional.map(quoteArg),
    ...Object.entries(args.named).map(([key, value]) => `${key}=${quoteArg(value)}`),
  ];
  const reference = `#${xprompt.name}${call.length ? `(${call.join(", ")})` : ""}`;
  const rendered = (await expandXPrompts(reference, { ...environment })).text;
  return { xprompt, inputs, reference, rendered };
}
