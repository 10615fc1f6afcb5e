/**
 * Stopping a run (`sase agent kill`, ACE's `x`) and erasing one (forced name
 * reuse). A kill signals the provider's whole process group (`-agent_pid`),
 * the runner (`pid`) and every process carrying the run's directory in its
 * environment (`run_processes.ts`) with SIGTERM, escalates to SIGKILL after a grace
 * period, and — when the runner did not finalize on its own — writes
 * `done.json` with outcome `killed`, all within about two seconds.
 *
 * Pids are only signalled when they still belong to this run: a process that
 * started after `agent_meta.json` was last written reused the number, and is
 * left alone.
 *
 * A workflow run also has the process groups of its running bash/python
 * steps (`step_pgids.json`) and its agent steps' runs (`child_artifacts_dirs`):
 * they are stopped with it, so nothing of a workflow survives its kill, even
 * when its runner had already died.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import type { Env } from "../../config/paths.ts";
import { SaseError } from "../../errors.ts";
import { atomicWriteJson } from "../../fs/atomic_write.ts";
import { ARTIFACT_FILES, PRIVATE_FILE_MODE } from "../records/artifacts.ts";
import { indexLocation, indexRun, refreshIndex, withAgentIndex } from "../index/index_service.ts";
import { resolveAgent } from "../index/resolve.ts";
import type { AppContext } from "../../context.ts";
import { bundlePaths, rebuildArchiveIndex } from "../index/archive.ts";
import { parseRunDir } from "../index/layout.ts";
import { processGroupMembers, processInfo, recordedProcess } from "../index/liveness.ts";
import { updateAgentMeta } from "../records/meta.ts";
import { finalMetaStatus } from "../run/run_state.ts";
import { readJsonObjectSync } from "../../fs/json_object.ts";
import { READ_LIMITS, readTextBoundedSync } from "../../fs/bounded_read.ts";
import { type ForcedReservation, forceReserveAgentName, type NameReservation } from "./naming.ts";
import { runProcesses } from "./run_processes.ts";

/** What a kill did. */
export interface KillResult {
  dir: string;
  name: string | null;
  /** Provider process-group members and runner pids that were signalled. */
  signalled: number[];
  /** SIGTERM was not enough. */
  escalated: boolean;
  /** `done.json` outcome after the kill. */
  outcome: string;
  /** This kill wrote `done.json` (the runner did not finalize). */
  wroteDone: boolean;
  elapsedMs: number;
}

/** Options of {@linkcode killRun}. */
export interface KillOptions {
  env: Env;
  /** Between SIGTERM and SIGKILL (default 1000 ms). */
  graceMs?: number;
  /** Give up waiting for the processes after this long in total (default 2000 ms). */
  timeoutMs?: number;
  /**
   * Called once the run is stopped and recorded: the place to release what
   * the run held (its workspace claim).
   */
  onKilled?: (result: KillResult) => Promise<void> | void;
  /**
   * How the run is recorded when this stop writes its `done.json` (default:
   * `killed`, "killed by the user"). Reaping a crashed run records `failed`.
   */
  ending?: { outcome: "killed" | "failed"; error: string };
}

const POLL_MS = 25;

function mtimeMs(path: string): number | null {
  try {
    return Deno.statSync(path).mtime?.getTime() ?? null;
  } catch {
    return null;
  }
}

function positiveInt(value: unknown): number | null {
  return typeof value === "number" && Number.isInteger(value) && value > 1 ? value : null;
}

/**
 * The processes to stop: the provider's group, the runner (with its own
 * group, if it leads one), and whatever else carries the run's directory in
 * its environment (a jailed or detached process, or one started after the
 * runner last recorded a pid).
 */
interface Targets {
  groups: number[];
  pids: number[];
  /** The run directory whose processes are found by their environment. */
  dir: string;
}

/** The process groups a workflow run's bash/python steps run in, and when they were recorded. */
function stepGroups(dir: string): { pgids: (number | null)[]; recordedAtMs: number | null } {
  const path = join(dir, ARTIFACT_FILES.stepProcesses);
  let pgids: unknown;
  try {
    pgids = JSON.parse(readTextBoundedSync(path, READ_LIMITS.record));
  } catch {
    return { pgids: [], recordedAtMs: null };
  }
  return { pgids: Array.isArray(pgids) ? pgids.map(positiveInt) : [], recordedAtMs: mtimeMs(path) };
}

