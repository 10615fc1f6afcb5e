/**
 * Where `sase run` gets its prompt: the argument, `.` for a pick from
 * prompt history, piped stdin, or `$EDITOR` (with `-e`, or when nothing
 * was given on a terminal).
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import type { Env } from "../../core/config/paths.ts";
import { SaseError, usageError } from "../../core/errors.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";

const PICK_LIMIT = 20;

/** `text` on one line of at most `width` characters, control characters made visible. */
function oneLine(text: string, width: number): string {
  const flat = neutralizeControls(text.replace(/\s+/g, " ").trim(), { keepLayout: false });
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}

/** Show recent prompts and read a choice from the terminal. */
async function pickFromHistory(env: Env): Promise<string> {
  if (!Deno.stdin.isTerminal()) {
    throw usageError(
      "'.' picks from prompt history interactively, but stdin is not a terminal",
      "use `sase prompt list` and `sase prompt run <id>` in scripts",
    );
  }
  const { promptHistoryPath, readHistory, sortNewestFirst } = await import(
    "../../core/xprompt/history/store.ts"
  );
  const entries = sortNewestFirst((await readHistory(promptHistoryPath(env))).entries)
    .slice(0, PICK_LIMIT);
  if (entries.length === 0) {
    throw new SaseError("prompt.history_empty", "prompt history is empty", {
      hint: "run a prompt first: sase run '<prompt>'",
      kind: "not-found",
    });
  }
  for (const [index, entry] of entries.entries()) {
    console.error(`${String(index + 1).padStart(2)}  ${oneLine(entry.text, 96)}`);
  }
  const answer = prompt(`pick 1-${entries.length}:`)?.trim() ?? "";
  const choice = Number(answer);
  if (!Number.isInteger(choice) || choice < 1 || choice > entries.length) {
    throw usageError(`no prompt number ${JSON.stringify(answer)}`);
  }
  return entries[choice - 1].text;
}

/** Options of {@linkcode readPromptSource}. */
export interface PromptSourceOptions {
  /** `-e`: open the (possibly pre-filled) prompt in the editor. */
  edit: boolean;
}

/** The prompt text `sase run` launches. */
export async function readPromptSource(
  app: AppContext,
  query: string | undefined,
  options: PromptSourceOptions,
): Promise<string> {
  let text: string | undefined = query;
  if (text === ".") text = await pickFromHistory(app.env);
  else if (text === undefined && !Deno.stdin.isTerminal()) {
    const { readStdinBounded } = await import("../../core/fs/bounded_read.ts");
    text = await readStdinBounded();
  }
  if (options.edit || text === undefined) {
    const { editText } = await import("../../core/editor.ts");
    text = await editText(text ?? "", app.env);
  }
  if (text.trim() === "") throw usageError("the prompt is empty");
  return text;
}
