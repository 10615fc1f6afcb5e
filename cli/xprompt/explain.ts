/**
 * `sase xprompt explain NAME [ARGS...]`: an xprompt's source, inputs with
 * the given arguments, and its rendered body (text from xprompt files is
 * printed with its control characters neutralised).
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { usageError } from "../../core/errors.ts";
import { explainXPrompt } from "../../core/xprompt/service.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";

/** `--arg key=value` pairs as a record. */
function parseKeyValues(pairs: string[]): Record<string, string> {
  return Object.fromEntries(pairs.map((pair) => {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw usageError(`--arg expects key=value, got '${pair}'`);
    return [pair.slice(0, eq), pair.slice(eq + 1)];
  }));
}

/** Print for people: text from xprompt files may carry control sequences. */
function say(text: string): void {
  console.log(neutralizeControls(text));
}

/** Run `sase xprompt explain`. */
export async function runExplain(
  app: AppContext,
  name: string,
  args: string[],
  options: { arg?: string[] },
): Promise<void> {
  const named = parseKeyValues(options.arg ?? []);
  const explained = await explainXPrompt(app, name, { positional: args, named });
  const { xprompt } = explained;
  say(`name:        ${xprompt.name}`);
  say(`kind:        ${xprompt.kind}`);
  say(`source:      ${xprompt.source.path} (${xprompt.source.label})`);
  if (xprompt.description) say(`description: ${xprompt.description}`);
  if (xprompt.tags.length) say(`tags:        ${xprompt.tags.join(", ")}`);
  say("inputs:");
  if (explained.inputs.length === 0) say("  (none)");
  for (const { input, given } of explained.inputs) {
    const state = given !== undefined
      ? `= ${JSON.stringify(given)}`
      : input.required
      ? "(required, missing)"
      : `default ${JSON.stringify(input.default ?? null)}`;
    say(
      `  ${input.name}: ${input.type} ${state}${
        input.description ? `  # ${input.description}` : ""
      }`,
    );
  }
  if (xprompt.output) say(`output schema: ${JSON.stringify(xprompt.output)}`);
  if (explained.rendered === null) {
    say("\nstandalone workflow: launch it as #!" + xprompt.name);
    return;
  }
  say(`\nrendered (${explained.reference}):\n${explained.rendered}`);
}