function killTargets(
  dir: string,
  meta: Record<string, unknown>,
  recordedAtMs: number | null,
): Targets {
  const own = processInfo(Deno.pid);
  const targets: Targets = { groups: [], pids: [], dir };
  const agentPid = positiveInt(meta.agent_pid);
  // A live leader that started after the meta was written is a stranger with a reused pid.
  if (agentPid && (!processInfo(agentPid) || recordedProcess(agentPid, recordedAtMs))) {
    if (agentPid !== own?.pgid) targets.groups.push(agentPid);
  }
  const steps = stepGroups(dir);
  for (const pgid of steps.pgids) {
    if (!pgid || pgid === own?.pgid) continue;
    if (!processInfo(pgid) || recordedProcess(pgid, steps.recordedAtMs)) targets.groups.push(pgid);
  }
  const runnerPid = positiveInt(meta.pid);
  const runner = runnerPid ? recordedProcess(runnerPid, recordedAtMs) : null;
  if (runner && runner.pid !== Deno.pid) {
    targets.pids.push(runner.pid);
    if (runner.pgid === runner.pid && runner.pgid !== own?.pgid) targets.groups.push(runner.pgid);
  } else if (runnerPid && !processInfo(runnerPid) && runnerPid !== own?.pgid) {
    // A runner that died leaves its group to the helpers it started (the
    // jail's proxy relays): a group outlives its leader, and its id is not
    // reused while it has members.
    if (processGroupMembers(runnerPid).length > 0) targets.groups.push(runnerPid);
  }
  return targets;
}

function survivors(targets: Targets): number[] {
  const alive = new Set<number>();
  for (const group of targets.groups) for (const pid of processGroupMembers(group)) alive.add(pid);
  for (const pid of targets.pids) if (processInfo(pid)) alive.add(pid);
  for (const pid of runProcesses(targets.dir)) if (processInfo(pid)) alive.add(pid);
  return [...alive];
}

function signal(targets: Targets, signalName: Deno.Signal): void {
  const send = (pid: number) => {
    try {
      Deno.kill(pid, signalName);
    } catch (error) {
      if (error instanceof Deno.errors.PermissionDenied) {
        throw new SaseError("agent.kill_denied", `not allowed to signal process ${Math.abs(pid)}`, {
          hint: "the agent runs as another user; kill it as that user",
          kind: "failed",
        });
      }
      // Already gone.
    }
  };
  for (const group of targets.groups) send(-group);
  for (const pid of targets.pids) send(pid);
  for (const pid of runProcesses(targets.dir)) send(pid);
}

async function waitUntilGone(targets: Targets, deadline: number): Promise<number[]> {
  let alive = survivors(targets);
  while (alive.length > 0 && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    alive = survivors(targets);
  }
  return alive;
}

/** The agent-step runs of a workflow run that have not finished. */
function unfinishedChildren(meta: Record<string, unknown>): string[] {
  const dirs = Array.isArray(meta.child_artifacts_dirs) ? meta.child_artifacts_dirs : [];
  return dirs.filter((dir): dir is string =>
    typeof dir === "string" && !readJsonObjectSync(join(dir, ARTIFACT_FILES.done))
  );
}

/** Stop the run in `dir` and record it as killed. Throws when it already finished. */
export async function killRun(dir: string, options: KillOptions): Promise<KillResult> {
  const started = performance.now();
  const metaPath = join(dir, ARTIFACT_FILES.meta);
  const donePath = join(dir, ARTIFACT_FILES.done);
  const meta = readJsonObjectSync(metaPath) ?? {};
  const name = typeof meta.name === "string" ? meta.name : null;
  const label = name ? `agent '${name}'` : `run ${dir}`;
  const finished = readJsonObjectSync(donePath);
  if (finished) {
    throw new SaseError(
      "agent.finished",
      `${label} already finished (${finished.outcome ?? "done"})`,
      {
        hint: "only running, waiting or paused agents can be killed",
        kind: "conflict",
      },
    );
  }
  const targets = killTargets(dir, meta, mtimeMs(metaPath));
  const killedAt = new Date().toISOString();
  const ending = options.ending ?? { outcome: "killed", error: "killed by the user" };
  // Lets a runner that traps SIGTERM record `killed` rather than `failed`.
  if (ending.outcome === "killed") await updateAgentMeta(dir, { kill_requested_at: killedAt });

  const signalled = survivors(targets);
  const timeout = options.timeoutMs ?? 2000;
  signal(targets, "SIGTERM");
  let alive = await waitUntilGone(targets, started + Math.min(options.graceMs ?? 1000, timeout));
  const escalated = alive.length > 0;
  if (escalated) {
    signal(targets, "SIGKILL");
    alive = await waitUntilGone(targets, started + timeout);
  }
  if (alive.length > 0) {
    throw new SaseError("agent.kill_failed", `${label} did not stop: pids ${alive.join(", ")}`, {
      hint: "check them with `ps`; they may be stuck in the kernel",
      kind: "failed",
    });
  }

  let wroteDone = false;
  let outcome = String(readJsonObjectSync(donePath)?.outcome ?? "");
  if (!outcome) {
    const finishedAt = new Date().toISOString();
    await atomicWriteJson(donePath, {
      outcome: ending.outcome,
      error: ending.error,
      name,
      timestamp: meta.timestamp ?? null,
      provider: meta.llm_provider ?? meta.provider ?? null,
      model: meta.model ?? null,
      llm_provider: meta.llm_provider ?? meta.provider ?? null,
      session_id: meta.session_id ?? null,
      started_at: meta.started_at ?? null,
      finished_at: finishedAt,
      image_paths: [],
      markdown_pdf_paths: [],
    }, { mode: PRIVATE_FILE_MODE });
    await updateAgentMeta(dir, {
      status: finalMetaStatus(ending.outcome),
      outcome: ending.outcome,
      finished_at: finishedAt,
      ...(ending.outcome === "killed" ? { killed_at: killedAt } : { reaped_at: finishedAt }),
    });
    outcome = ending.outcome;
    wroteDone = true;
  }
  for (const child of unfinishedChildren(readJsonObjectSync(metaPath) ?? meta)) {
    try {
      const stopped = await killRun(child, { ...options, onKilled: undefined });
      signalled.push(...stopped.signalled);
    } catch (error) {
      // A step that finished meanwhile needs nothing.
      if (!(error instanceof SaseError && error.code === "agent.finished")) throw error;
    }
  }
  await indexRun(options.env, dir);
  const result: KillResult = {
    dir,
    name,
    signalled,
    escalated,
    outcome,
    wroteDone,
    elapsedMs: Math.round(performance.now() - started),
  };
  await options.onKilled?.(result);
  return result;
}

