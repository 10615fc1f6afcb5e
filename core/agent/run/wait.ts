/**
 * `%wait` and `%time`: a waiting run starts only once every named
 * dependency's newest run has `done.json` outcome `completed`, then no
 * earlier than its time floor. A failed, killed, crashed or missing
 * dependency does not satisfy the wait: the run stays parked, with the
 * reason in `agent_meta.json` `wait_blocked`, until a later successful run
 * of that name appears (handbook "%wait" and axe `wait_checks`). A run
 * that handed over to a spawn-on-retry child is judged by that child.
 *
 * A name that is a workflow's (runs carry it as `workflow_name`) is judged
 * workflow-aware (handbook 10.17.1): the newest workflow run (the newest
 * row without a parent; the newest row at all for older layouts) must have
 * completed, and so must every agent step of that run.
 *
 * A parked run re-checks its dependencies every `SASE_WAIT_POLL_MS` (1 s)
 * on its own, so it is released without axe, and between checks it looks
 * for the {@linkcode READY_FILE} axe's `wait_checks` writes into its
 * artifact directory: when that appears it checks at once.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import type { Env } from "../../config/paths.ts";
import { ARTIFACT_FILES, RUN_WORKFLOW } from "../records/artifacts.ts";
import { WAITING_INPUT } from "../index/status.ts";
import { updateAgentMeta } from "../records/meta.ts";
import { readNameRegistry } from "../identity/naming.ts";
import { isProcessAlive } from "../../process_liveness.ts";
import { RETRY_HANDOFF_FILE } from "./spawn_retry.ts";
import { readJsonObject, stringFields } from "../../fs/json_object.ts";

/** The file axe's `wait_checks` writes into a parked run's directory to release it. */
export const READY_FILE = "ready.json";

/** How often a parked run looks for {@linkcode READY_FILE} between its own checks. */
const READY_POLL_MS = 200;

/** Where one dependency stands. */
export type DependencyState =
  | { kind: "completed"; dir: string; chatPath?: string; outputVariables: Record<string, string> }
  | { kind: "pending"; reason: string }
  | { kind: "blocked"; reason: string };

/** The state of the run that owns `name` (its artifact directory is `dir`). */
export async function dependencyStateOf(dir: string): Promise<DependencyState> {
  const done = await readJsonObject(join(dir, ARTIFACT_FILES.done));
  const meta = await readJsonObject(join(dir, ARTIFACT_FILES.meta));
  if (done) {
    const outcome = String(done.outcome ?? "");
    if (outcome === "completed") {
      return {
        kind: "completed",
        dir,
        chatPath: typeof done.response_path === "string" ? done.response_path : undefined,
        outputVariables: stringFields(meta?.output_variables),
      };
    }
    const handoff = done.retried_as_timestamp
      ? await readJsonObject(join(dir, RETRY_HANDOFF_FILE))
      : undefined;
    if (typeof handoff?.child_artifacts_dir === "string") {
      return await dependencyStateOf(handoff.child_artifacts_dir);
    }
    return { kind: "blocked", reason: outcome ? `${outcome}` : "malformed done.json" };
  }
  // Paused at a human checkpoint: the decision resumes it, whether or not its runner lives.
  if (meta?.status === WAITING_INPUT) {
    return { kind: "pending", reason: "waiting for a human decision" };
  }
  const pid = typeof meta?.pid === "number" ? meta.pid : undefined;
  if (pid !== undefined && !isProcessAlive(pid)) {
    return { kind: "blocked", reason: "crashed (its runner is gone without a done.json)" };
  }
  return { kind: "pending", reason: String(meta?.status ?? "starting") };
}

/**
 * The state of the workflow called `name`, or undefined when no run has
 * that workflow name: its newest run, then every agent step of that run.
 */
