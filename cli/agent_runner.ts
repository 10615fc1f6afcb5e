/**
 * `sase __agent-run <dir>` (internal): the detached runner of one prepared
 * launch. It waits for dependencies, runs the agent and finalizes the run.
 * SIGTERM (e.g. `sase agent kill`) stops the provider's process group and
 * records the run as killed.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { RUNNER_COMMAND } from "../core/agent/daemon.ts";
import { executeRun } from "../core/agent/run.ts";
import { loadConfig } from "../core/config/load.ts";
import { processEnv } from "../core/config/paths.ts";
import { cliRunDeps } from "./run/deps.ts";

/** Register the hidden runner command. */
export function register(program: Command): void {
  program
    .command(RUNNER_COMMAND, { hidden: true })
    .description("Run a prepared agent launch (internal; started by sase run --daemon)")
    .argument("<dir>", "the run's artifact directory (holds launch.json)")
    .action(async (dir) => {
      const env = processEnv();
      const controller = new AbortController();
      Deno.addSignalListener("SIGTERM", () => controller.abort());
      const { config } = await loadConfig({ env, cwd: dir });
      const deps = cliRunDeps({ config, env, cwd: dir, abort: controller.signal });
      const result = await executeRun(dir, deps);
      if (result.outcome !== "completed") Deno.exitCode = 1;
    });
}
