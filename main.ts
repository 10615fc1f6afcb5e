/**
 * The `sase` command-line entry point. Internal process entries (detached
 * agent runners, fakey, Claude's tool hook), plain `sase run` invocations and
 * the hot read and agent-side commands (`cli/quick.ts`) skip the
 * command-line parser: they run constantly, where every millisecond of
 * start-up counts.
 *
 * @module
 */

import { fastPathOutput } from "./cli/root_help.ts";
import { importOnDemand } from "./core/on_demand.ts";

if (import.meta.main) {
  const fast = fastPathOutput(Deno.args);
  if (fast !== null) {
    console.log(fast);
    Deno.exit(0);
  }
  const [first, ...rest] = Deno.args;
  if (first === "__agent-run" && rest.length === 1) {
    const { runRunner } = await importOnDemand<typeof import("./entries/agent_runner.ts")>(
      "./entries/agent_runner.ts",
      import.meta.url,
    );
    Deno.exit(await runRunner(rest[0]));
  }
  if (first === "__fakey") {
    const { main } = await importOnDemand<typeof import("./entries/fakey.ts")>(
      "./entries/fakey.ts",
      import.meta.url,
    );
    Deno.exit(await main(rest));
  }
  if (first === "__axe-orchestrator") {
    const { main } = await importOnDemand<typeof import("./entries/axe_orchestrator.ts")>(
      "./entries/axe_orchestrator.ts",
      import.meta.url,
    );
    Deno.exit(await main(rest));
  }
  if (first === "__claude-tool-hook") {
    const { main } = await importOnDemand<typeof import("./entries/claude_tool_hook.ts")>(
      "./entries/claude_tool_hook.ts",
      import.meta.url,
    );
    Deno.exit(await main());
  }
  if (Deno.env.get("SASE_BROKER")) {
    // Inside the jail: commands that change sase's state outside it go to the runner.
    const { brokeredExitCode } = await importOnDemand<
      typeof import("./core/sandbox/broker_client.ts")
    >(
      "./core/sandbox/broker_client.ts",
      import.meta.url,
    );
    const code = await brokeredExitCode(Deno.args, Deno.env.toObject(), Deno.cwd());
    if (code !== undefined) Deno.exit(code);
  }
  // One application context for the whole process; it loads nothing until asked.
  const [{ saseContext }, { style }] = await Promise.all([
    importOnDemand<typeof import("./entries/context.ts")>("./entries/context.ts", import.meta.url),
    importOnDemand<typeof import("./cli/shared/output.ts")>(
      "./cli/shared/output.ts",
      import.meta.url,
    ),
  ]);
  const app = saseContext({
    warn: (message) => console.error(style("yellow", `warning: ${message}`)),
  });
  if (first === "run") {
    const { quickRunArgs } = await importOnDemand<typeof import("./cli/run/quick_args.ts")>(
      "./cli/run/quick_args.ts",
      import.meta.url,
    );
    const quickRun = quickRunArgs(Deno.args);
    if (quickRun) {
      const { runCommandExitCode } = await importOnDemand<typeof import("./cli/run/action.ts")>(
        "./cli/run/action.ts",
        import.meta.url,
      );
      Deno.exit(await runCommandExitCode(app, quickRun.query, quickRun));
    }
  }
  const { runQuick } = await importOnDemand<typeof import("./cli/quick.ts")>(
    "./cli/quick.ts",
    import.meta.url,
  );
  const quick = await runQuick(Deno.args, app);
  if (quick !== null) Deno.exit(quick);
  const { runCli } = await importOnDemand<typeof import("./cli/app.ts")>(
    "./cli/app.ts",
    import.meta.url,
  );
  Deno.exit(await runCli(Deno.args, app));
}
