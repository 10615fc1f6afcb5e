/**
 * The `sase` command-line entry point. Internal process entries (detached
 * agent runners, fakey, Claude's tool hook) and plain `sase run` invocations
 * skip the command-line parser: they are on the launch path, where every
 * millisecond of start-up counts.
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
  const [first, ...rest] = Deno.args;
  if (first === "__agent-run" && rest.length === 1) {
    const { runRunner } = await import("./entries/agent_runner.ts");
    Deno.exit(await runRunner(rest[0]));
  }
  if (first === "__fakey") {
    const { main } = await import("./entries/fakey.ts");
    Deno.exit(await main(rest));
  }
  if (first === "__claude-tool-hook") {
    const { main } = await import("./entries/claude_tool_hook.ts");
    Deno.exit(await main());
  }
  if (Deno.env.get("SASE_BROKER")) {
    // Inside the jail: commands that change sase's state outside it go to the runner.
    const { brokeredExitCode } = await import("./core/sandbox/broker_client.ts");
    const code = await brokeredExitCode(Deno.args, Deno.env.toObject(), Deno.cwd());
    if (code !== undefined) Deno.exit(code);
  }
  // One application context for the whole process; it loads nothing until asked.
  const [{ saseContext }, { style }] = await Promise.all([
    import("./entries/context.ts"),
    import("./cli/shared/output.ts"),
  ]);
  const app = saseContext({
    warn: (message) => console.error(style("yellow", `warning: ${message}`)),
  });
  if (first === "run") {
    const { quickRunArgs } = await import("./cli/run/quick_args.ts");
    const quickRun = quickRunArgs(Deno.args);
    if (quickRun) {
      const { runCommandExitCode } = await import("./cli/run/action.ts");
      Deno.exit(await runCommandExitCode(app, quickRun.query, quickRun));
    }
  }
  const { runCli } = await import("./cli/app.ts");
  Deno.exit(await runCli(Deno.args, app));
}
