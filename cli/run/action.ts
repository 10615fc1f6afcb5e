/**
 * What `sase run` does once its arguments are known: read the prompt (argument,
 * stdin, `$EDITOR` or history), apply `--resume`, and launch it. Commander's
 * action and the quick path in `main.ts` both end here.
 *
 * @module
 */

import { processEnv } from "../../core/config/paths.ts";
import { exitCodeOf } from "../errors.ts";

/** The options of `sase run`. */
export interface RunOptions {
  daemon?: boolean;
  edit?: boolean;
  resume?: string;
  list?: boolean;
  json?: boolean;
}

/** Run `sase run [query]` with `options`. */
export async function runCommand(query: string | undefined, options: RunOptions): Promise<void> {
  if (options.list) {
    const { printChatList } = await import("../chat.ts");
    return await printChatList({ json: options.json });
  }
  // A daemon launch's runner boots while the prompt is read and planned.
  const standby = options.daemon
    ? (await import("../../core/agent/run/daemon.ts")).startStandbyRunner(processEnv())
    : undefined;
  const { readPromptSource } = await import("./prompt_source.ts");
  let text = await readPromptSource(query, { edit: Boolean(options.edit) });
  if (options.resume) {
    const { resumeReference } = await import("../../core/agent/identity/fork.ts");
    text = `${resumeReference(options.resume)} ${text}`;
  }
  const { launchPrompt } = await import("./launch_prompt.ts");
  await launchPrompt(text, { daemon: options.daemon, json: options.json, standby });
}

/** {@linkcode runCommand} as a whole process would end: resolves to the exit code. */
export function runCommandExitCode(
  query: string | undefined,
  options: RunOptions,
): Promise<number> {
  return exitCodeOf(() => runCommand(query, options), () => "run `sase run --help` for usage");
}
