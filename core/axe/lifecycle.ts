/**
 * Starting and stopping the orchestrator (handbook 5.10).
 *
 * `start`: a live orchestrator makes it a no-op that reports its pid.
 * Otherwise starters queue on `orchestrator.start`; the first clears stale
 * pid files, spawns the detached orchestrator and waits until it holds
 * `orchestrator.lock` and has written `orchestrator.pid`; the ones queued
 * behind it then find that orchestrator and report its pid. So any number
 * of concurrent starts leave one orchestrator.
 *
 * `stop`: SIGTERM to the orchestrator (which stops its lumberjacks and
 * their chops); after {@linkcode STOP_TIMEOUT_MS} SIGKILL, then the
 * process groups of chop runs still recorded as running are killed and
 * the pid files removed. Stopping a stopped axe only clears stale files.
 *
 * @module
 */

import { withFileLock } from "../fs/lock.ts";
import { definedEnv, type Env } from "../config/paths.ts";
import { saseCommand } from "../self_command.ts";
import { SaseError } from "../errors.ts";
import { listDirSync } from "../fs/list_dir.ts";
import { join } from "../fs/path.ts";
import { isProcessAlive } from "../process_liveness.ts";
import { signalProcessGroup } from "../agent/run/process.ts";
import { axeDir, lumberjackPaths, orchestratorPaths } from "./paths.ts";
import { isOrchestrator, liveOrchestratorPid, ORCHESTRATOR_COMMAND } from "./orchestrator_pid.ts";
import type { AxeOverrides } from "./settings.ts";
import { readRun, readRunIndex, writeRun } from "./history.ts";

/** How long `stop` waits after SIGTERM before SIGKILL. */
export const STOP_TIMEOUT_MS = 10_000;
/** How long `start` waits for a new orchestrator to come up. */
export const START_TIMEOUT_MS = 30_000;

/** What `start` did. */
export interface StartResult {
  pid: number;
  /** False when an orchestrator was already running. */
  started: boolean;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The lumberjack names that have a state directory. */
function knownLumberjacks(env: Env): string[] {
  return listDirSync(join(axeDir(env), "lumberjacks"))
    .filter((entry) => entry.isDirectory)
    .map((entry) => entry.name);
}

/** Remove `orchestrator.pid` and every lumberjack `pid` file. */
async function removePidFiles(env: Env): Promise<void> {
  await Deno.remove(orchestratorPaths(env).pid).catch(() => {});
  for (const name of knownLumberjacks(env)) {
    await Deno.remove(lumberjackPaths(env, name).pid).catch(() => {});
  }
}

/** Start the orchestrator unless one runs; `env` is the orchestrator's environment. */
export async function startAxe(
  env: Env,
  cwd: string,
  overrides: AxeOverrides,
): Promise<StartResult> {
  const running = liveOrchestratorPid(env);
  if (running !== null) return { pid: running, started: false };
  const paths = orchestratorPaths(env);
  await Deno.mkdir(axeDir(env), { recursive: true });
  return await withFileLock(paths.startLock, async () => {
    const live = liveOrchestratorPid(env);
    if (live !== null) return { pid: live, started: false };
    // A crashed orchestrator left its pid files behind.
    await removePidFiles(env);
    const [program, ...args] = saseCommand();
    const child = new Deno.Command(program, {
      args: [...args, ORCHESTRATOR_COMMAND, JSON.stringify(overrides)],
      env: definedEnv(env),
      clearEnv: true,
      cwd,
      stdin: "null",
      stdout: "null",
      stderr: "null",
      detached: true,
    }).spawn();
    let exited = false;
    child.status.then(() => exited = true);
    child.unref();
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (liveOrchestratorPid(env) === child.pid) return { pid: child.pid, started: true };
      if (exited) break;
      await sleep(50);
    }
    if (!exited) signalProcessGroup(child.pid, "SIGKILL");
    throw new SaseError("axe.start_failed", "the axe orchestrator did not start", {
      hint: `see ${paths.log}`,
      kind: "failed",
    });
  });
}

/** What `stop` did. */
export interface StopResult {
  /** The orchestrator that was stopped, or null when none ran. */
  pid: number | null;
  /** It had to be killed with SIGKILL. */
  killed: boolean;
  /** Chop processes killed after it (their runs are marked failed). */
  orphanedChops: number;
}

/** Kill the process groups of chop runs still recorded as running. */
async function killLeftoverChops(env: Env, now: Date): Promise<number> {
  let killed = 0;
  for (const lumberjack of knownLumberjacks(env)) {
    const chopsDir = join(lumberjackPaths(env, lumberjack).dir, "chops");
    for (const chop of listDirSync(chopsDir).filter((entry) => entry.isDirectory)) {
      for (const id of await readRunIndex(env, lumberjack, chop.name)) {
        const run = await readRun(env, lumberjack, chop.name, id);
        if (run?.status !== "running" || run.source !== "scheduled") continue;
        if (run.pid !== null && isProcessAlive(run.pid)) {
          signalProcessGroup(run.pid, "SIGKILL");
          killed++;
        }
        await writeRun(env, {
          ...run,
          status: "failure",
          finished_at: now.toISOString(),
          duration_ms: Math.max(0, now.getTime() - Date.parse(run.started_at)),
          error: "stopped with axe",
        });
      }
    }
  }
  return killed;
}

/** Stop the orchestrator (a no-op apart from clearing stale files when none runs). */
export async function stopAxe(env: Env, now: () => Date = () => new Date()): Promise<StopResult> {
  const pid = liveOrchestratorPid(env);
  if (pid === null) {
    await removePidFiles(env);
    return { pid: null, killed: false, orphanedChops: await killLeftoverChops(env, now()) };
  }
  Deno.kill(pid, "SIGTERM");
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (Date.now() < deadline && isOrchestrator(pid)) await sleep(50);
  let killed = false;
  if (isOrchestrator(pid)) {
    Deno.kill(pid, "SIGKILL");
    killed = true;
    while (isProcessAlive(pid)) await sleep(20);
  }
  const orphanedChops = await killLeftoverChops(env, now());
  await removePidFiles(env);
  return { pid, killed, orphanedChops };
}
