/**
 * `sase __agent-run <dir>` (internal): the detached runner of one prepared
 * launch. It waits for dependencies, runs the agent and finalizes the run.
 * SIGTERM (e.g. `sase agent kill`) stops the provider's process group and
 * records the run as killed. `main.ts` calls {@linkcode runRunner} before
 * loading the command-line parser: launch latency counts every millisecond.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { join } from "node:path";
import { RUNNER_COMMAND } from "../core/agent/daemon.ts";
import { executeRun } from "../core/agent/run.ts";
import { loadConfig } from "../core/config/load.ts";
import { processEnv } from "../core/config/paths.ts";
import { cliRunDeps } from "./run/deps.ts";

/** Where a runner that cannot even start its run explains why. */
export const RUNNER_LOG = "runner.log";

/** Run the prepared launch in `dir`; resolves to the process exit code. */
export async function runRunner(dir: string): Promise<number> {
  try {
    const env = processEnv();
    const controller = new AbortController();
    Deno.addSignalListener("SIGTERM", () => controller.abort());
    const { config } = await loadConfig({ env, cwd: dir });
    const deps = cliRunDeps({ config, env, cwd: dir, abort: controller.signal });
    const result = await executeRun(dir, deps);
    return result.outcome === "completed" ? 0 : 1;
  } catch (error) {
    const text = error instanceof Error ? error.stack ?? error.message : String(error);
    await Deno.writeTextFile(join(dir, RUNNER_LOG), `${new Date().toISOString()} ${text}\n`, {
      append: true,
    }).catch(() => console.error(text));
    return 1;
  }
}

/** Register the hidden runner command (for `sase help`-driven use; `main.ts` short-cuts it). */
export function register(program: Command): void {
  program
    .command(RUNNER_COMMAND, { hidden: true })
    .description("Run a prepared agent launch (internal; started by sase run --daemon)")
    .argument("<dir>", "the run's artifact directory (holds launch.json)")
    .action(async (dir) => {
      Deno.exitCode = await runRunner(dir);
    });
}
