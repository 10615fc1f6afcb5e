/**
 * `sase xprompt expand [PROMPT]`: the prompt with its xprompt references
 * expanded (`--trace`: each resolved reference on stderr).
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { usageError } from "../../core/errors.ts";
import { READ_LIMITS, readStdinBounded } from "../../core/fs/bounded_read.ts";
import type { TraceEntry } from "../../core/xprompt/expand.ts";
import { expandPromptText } from "../../core/xprompt/service.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";

/** The prompt from the argument, or stdin for `-` or none. */
async function readPromptArg(text: string | undefined): Promise<string> {
  if (text !== undefined && text !== "-") return text;
  if (Deno.stdin.isTerminal()) {
    throw usageError("no prompt given", "pass the prompt as an argument or on stdin");
  }
  return (await readStdinBounded(READ_LIMITS.input)).replace(/\n$/, "");
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

/** Run `sase xprompt expand`. */
export async function runExpand(
  app: AppContext,
  text: string | undefined,
  options: { trace?: boolean },
): Promise<void> {
  const result = await expandPromptText(app, await readPromptArg(text));
  if (options.trace) {
    const ordered = [...result.trace].sort((a, b) => a.iteration - b.iteration);
    for (const entry of ordered) console.error(neutralizeControls(formatTrace(entry)));
    if (ordered.length === 0) console.error("(no xprompt references resolved)");
  }
  // The expansion is the prompt itself (often piped on): printed exactly.
  console.log(result.text);
}
