/**
 * `sase prompt copy SELECTOR`: a prompt's exact text to the system
 * clipboard, through the first clipboard command that works.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { SaseError } from "../../core/errors.ts";
import { findPrompt } from "../../core/xprompt/history/service.ts";
import { plural } from "../../core/text/plural.ts";

/** The clipboard commands tried, in order, with their arguments. */
const CLIPBOARDS: readonly (readonly [string, readonly string[]])[] = [
  ["wl-copy", []],
  ["xclip", ["-selection", "clipboard"]],
  ["xsel", ["-bi"]],
  ["pbcopy", []],
];

/** Whether `command` took `text` on its stdin and succeeded. */
async function copyWith(command: string, args: readonly string[], text: string): Promise<boolean> {
  try {
    const child = new Deno.Command(command, {
      args: [...args],
      stdin: "piped",
      stdout: "null",
      stderr: "null",
    }).spawn();
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(text));
    await writer.close();
    return (await child.status).success;
  } catch {
    return false;
  }
}

/** Run `sase prompt copy`. */
export async function runCopy(app: AppContext, selector: string): Promise<void> {
  const { text } = await findPrompt(app.env, selector);
  for (const [command, args] of CLIPBOARDS) {
    if (await copyWith(command, args, text)) {
      console.log(`copied ${plural([...text].length, "character")} with ${command}`);
      return;
    }
  }
  throw new SaseError(
    "prompt.no_clipboard",
    "no working clipboard command found (wl-copy, xclip, xsel, pbcopy)",
    { hint: "use `sase prompt show <id> -f raw` and copy from the terminal", kind: "unavailable" },
  );
}
