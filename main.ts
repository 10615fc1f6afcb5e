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

/**
 * Import a module of this checkout by a run-time specifier. A literal
 * `import("./x.ts")` makes Deno load and parse that module's whole graph at
 * start-up, for every branch here, before any of them runs (about 10 ms of
 * CPU per invocation); the type argument keeps the import checked.
 * `deno task compile` includes these modules explicitly (scripts/compile.ts).
 */
function load<T>(path: string): Promise<T> {
  return import(new URL(path, import.meta.url).href);
}

if (import.meta.main) {
  const fast = fastPathOutput(Deno.args);
  if (fast !== null) {
    console.log(fast);
    Deno.exit(0);
  }
  const [first, ...rest] = Deno.args;
  if (first === "__agent-run" && rest.length === 1) {
    const { runRunner } = await load<typeof import("./entries/agent_runner.ts")>(
      "./entries/agent_runner.ts",
    );
    Deno.exit(await runRunner(rest[0]));
  }
  if (first === "__fakey") {
    const { main } = await load<typeof import("./entries/fakey.ts")>("./entries/fakey.ts");
    Deno.exit(await main(rest));
  }
  if (first === "__claude-tool-hook") {
    const { main } = await load<typeof import("./entries/claude_tool_hook.ts")>(
      "./entries/claude_tool_hook.ts",
    );
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
    load<typeof import("./entries/context.ts")>("./entries/context.ts"),
    load<typeof import("./cli/shared/output.ts")>("./cli/shared/output.ts"),
  ]);
  const app = saseContext({
    warn: (message) => console.error(style("yellow", `warning: ${message}`)),
  });
  if (first === "run") {
    const { quickRunArgs } = await load<typeof import("./cli/run/quick_args.ts")>(
      "./cli/run/quick_args.ts",
    );
    const quickRun = quickRunArgs(Deno.args);
    if (quickRun) {
      const { runCommandExitCode } = await load<typeof import("./cli/run/action.ts")>(
        "./cli/run/action.ts",
      );
      Deno.exit(await runCommandExitCode(app, quickRun.query, quickRun));
    }
  }
  const { runQuick } = await load<typeof import("./cli/quick.ts")>("./cli/quick.ts");
  const quick = await runQuick(Deno.args, app);
  if (quick !== null) Deno.exit(quick);
  const { runCli } = await load<typeof import("./cli/app.ts")>("./cli/app.ts");
  Deno.exit(await runCli(Deno.args, app));
}
