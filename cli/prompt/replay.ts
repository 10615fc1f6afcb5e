/**
 * `sase prompt run|edit|copy`: reuse a stored prompt.
 *
 * Replays build the launch plan through the same code as `sase run`; the
 * launch itself arrives with the agent runtime.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { join } from "node:path";
import { SaseError } from "../../core/errors.ts";
import {
  promptHistoryPath,
  readHistory,
  resolveSelector,
} from "../../core/xprompt/history/store.ts";
import { findWorkspaceRefs } from "../../core/xprompt/workspace_refs.ts";
import { launchUnavailable, planFor, printPlan } from "./plan_view.ts";

/** Replace the prompt's leading workspace ref with `prefix` (or prepend it). */
export function applyPrefix(text: string, prefix: string): string {
  const ref = findWorkspaceRefs(text)[0];
  if (ref) return text.replace(ref.raw, prefix);
  return `${prefix} ${text}`;
}

async function editText(text: string): Promise<string> {
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

async function selected(selector: string): Promise<string> {
  const read = await readHistory(promptHistoryPath());
  return resolveSelector(read.entries, selector).text;
}

async function replay(
  selector: string,
  options: { edit?: boolean; prefix?: string; json?: boolean },
) {
  let text = await selected(selector);
  if (options.prefix) text = applyPrefix(text, options.prefix);
  if (options.edit) text = await editText(text);
  printPlan(await planFor(text), Boolean(options.json));
  launchUnavailable();
}

/** Register the replay subcommands on `group`. */
export function registerReplay(group: Command): void {
  group
    .command("run")
    .description("Replay a stored prompt through the launch plan")
    .argument("<selector>", "ph_<hash>, a hash prefix, or sha256:<full>")
    .option("-d, --daemon", "launch detached (background agent)")
    .option("-e, --edit", "edit the text before launching")
    .option("-P, --prefix <ref>", "replace the workspace ref, e.g. '#gh:bob-cli'")
    .option("-j, --json", "print the launch plan as JSON")
    .action((selector, options) => replay(selector, options));
  group
    .command("edit")
    .description("Edit a stored prompt in $EDITOR, then replay it")
    .argument("<selector>", "ph_<hash>, a hash prefix, or sha256:<full>")
    .option("-P, --prefix <ref>", "replace the workspace ref first")
    .option("-j, --json", "print the launch plan as JSON")
    .action((selector, options) => replay(selector, { ...options, edit: true }));
  group
    .command("copy")
    .description("Copy a prompt's exact text to the system clipboard")
    .argument("<selector>", "ph_<hash>, a hash prefix, or sha256:<full>")
    .action(async (selector) => {
      const text = await selected(selector);
      for (
        const [command, args] of [["wl-copy", []], ["xclip", ["-selection", "clipboard"]], [
          "xsel",
          ["-bi"],
        ], ["pbcopy", []]] as const
      ) {
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
          if ((await child.status).success) {
            console.log(`copied ${text.length} characters with ${command}`);
            return;
          }
        } catch {
          // try the next clipboard command
        }
      }
      throw new SaseError(
        "prompt.no_clipboard",
        "no working clipboard command found (wl-copy, xclip, xsel, pbcopy)",
        {
          hint: "use `sase prompt show <id> -f raw` and copy from the terminal",
        },
      );
    });
}
