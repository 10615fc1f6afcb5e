/**
 * Detached runners: a daemon launch runs in its own `sase __agent-run
 * <dir>` process, in a new session with no ties to the launching CLI's
 * terminal or pipes, so it outlives that CLI (even a `kill -9` of it). A
 * `--daemon` launch starts one on standby as it begins, so the runner's
 * start-up overlaps the planning.
 *
 * @module
 */

import { definedEnv, type Env } from "../../config/paths.ts";
import { saseCommand } from "../../self_command.ts";

/** The hidden subcommand that runs a prepared launch. */
export const RUNNER_COMMAND = "__agent-run";

/** The runner argument that means "read the run directory from stdin". */
export const STANDBY_DIR = "-";

function spawnRunner(dirArg: string, env: Env, stdin: "null" | "piped"): Deno.ChildProcess {
  const [program, ...args] = saseCommand();
  const child = new Deno.Command(program, {
    args: [...args, RUNNER_COMMAND, dirArg],
    env: definedEnv(env),
    clearEnv: true,
    // A standby runner moves into its run directory once it has one.
    cwd: dirArg === STANDBY_DIR ? undefined : dirArg,
    stdin,
    stdout: "null",
    stderr: "null",
    detached: true,
  }).spawn();
  child.unref();
  return child;
}

/** Start the detached runner of the prepared run in `dir`; resolves to its pid. */
export function spawnDetachedRunner(dir: string, env: Env): Promise<number> {
  return Promise.resolve(spawnRunner(dir, env, "null").pid);
}

/**
 * A runner started before its run exists: it loads its modules while the
 * launch is still being planned and prepared, then waits on stdin for the
 * run directory. If the launch never hands it one, the launcher's exit
 * closes the pipe and the runner exits without doing anything.
 */
export interface StandbyRunner {
  /** Hand the prepared run in `dir` to the runner; resolves to its pid. */
  assign(dir: string): Promise<number>;
}

/** Start a {@linkcode StandbyRunner} with `env`. */
export function startStandbyRunner(env: Env): StandbyRunner {
  const child = spawnRunner(STANDBY_DIR, env, "piped");
  return {
    async assign(dir) {
      const writer = child.stdin.getWriter();
      await writer.write(new TextEncoder().encode(`${dir}\n`));
      await writer.close();
      return child.pid;
    },
  };
}
