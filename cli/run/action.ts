/**
 * What `sase run` does once its arguments are known: read the prompt (argument,
 * stdin, `$EDITOR` or history), apply `--resume`, and launch it. Commander's
 * action and the quick path in `main.ts` both end here.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { exitCodeOf } from "../shared/errors.ts";

/** The options of `sase run`. */
export interface RunOptions {
  daemon?: boolean;
  edit?: boolean;
  resume?: string;
  list?: boolean;
  json?: boolean;
}

/**
 * Start the jail's session in the background for a foreground launch (see
 * `prewarmJail`), judged by the configuration the launch itself loads.
 */
async function prewarmJail(app: AppContext): Promise<AsyncDisposable> {
  const [{ prewarmJail }, { sandboxSettings }] = await Promise.all([
    import("../../core/sandbox/jail.ts"),
    import("../../core/sandbox/settings.ts"),
  ]);
  return prewarmJail(app.env, app.config().then((loaded) => sandboxSettings(loaded.layers)));
}

/** Run `sase run [query]` with `options`. */
export async function runCommand(
  app: AppContext,
  query: string | undefined,
  options: RunOptions,
): Promise<void> {
  if (options.list) {
    const { printChatList } = await import("../shared/chat_list.ts");
    return await printChatList(app.env, { json: options.json });
  }
  // A daemon launch's runner boots while the prompt is read and planned; a
  // foreground one starts the jail's session (in its own thread) meanwhile.
  const standby = options.daemon
    ? (await import("../../core/agent/run/daemon.ts")).startStandbyRunner(app.env)
    : undefined;
  await using _jail = options.daemon ? undefined : await prewarmJail(app);
  const { readPromptSource } = await import("./prompt_source.ts");
  let text = await readPromptSource(app, query, { edit: Boolean(options.edit) });
  if (options.resume) {
    const { resumeReference } = await import("../../core/agent/identity/fork.ts");
    text = `${resumeReference(options.resume)} ${text}`;
  }
  const { runPrompt } = await import("../shared/launch.ts");
  await runPrompt(app, text, { daemon: options.daemon, json: options.json, standby });
}

/** {@linkcode runCommand} as a whole process would end: resolves to the exit code. */
export function runCommandExitCode(
  app: AppContext,
  query: string | undefined,
  options: RunOptions,
): Promise<number> {
  return exitCodeOf(
    () => runCommand(app, query, options),
    () => "run `sase run --help` for usage",
  );
}
