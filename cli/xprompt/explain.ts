/**
 * `sase xprompt explain NAME [ARGS...]`: for a workflow, the dry-run plan —
 * metadata, inputs with the given arguments bound, and each step with its
 * type, control flow, output schema and body rendered with the inputs; for
 * an xprompt, its source, inputs and rendered body. Text from xprompt and
 * workflow files is printed with its control characters neutralised.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { usageError } from "../../core/errors.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import type { WorkflowExplanation } from "../../core/workflow/explain.ts";
import { explainNamed } from "../../core/workflow/service.ts";
import { workflowExplanationWire } from "../../core/workflow/wire.ts";
import type { XPromptExplanation } from "../../core/xprompt/service.ts";
import { xpromptExplanationWire } from "../../core/xprompt/wire.ts";
import { printJson, style } from "../shared/output.ts";

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

function sayXPrompt(explained: XPromptExplanation): void {
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
  if (explained.rendered !== null) {
    say(`\nrendered (${explained.reference}):\n${explained.rendered}`);
  }
}

function sayWorkflow(explained: WorkflowExplanation): void {
  const { workflow } = explained;
  const prefix = explained.kind === "workflow" ? "#!" : "#";
  say(`name:        ${workflow.name}`);
  say(`kind:        ${explained.kind} (reference it as ${prefix}${workflow.name})`);
  say(`source:      ${workflow.sourcePath}`);
  if (workflow.description) say(`description: ${workflow.description}`);
  if (workflow.tags.length) say(`tags:        ${workflow.tags.join(", ")}`);
  if (workflow.hidden) say("hidden:      true");
  say("inputs:");
  if (explained.inputs.length === 0) say("  (none)");
  for (const { input, value, given } of explained.inputs) {
    const state = given
      ? `= ${JSON.stringify(value)}`
      : input.required
      ? "(required, missing)"
      : `default ${JSON.stringify(input.default ?? null)}`;
    say(`  ${input.name}: ${input.type} ${state}`);
  }
  if (explained.argumentError) say(style("red", `arguments: ${explained.argumentError}`));
  const environment = Object.entries(workflow.environment);
  if (environment.length) {
    say("environment:");
    for (const [key, value] of environment) say(`  ${key}=${value}`);
  }
  say(`\nsteps (${explained.steps.length}):`);
  const step = (entry: WorkflowExplanation["steps"][number], prefix: string, label: string) => {
    say(`${prefix}${label} ${style("bold", entry.name)} [${entry.type}]`);
    for (const note of entry.annotations) say(`${prefix}   ${note}`);
    if (entry.output) say(`${prefix}   output: ${JSON.stringify(entry.output)}`);
    if (entry.body) {
      const as = entry.rendered
        ? ""
        : style("dim", " (as written: it uses values known only at run time)");
      say(`${prefix}   body${as}:`);
      say(entry.body.trimEnd().replace(/^/gm, `${prefix}     `));
    }
    entry.parallel.forEach((sub, index) => step(sub, `${prefix}   `, `${label}${index + 1}.`));
  };
  explained.steps.forEach((entry, index) => step(entry, "  ", `${index + 1}.`));
}

/** Run `sase xprompt explain`. */
export async function runExplain(
  app: AppContext,
  name: string,
  args: string[],
  options: { arg?: string[]; json?: boolean },
): Promise<void> {
  const named = parseKeyValues(options.arg ?? []);
  const explained = await explainNamed(app, name, { positional: args, named });
  if (explained.kind === "workflow") {
    if (options.json) printJson(workflowExplanationWire(explained.explanation));
    else sayWorkflow(explained.explanation);
    return;
  }
  if (options.json) return printJson(xpromptExplanationWire(explained.explanation));
  sayXPrompt(explained.explanation);
}
