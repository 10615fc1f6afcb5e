/**
 * The `sase` command-line entry point.
 *
 * @module
 */

import { fastPathOutput } from "./cli/root_help.ts";

if (import.meta.main) {
  const fast = fastPathOutput(Deno.args);
  if (fast !== null) {
    console.log(fast);
    Deno.exit(0);
  }
  if (Deno.args[0] === "__agent-run" && Deno.args.length === 2) {
    // Detached agent runners skip the command-line parser: launch latency counts.
    const { runRunner } = await import("./cli/agent_runner.ts");
    Deno.exit(await runRunner(Deno.args[1]));
  }
  if (Deno.args[0] === "run") {
    // Simple `sase run` invocations skip the command-line parser as well.
    const { quickRunArgs } = await import("./cli/run/quick_args.ts");
    const quickRun = quickRunArgs(Deno.args);
    if (quickRun) {
      const { runCommandExitCode } = await import("./cli/run/action.ts");
      Deno.exit(await runCommandExitCode(quickRun.query, quickRun));
    }
  }
  const { runCli } = await import("./cli/app.ts");
  Deno.exit(await runCli(Deno.args));
}
