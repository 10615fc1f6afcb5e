/**
 * `sase __agent-run <dir>` (internal): the detached runner of one prepared
 * launch. It waits for dependencies, runs the agent and finalizes the run;
 * a workflow launch (`workflow_launch.json`) runs the workflow instead, or
 * resumes it when it is paused at a human checkpoint.
 * SIGTERM (e.g. `sase agent kill`) stops the provider's process group and
 * records the run as killed. `main.ts` calls {@linkcode runRunner} without
 * loading the command-line parser: launch latency counts every millisecond.
 *
 * @module
 */

import { join } from "../core/fs/path.ts";
import { PRIVATE_FILE_MODE } from "../core/agent/records/artifacts.ts";
import { STANDBY_DIR } from "../core/agent/run/daemon.ts";
import { readLaunchRecord } from "../core/agent/run/launch_record.ts";
import { isWorkflowRun } from "../core/workflow/run_kind.ts";
import { executeRun } from "../core/agent/run/run.ts";
import { runDepsFor } from "../core/agent/run/deps.ts";
import { BUILTIN_PROVIDER_SET, saseContext } from "./context.ts";

/** Where a runner that cannot even start its run explains why. */
export const RUNNER_LOG = "runner.log";

/** Run (or resume) the workflow run prepared in `dir`. */
async function runWorkflow(dir: string, abort: AbortSignal): Promise<number> {
  const { readWorkflowLaunch } = await import("../core/workflow/launch_record.ts");
  const { executeWorkflowRun } = await import("../core/workflow/run.ts");
  const { record } = await readWorkflowLaunch(dir);
  const app = saseContext({ cwd: record.config_dir });
  const deps = await runDepsFor(app, { abort });
  const result = await executeWorkflowRun(dir, deps);
  return result.outcome === "completed" ? 0 : 1;
}

/** The run directory a standby runner is handed on stdin ("" when the launch gave up). */
async function assignedDir(): Promise<string> {
  // Plain reads: the web-stream route costs ~10 ms of set-up on this hot path.
  const decoder = new TextDecoder();
  const buffer = new Uint8Array(4096);
  let text = "";
  for (
    let read = await Deno.stdin.read(buffer);
    read !== null;
    read = await Deno.stdin.read(buffer)
  ) {
    text += decoder.decode(buffer.subarray(0, read), { stream: true });
  }
  return (text + decoder.decode()).trim();
}

/**
 * What every run needs, loaded by a standby runner while it waits for its
 * run: the provider registries and the launch sandbox's module. Best effort:
 * a failure here is met again, and reported, when the run loads them.
 */
async function warmUp(): Promise<void> {
  await Promise.all([
    BUILTIN_PROVIDER_SET.llm(),
    BUILTIN_PROVIDER_SET.workspace(),
    import("../core/agent/run/sandbox.ts"),
  ]).catch(() => {});
}

/**
 * Run the prepared launch in `dir` (or, for `-`, the one a standby runner
 * is handed on stdin); resolves to the process exit code.
 */
export async function runRunner(dirArg: string): Promise<number> {
  // While it waits for its run, a standby runner starts the jail's session
  // and loads what every run needs. Whether the jail is wanted is decided
  // first, while this thread is free: the session's thread then loads the
  // runtime alongside the warm-up.
  await using jail = dirArg === STANDBY_DIR
    ? (await import("../core/sandbox/jail.ts")).prewarmJail(Deno.env.toObject())
    : undefined;
  const dir = dirArg === STANDBY_DIR
    ? (await Promise.all([assignedDir(), jail?.decided.then(warmUp)]))[0]
    : dirArg;
  if (dir === "") return 0;
  try {
    if (dirArg === STANDBY_DIR) Deno.chdir(dir);
    const controller = new AbortController();
    Deno.addSignalListener("SIGTERM", () => controller.abort());
    if (isWorkflowRun(dir)) return await runWorkflow(dir, controller.signal);
    const record = await readLaunchRecord(dir);
    // The launching CLI's directory, so its project-local `sase.yml` applies.
    const app = saseContext({ cwd: record.config_dir ?? dir });
    const deps = await runDepsFor(app, { abort: controller.signal });
    const result = await executeRun(record, deps);
    return result.outcome === "completed" ? 0 : 1;
  } catch (error) {
    const text = error instanceof Error ? error.stack ?? error.message : String(error);
    await Deno.writeTextFile(join(dir, RUNNER_LOG), `${new Date().toISOString()} ${text}\n`, {
      append: true,
      mode: PRIVATE_FILE_MODE,
    }).catch(() => console.error(text));
    return 1;
  }
}