/** What a wipe removed. */
export interface WipeResult {
  /** Run directories stopped (if live) and deleted. */
  dirs: string[];
  /** Dismissed bundles deleted. */
  bundles: string[];
}

/**
 * Erase every trace that holds `name` (forced name reuse, `%name:!x`): the
 * given owner directory and any other indexed run or dismissed bundle under
 * that name — live ones are killed first. Chat transcripts are history and
 * stay.
 */
export async function wipeAgentName(
  env: Env,
  name: string,
  ownerDir: string | null,
  options: Omit<KillOptions, "env"> = {},
): Promise<WipeResult> {
  const location = indexLocation(env);
  const dirs = new Set<string>(ownerDir ? [ownerDir] : []);
  await withAgentIndex(location, async (index) => {
    await refreshIndex(index);
    for (const run of index.runsNamed(name)) dirs.add(run.record.dir);
  });
  for (const dir of dirs) {
    const meta = readJsonObjectSync(join(dir, ARTIFACT_FILES.meta));
    const live = meta && !readJsonObjectSync(join(dir, ARTIFACT_FILES.done));
    if (live) await killRun(dir, { ...options, env });
    await Deno.remove(dir, { recursive: true }).catch((error) => {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    });
    if (parseRunDir(location.projectsRoot, dir)) await indexRun(env, dir);
  }
  const bundles: string[] = [];
  for (const path of bundlePaths(env)) {
    const bundle = readJsonObjectSync(path);
    if (bundle?.agent_name !== name && bundle?.name !== name) continue;
    await Deno.remove(path);
    bundles.push(path);
  }
  if (bundles.length > 0) rebuildArchiveIndex(env);
  return { dirs: [...dirs], bundles };
}

/**
 * `%name:!<name>`: claim `name` for a new run even though it is reserved,
 * after erasing its previous owner with {@linkcode wipeAgentName} (a live
 * owner is killed first).
 */
export function forceReuseAgentName(
  env: Env,
  name: string,
  reservation: Omit<NameReservation, "reserved_at">,
): Promise<ForcedReservation> {
  return forceReserveAgentName(
    env,
    name,
    reservation,
    (env, name, owner) => wipeAgentName(env, name, owner?.artifacts_dir ?? null),
  );
}

/** Options of {@linkcode stopAgentRun}. */
export interface StopOptions extends Omit<KillOptions, "env" | "onKilled"> {
  /** The run's project (its workspace claims are repaired there). */
  project?: string;
  /** The runner is known to be dead already (a crashed run being reaped). */
  runnerGone?: boolean;
}

/**
 * Stop the run in `dir` and release what it held: the one stop every caller
 * uses (`sase agent kill`, bead work's rollback, reaping, ACE). A runner that
 * had to be SIGKILLed, or had died already, never released its workspace
 * claim, so the project's claims are repaired after it.
 */
export async function stopAgentRun(
  app: AppContext,
  dir: string,
  options: StopOptions = {},
): Promise<KillResult> {
  const { project, runnerGone, ...kill } = options;
  return await killRun(dir, {
    ...kill,
    env: app.env,
    onKilled: async (killed) => {
      if (!killed.escalated && !runnerGone) return;
      const [{ config }, providers, { repairWorkspaces }] = await Promise.all([
        app.config(),
        app.providers.workspace(),
        import("../../workspace/repair.ts"),
      ]);
      await repairWorkspaces({ env: app.env, config, cwd: app.cwd, providers }, { project });
    },
  });
}

/** Stop the agent named `name` (see {@linkcode stopAgentRun}). */
export async function killAgent(
  app: AppContext,
  name: string,
  options: Omit<StopOptions, "project"> = {},
): Promise<KillResult> {
  const run = await resolveAgent(indexLocation(app.env), name);
  return await stopAgentRun(app, run.record.dir, { ...options, project: run.record.project });
}
