/**
 * `sase xprompt`: list the catalog, expand prompt text, explain an xprompt.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { SaseError, usageError } from "../core/errors.ts";
import { catalogEntries } from "../core/xprompt/catalog_entry.ts";
import { loadXPromptEnvironment } from "../core/xprompt/context.ts";
import { expandXPrompts, type TraceEntry } from "../core/xprompt/expand.ts";
import { READ_LIMITS, readStdinBounded } from "../core/fs/bounded_read.ts";
import { neutralizeControls } from "../core/text/control_chars.ts";
import { JSON_FLAG, printJson } from "./shared/output.ts";

async function readPromptArg(text: string | undefined): Promise<string> {
  if (text !== undefined && text !== "-") return text;
  if (Deno.stdin.isTerminal()) {
    throw usageError("no prompt given", "pass the prompt as an argument or on stdin");
  }
  return (await readStdinBounded(READ_LIMITS.input)).replace(/\n$/, "");
}

/** Print for people: text from xprompt files may carry control sequences. */
function say(text: string): void {
  console.log(neutralizeControls(text));
}

function formatTrace(entry: TraceEntry): string {
  const args = [
    ...entry.positional.map((value) => JSON.stringify(value)),
    ...Object.entries(entry.named).map(([k, v]) => `${k}=${JSON.stringify(v)}`),
  ];
  const body = entry.output.split("\n").map((line) => `    ${line}`).join("\n");
  return `[round ${entry.iteration}] #${entry.name} from ${entry.sourcePath} (${entry.sourceLabel})` +
    (args.length ? `\n  args: ${args.join(", ")}` : "") + `\n  expansion:\n${body}`;
}

function warnProblems(problems: { message: string }[]): void {
  for (const problem of problems) {
    console.error(`warning: ${neutralizeControls(problem.message, { keepLayout: false })}`);
  }
}

function parseKeyValues(pairs: string[]): Record<string, string> {
  return Object.fromEntries(pairs.map((pair) => {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw usageError(`--arg expects key=value, got '${pair}'`);
    return [pair.slice(0, eq), pair.slice(eq + 1)];
  }));
}

function quoteArg(value: string): string {
  return /[,()"'=\s]/.test(value) || value === "" ? `[[${value}]]` : value;
}

/** Register `sase xprompt`. */
export function register(program: Command): void {
  const group = program.command("xprompt").description(
    "XPrompt catalog, expansion and explanation",
  );
  group
    .command("list")
    .description("List every xprompt and workflow as a JSON array")
    // The catalog is JSON either way (handbook 7.2.3); -j is accepted as on every listing.
    .option(JSON_FLAG, "print the JSON catalog (the default)")
    .action(async () => {
      const { catalog } = await loadXPromptEnvironment();
      warnProblems(catalog.problems);
      printJson(catalogEntries(catalog));
    });
  group
    .command("expand")
    .description("Expand xprompt references in a prompt (argument, '-' or stdin)")
    .argument("[prompt]", "prompt text; '-' or omitted reads stdin")
    .option("--trace", "print each resolved reference, its file, args and expansion to stderr")
    .action(async (text, options) => {
      const prompt = await readPromptArg(text);
      const environment = await loadXPromptEnvironment();
      warnProblems(environment.catalog.problems);
      const result = await expandXPrompts(prompt, { ...environment, cwd: environment.cwd });
      for (const reference of result.unknown) {
        const name = reference.slice(1, reference.indexOf("("));
        console.error(neutralizeControls(
          `warning: ${reference}: no xprompt named '${name}'; left as written ` +
            "(see `sase xprompt list`)",
          { keepLayout: false },
        ));
      }
      if (options.trace) {
        const ordered = [...result.trace].sort((a, b) => a.iteration - b.iteration);
        for (const entry of ordered) console.error(neutralizeControls(formatTrace(entry)));
        if (ordered.length === 0) console.error("(no xprompt references resolved)");
      }
      // The expansion is the prompt itself (often piped on): printed exactly.
      console.log(result.text);
    });
  group
    .command("explain")
    .description("Show an xprompt's source, inputs, resolved arguments and rendered body")
    .argument("<name>", "xprompt or workflow name, without '#' or '#!'")
    .argument("[args...]", "positional arguments")
    .option("--arg <key=value...>", "named argument (repeatable)")
    .action(async (name, args, options) => {
      const environment = await loadXPromptEnvironment();
      const xprompt = environment.catalog.byName.get(name.replace(/^#!?/, ""));
      if (!xprompt) {
        throw new SaseError("xprompt.not_found", `no xprompt or workflow named '${name}'`, {
          hint: "run `sase xprompt list` to see the catalog",
        });
      }
      const named = parseKeyValues(options.arg ?? []);
      say(`name:        ${xprompt.name}`);
      say(`kind:        ${xprompt.kind}`);
      say(`source:      ${xprompt.source.path} (${xprompt.source.label})`);
      if (xprompt.description) say(`description: ${xprompt.description}`);
      if (xprompt.tags.length) say(`tags:        ${xprompt.tags.join(", ")}`);
      say("inputs:");
      if (xprompt.inputs.length === 0) say("  (none)");
      for (const input of xprompt.inputs) {
        const given = named[input.name] ?? args[xprompt.inputs.indexOf(input)];
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
      if (xprompt.kind === "workflow") {
        say("\nstandalone workflow: launch it as #!" + xprompt.name);
        return;
      }
      const call = [
        ...args.map(quoteArg),
        ...Object.entries(named).map(([k, v]) => `${k}=${quoteArg(v)}`),
      ];
      const reference = `#${xprompt.name}${call.length ? `(${call.join(", ")})` : ""}`;
      const result = await expandXPrompts(reference, { ...environment });
      say(`\nrendered (${reference}):\n${result.text}`);
    });
}