async function workflowState(env: Env, name: string): Promise<DependencyState | undefined> {
  if (name === RUN_WORKFLOW) return undefined;
  const { indexLocation, refreshIndex, withAgentIndex } = await import(
    "../index/index_service.ts"
  );
  const runs = await withAgentIndex(indexLocation(env), async (index) => {
    await refreshIndex(index);
    return index.runsOfWorkflow(name).map((run) => run.record);
  });
  if (runs.length === 0) return undefined;
  const root = runs.find((run) => run.parent_timestamp === null) ?? runs[0];
  const state = await dependencyStateOf(root.dir);
  if (state.kind !== "completed") return state;
  const children = runs.filter((run) =>
    run.parent_timestamp === root.timestamp && run.project === root.project
  );
  for (const child of children) {
    const step = await dependencyStateOf(child.dir);
    if (step.kind === "completed") continue;
    return { kind: step.kind, reason: `its step agent ${child.name ?? child.dir}: ${step.reason}` };
  }
  return state;
}

/** The state of the dependency called `name` (a workflow's, else an agent's). */
export async function dependencyState(env: Env, name: string): Promise<DependencyState> {
  const workflow = await workflowState(env, name);
  if (workflow) return workflow;
  const owner = (await readNameRegistry(env))[name];
  if (!owner) return { kind: "pending", reason: "no agent has this name yet" };
  return await dependencyStateOf(owner.artifacts_dir);
}

/** What the satisfied dependencies hand to the waiting agent. */
export interface WaitResult {
  /** Chat transcripts of the dependencies, in `%wait` order (`{{ wait_chats }}`). */
  waitChats: string[];
  /** Output variables per dependency (`{{ agents["name"].KEY }}`). */
  agents: Record<string, Record<string, string>>;
}

/** Options of {@linkcode waitForDependencies}. */
export interface WaitOptions {
  env: Env;
  /** The waiting run's artifact directory (its meta shows the progress). */
  dir: string;
  waits: readonly string[];
  /** ISO time floor (`%time`). */
  waitUntil?: string;
  sleep: (ms: number) => Promise<void>;
  /** Between dependency checks (default `SASE_WAIT_POLL_MS` or 1 s). */
  pollMs?: number;
  /** Stops the wait (the run was killed). */
  abort?: AbortSignal;
}

function pollInterval(options: WaitOptions): number {
  const configured = Number(options.env.SASE_WAIT_POLL_MS);
  return options.pollMs ?? (Number.isFinite(configured) && configured > 0 ? configured : 1000);
}

/**
 * Sleep `ms` between dependency checks, cut short when {@linkcode READY_FILE}
 * appears. Once it was seen (a check followed), it wakes nobody again:
 * resolves to whether it has been seen.
 */
async function pause(options: WaitOptions, ms: number, seen: boolean): Promise<boolean> {
  const ready = join(options.dir, READY_FILE);
  for (let waited = 0; waited < ms;) {
    if (!seen && await Deno.stat(ready).then(() => true, () => false)) return true;
    const step = seen ? ms - waited : Math.min(READY_POLL_MS, ms - waited);
    await options.sleep(step);
    waited += step;
    options.abort?.throwIfAborted();
  }
  return seen;
}

/** Block until every dependency completed and the time floor passed. */
export async function waitForDependencies(options: WaitOptions): Promise<WaitResult> {
  const poll = pollInterval(options);
  const completed = new Map<string, Extract<DependencyState, { kind: "completed" }>>();
  let shown = "";
  let seenReady = false;
  while (true) {
    options.abort?.throwIfAborted();
    const blocked: Record<string, string> = {};
    for (const name of options.waits) {
      if (completed.has(name)) continue;
      const state = await dependencyState(options.env, name);
      if (state.kind === "completed") completed.set(name, state);
      else if (state.kind === "blocked") blocked[name] = state.reason;
    }
    const remaining = options.waits.filter((name) => !completed.has(name));
    const view = JSON.stringify([remaining, blocked]);
    if (view !== shown) {
      shown = view;
      await updateAgentMeta(options.dir, { waiting_for: remaining, wait_blocked: blocked });
    }
    if (remaining.length === 0) break;
    seenReady = await pause(options, poll, seenReady);
  }
  if (options.waitUntil) {
    const delay = new Date(options.waitUntil).getTime() - Date.now();
    if (delay > 0) await options.sleep(delay);
    options.abort?.throwIfAborted();
  }
  const satisfied = options.waits.map((name) => [name, completed.get(name)!] as const);
  return {
    waitChats: satisfied.flatMap(([, state]) => state.chatPath ? [state.chatPath] : []),
    agents: Object.fromEntries(satisfied.map(([name, state]) => [name, state.outputVariables])),
  };
}
