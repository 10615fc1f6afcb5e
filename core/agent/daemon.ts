/**
 * Detached runners: a daemon launch runs in its own `sase __agent-run
 * <dir>` process, in a new session with no ties to the launching CLI's
 * terminal or pipes, so it outlives that CLI (even a `kill -9` of it).
 *
 * @module
 */

import { definedEnv, type Env } from "../config/paths.ts";
import { saseCommand } from "../self_command.ts";

/** The hidden subcommand that runs a prepared launch. */
export const RUNNER_COMMAND = "__agent-run";

/** Start the detached runner of the prepared run in `dir`; resolves to its pid. */
export function spawnDetachedRunner(dir: string, env: Env): Promise<number> {
  const [program, ...args] = saseCommand();
  const child = new Deno.Command(program, {
    args: [...args, RUNNER_COMMAND, dir],
    env: definedEnv(env),
    clearEnv: true,
    cwd: dir,
    stdin: "null",
    stdout: "null",
    stderr: "null",
    detached: true,
  }).spawn();
  child.unref();
  return Promise.resolve(child.pid);
}
