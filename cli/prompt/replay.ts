/**
 * `sase prompt run|edit|copy`: reuse a stored prompt.
 *
 * Replays launch through the same code as `sase run` (foreground, daemon,
 * multi-agent and xprompt behaviour stay identical); `--dry-run` prints the
 * launch plan instead.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { SaseError } from "../../core/errors.ts";
import {
  promptHistoryPath,
  readHistory,
  resolveSelector,
} from "../../core/xprompt/history/store.ts";
import { findWorkspaceRefs } from "../../core/xprompt/workspace_refs.ts";
import { editText } from "../shared/edit_text.ts";
import { runPrompt } from "../shared/launch.ts";
import type { AppContext } from "../../core/context.ts";
import { planFor, printPlan } from "./plan_view.ts";
import { plural } from "../../core/text/plural.ts";

/** Replace the prompt's leading workspace ref with `prefix` (or prepend it). */
export function applyPrefix(text: string, prefix: string): string {
  const ref = findWorkspaceRefs(text)[0];
  if (ref) return text.replace(ref.raw, prefix);
  return `${prefix} ${text}`;
}

async function selected(app: AppContext, selector: string): Promise<string> {
  const read = await readHistory(promptHistoryPath(app.env));
  return resolveSelector(read.entries, selector).text;
}

async function replay(
  app: AppContext,
  selector: string,
  options: { edit?: boolean; prefix?: string; json?: boolean; daemon?: boolean; dryRun?: boolean },
) {
  let text = await selected(app, selector);
  if (options.prefix) text = applyPrefix(text, options.prefix);
  if (options.edit) text = await editText(text);
  if (options.dryRun) printPlan(await planFor(text), Boolean(options.json));
  else await runPrompt(app, text, { daemon: options.daemon, json: options.json });
}

/** Register the replay subcommands on `group`. */
export function registerReplay(group: Command, app: AppContext): void {
  group
    .command("run")
    .description("Replay a stored prompt exactly as `sase run` would launch it")
    .argument("<selector>", "ph_<hash>, a hash prefix, or sha256:<full>")
    .option("-d, --daemon", "launch detached (background agent)")
    .option("-e, --edit", "edit the text before launching")
    .option("-P, --prefix <ref>", "replace the workspace ref, e.g. '#gh:bob-cli'")
    .option("-n, --dry-run", "print the launch plan instead of launching")
    .option("-j, --json", "JSON output (the launch summary, or the plan with --dry-run)")
    .action((selector, options) => replay(app, selector, options));
  group
    .command("edit")
    .description("Edit a stored prompt in $EDITOR, then replay it")
    .argument("<selector>", "ph_<hash>, a hash prefix, or sha256:<full>")
    .option("-d, --daemon", "launch detached (background agent)")
    .option("-P, --prefix <ref>", "replace the workspace ref first")
    .option("-n, --dry-run", "print the launch plan instead of launching")
    .option("-j, --json", "JSON output (the launch summary, or the plan with --dry-run)")
    .action((selector, options) => replay(app, selector, { ...options, edit: true }));
  group
    .command("copy")
    .description("Copy a prompt's exact text to the system clipboard")
    .argument("<selector>", "ph_<hash>, a hash prefix, or sha256:<full>")
    .action(async (selector) => {
      const text = await selected(app, selector);
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
            console.log(`copied ${plural([...text].length, "character")} with ${command}`);
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
