/**
 * Editing text in the user's `$VISUAL`/`$EDITOR` (through `sh -c`, so an
 * editor with arguments works), for `sase run -e` and prompt replays.
 *
 * @module
 */

import { join } from "node:path";
import { SaseError } from "../../core/errors.ts";

/** Open `text` in the editor; resolves to the saved text (an empty save cancels). */
export async function editText(text: string): Promise<string> {
  const editor = Deno.env.get("VISUAL") ?? Deno.env.get("EDITOR");
  if (!editor) {
    throw new SaseError("prompt.no_editor", "no editor configured", { hint: "set $EDITOR" });
  }
  const dir = await Deno.makeTempDir({ prefix: "sase-prompt-" });
  const file = join(dir, "prompt.md");
  try {
    await Deno.writeTextFile(file, text);
    const status = await new Deno.Command("sh", { args: ["-c", `${editor} "$1"`, "sh", file] })
      .spawn().status;
    if (!status.success) {
      throw new SaseError("prompt.editor_failed", `editor '${editor}' exited with ${status.code}`);
    }
    const edited = await Deno.readTextFile(file);
    if (edited.trim() === "") throw new SaseError("prompt.empty", "empty prompt; nothing launched");
    return edited.replace(/\n$/, "");
  } finally {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}
