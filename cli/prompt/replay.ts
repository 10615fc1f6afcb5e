/**
 * `sase prompt run|edit SELECTOR`: reuse a stored prompt.
 *
 * Replays launch through the same service as `sase run` (foreground,
 * daemon, multi-agent and xprompt behaviour stay identical); `--dry-run`
 * prints the launch plan instead.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { findPrompt } from "../../core/xprompt/history/service.ts";
import { findWorkspaceRefs } from "../../core/xprompt/workspace_refs.ts";
import { editText } from "../../core/editor.ts";
import { runPrompt } from "../shared/launch.ts";
import { importOnDemand } from "../../core/on_demand.ts";

/** Replace the prompt's leading workspace ref with `prefix` (or prepend it). */
export function applyPrefix(text: string, prefix: string): string {
  const ref = findWorkspaceRefs(text)[0];
  if (ref) return text.replace(ref.raw, prefix);
  return `${prefix} ${text}`;
}

/** Run `sase prompt run` (or `edit`, with `edit` set). */
export async function runReplay(
  app: AppContext,
  selector: string,
  options: { edit?: boolean; prefix?: string; json?: boolean; daemon?: boolean; dryRun?: boolean },
): Promise<void> {
  let text = (await findPrompt(app.env, selector)).text;
  if (options.prefix) text = applyPrefix(text, options.prefix);
  if (options.edit) text = await editText(text, app.env);
  if (options.dryRun) {
    const [{ planPrompt }, { printPlan }] = await Promise.all([
      importOnDemand<typeof import("../../core/agent/run/launch_prompt.ts")>(
        "../../core/agent/run/launch_prompt.ts",
        import.meta.url,
      ),
      importOnDemand<typeof import("./plan_view.ts")>("./plan_view.ts", import.meta.url),
    ]);
    printPlan(await planPrompt(app, text), Boolean(options.json));
  } else await runPrompt(app, text, { daemon: options.daemon, json: options.json });
}
