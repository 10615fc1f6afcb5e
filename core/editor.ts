/**
 * Editing text in the user's `$VISUAL`/`$EDITOR` (through `sh -c`, so an
 * editor with arguments works), for `sase run -e`, prompt replays and
 * ACE (which suspends its screen while the editor runs).
 *
 * @module
 */

import { join } from "./fs/path.ts";
import type { Env } from "./config/paths.ts";
import { SaseError } from "./errors.ts";

/**
 * Open `text` in the editor `env` names; resolves to the saved text (an
 * empty save cancels, with `options.empty` as the message).
 */
export async function editText(
  text: string,
  env: Env,
  options: { empty?: string } = {},
): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "sase-prompt-" });
  const file = join(dir, "prompt.md");
  try {
    await Deno.writeTextFile(file, text);
    await editFile(file, env);
    const edited = await Deno.readTextFile(file);
    if (edited.trim() === "") {
      throw new SaseError("prompt.empty", options.empty ?? "empty prompt; nothing launched", {
        kind: "failed",
      });
    }
    return edited.replace(/\n$/, "");
  } finally {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}

/**
 * Open the existing file `path` in the editor `env` names and wait for it
 * to exit (ACE's attachments and plans; the file is edited in place).
 * `options.line` opens it at that line (`+N`, which vi, vim, nvim, nano,
 * emacs and micro understand).
 */
export async function editFile(
  path: string,
  env: Env,
  options: { line?: number } = {},
): Promise<void> {
  const editor = env.VISUAL ?? env.EDITOR;
  if (!editor) {
    throw new SaseError("prompt.no_editor", "no editor configured", {
      hint: "set $EDITOR",
      kind: "unavailable",
    });
  }
  const at = options.line === undefined ? "" : ` +${Math.max(1, Math.trunc(options.line))}`;
  const status = await new Deno.Command("sh", { args: ["-c", `${editor}${at} "$1"`, "sh", path] })
    .spawn().status;
  if (!status.success) {
    throw new SaseError("prompt.editor_failed", `editor '${editor}' exited with ${status.code}`, {
      kind: "failed",
    });
  }
}
