/**
 * Launching a plan: every entry of an XPrompt launch plan becomes a run.
 * A plan whose `%wait`s form a cycle is refused before anything starts.
 * A single entry without waits runs in the foreground unless `--daemon` is
 * asked for; anything else runs detached. Every launch is checked before
 * any is prepared (a bad model, a missing CLI or an unusable workspace in
 * the third agent stops the first two as well), and every run is prepared
 * (named, recorded) before any runner starts, so dependents always find
 * their dependencies' names. Every run enters the agent index as it is
 * launched (and again as it finishes), so listings and `sase agent index
 * verify` agree with the files.
 *
 * @module
 */

import { SaseError } from "../../errors.ts";
import {
  entryModel,
  type LaunchEntry,
  type LaunchPlan,
  promptWithoutWorkspaceRef,
} from "../../xprompt/launch_plan.ts";
import type { LaunchRequest, RunResult } from "./launch_request.ts";
import type { LaunchRecord } from "./launch_record.ts";
import { updateAgentMeta } from "../records/meta.ts";
import { checkRequest, prepareRun, resolveRequestWorkspace } from "./prepare.ts";
import type { ResolvedWorkspace } from "../../workspace/types.ts";
import type { RunDeps, RunnerSpawner } from "./run_deps.ts";
import { assertNoWaitCycle, pendingWaitsIn } from "./wait_cycles.ts";
import type { XPromptEnvironment } from "../../xprompt/context.ts";
import type { ProgressEvent } from "../../workflow/engine.ts";
import type { WorkflowRunResult } from "../../workflow/run.ts";

/** A run started detached. */
export interface LaunchedAgent {
  name: string;
  timestamp: string;
  dir: string;
  /** The detached runner's pid. */
  pid: number;
  waits: string[];
}

/** What a launch did. */
export interface LaunchOutcome {
  /** The foreground run's result, when the plan ran in the foreground. */
  foreground?: RunResult;
  /** The foreground workflow run's result, when the plan was one workflow run in the foreground. */
  workflow?: WorkflowRunResult;
  /** Runs started detached. */
  launched: LaunchedAgent[];
}

/** Options of {@linkcode launchPlan}. */
export interface LaunchPlanOptions {
  /** `--daemon`: run even a single agent detached. */
  daemon: boolean;
  /** The prompt as the user submitted it (saved as each run's raw prompt). */
  rawPrompt?: string;
  /** The catalog the plan was made with (workflow launches look their workflow up in it). */
  xprompts?: XPromptEnvironment;
  /** Receives the steps of a foreground workflow run as they go. */
  progress?: (event: ProgressEvent) => void;
}

/**
 * Whether `plan` runs as one agent in the foreground: a single entry with
 * no `%wait` and no `%time`, unless `--daemon` asks for a detached run.
 */
export function runsInForeground(plan: LaunchPlan, daemon: boolean): boolean {
  const only = plan.entries.length === 1 ? plan.entries[0] : undefined;
  return !daemon && only !== undefined && only.waits.length === 0 && !only.time;
}

function waitUntil(entry: LaunchEntry, now: Date): string | undefined {
  if (!entry.time) return undefined;
  const at = entry.time.kind === "duration"
    ? new Date(now.getTime() + entry.time.seconds * 1000)
    : entry.time.at;
  return at.toISOString();
}

/**
 * The run request of one plan entry. Its raw prompt is the entry's own
 * segment when the submitted prompt launched several agents.
 */
export function requestForEntry(
  entry: LaunchEntry,
  rawPrompt?: string,
  now = new Date(),
): LaunchRequest {
  const prompt = promptWithoutWorkspaceRef(entry);
  if (prompt === "") {
    throw new SaseError(
      "launch.empty_prompt",
      `agent ${
        entry.name ?? `#${entry.segment + 1}`
      } has nothing to do: its prompt is empty once directives are removed`,
      { hint: "write the task after the directives", kind: "invalid-input" },
    );
  }
  const flags: Record<string, unknown> = {};
  if (entry.approve) flags.approve = true;
  if (entry.epic) flags.epic = true;
  if (entry.group) flags.group = entry.group;
  return {
    prompt,
    rawPrompt: entry.source ?? rawPrompt,
    name: entry.name,
    forceReuseName: entry.forceReuseName,
    ...(entry.repeat ? { repeat: entry.repeat } : {}),
    model: entryModel(entry),
    waits: entry.waits,
    waitUntil: waitUntil(entry, now),
    hidden: entry.hide,
    workspace: {
      kind: entry.workspace.kind,
      ref: entry.workspace.ref,
      implicit: entry.workspace.implicit,
    },
    ...(Object.keys(flags).length ? { flags } : {}),
  };
}

/**
 * Enter launched runs in the agent index (loaded here, off the path to the
 * provider's spawn: the index brings SQLite and the record parser).
 */
async function indexLaunched(
  deps: RunDeps,
  records: readonly { dir: string }[],
): Promise<void> {
  const { indexRunQuietly } = await import("../index/index_service.ts");
  for (const record of records) await indexRunQuietly(deps.env, record.dir, deps.warn);
}

/** Launch every entry of `plan`. */
export async function launchPlan(
  plan: LaunchPlan,
  deps: RunDeps,
  options: LaunchPlanOptions,
): Promise<LaunchOutcome> {
  if (plan.entries.length === 0) {
    throw new SaseError("launch.empty", "the prompt launches nothing", { kind: "invalid-data" });
  }
  if (plan.entries.some(runsAsWorkflow)) {
    return await launchWithWorkflows(plan, deps, options);
  }
  const requests = plan.entries.map((entry) => requestForEntry(entry, options.rawPrompt));
  await assertNoWaitCycle(plan.entries, pendingWaitsIn(deps.env));
  const selections = await Promise.all(requests.map((request) => checkRequest(request, deps)));
  // In order: the first use of a `#git:<name>` initializes it, once.
  const workspaces: (ResolvedWorkspace | undefined)[] = [];
  for (const request of requests) workspaces.push(await resolveRequestWorkspace(request, deps));
  if (runsInForeground(plan, options.daemon)) {
    const record = await prepareRun(requests[0], deps, {
      daemon: false,
      selection: selections[0],
      workspace: workspaces[0],
    });
    // Listed from the start: the index update runs alongside the launch, not before it.
    const indexed = indexLaunched(deps, [record]);
    // Loaded here: a daemon launch hands the run to its runner and never needs it.
    const { executeRun } = await import("./run.ts");
    try {
      return { foreground: await executeRun(record, deps), launched: [] };
    } finally {
      await indexed;
    }
  }
  const spawn = detachedSpawner(deps);
  const records: LaunchRecord[] = [];
  for (const [index, request] of requests.entries()) {
    records.push(
      await prepareRun(request, deps, {
        daemon: true,
        selection: selections[index],
        workspace: workspaces[index],
      }),
    );
  }
  return { launched: await startRunners(records, spawn, deps) };
}

/** The spawner of detached runners (checked before anything is prepared). */
function detachedSpawner(deps: RunDeps): RunnerSpawner {
  if (!deps.spawnRunner) {
    throw new SaseError("launch.no_spawner", "this caller cannot start detached agents", {
      kind: "unavailable",
    });
  }
  return deps.spawnRunner;
}

/** Start the runner of every prepared run, then enter them in the agent index. */
async function startRunners(
  records: readonly PreparedUnit[],
  spawn: RunnerSpawner,
  deps: RunDeps,
): Promise<LaunchedAgent[]> {
  const launched: LaunchedAgent[] = [];
  for (const record of records) {
    const pid = await spawn(record.dir, deps.env);
    await updateAgentMeta(record.dir, { pid });
    const { name, timestamp, dir, waits } = record;
    launched.push({ name, timestamp, dir, pid, waits });
  }
  // After the spawns, so no runner waits for the index.
  await indexLaunched(deps, records);
  return launched;
}

/**
 * Whether an entry runs as a workflow: a standalone `#!name` launch, or a
 * prompt using embeddable workflows whose steps run around the agent (an
 * anonymous workflow with one agent step).
 */
function runsAsWorkflow(entry: LaunchEntry): boolean {
  return entry.workflow !== undefined || (entry.embedded?.length ?? 0) > 0;
}

/** A prepared run of a mixed plan: an agent's launch record or a workflow's. */
interface PreparedUnit {
  name: string;
  timestamp: string;
  dir: string;
  waits: string[];
}

/**
 * {@linkcode launchPlan} for a plan with standalone workflow runs
 * (`#!name`): the same order — every workflow checked and bound and every
 * agent checked before anything is prepared, everything prepared before
 * any runner starts — with workflow entries going through the workflow
 * launcher. One workflow without waits runs in the foreground.
 */
async function launchWithWorkflows(
  plan: LaunchPlan,
  deps: RunDeps,
  options: LaunchPlanOptions,
): Promise<LaunchOutcome> {
  const workflows = await import("../../workflow/launch.ts");
  const xprompts = options.xprompts ?? await (await import("../../xprompt/context.ts"))
    .loadXPromptEnvironment({ env: deps.env, cwd: deps.cwd });
  const units = plan.entries.map((entry) =>
    runsAsWorkflow(entry)
      ? { entry, checked: workflows.checkWorkflowEntry(entry, deps, xprompts) }
      : { entry, request: requestForEntry(entry, options.rawPrompt) }
  );
  await assertNoWaitCycle(plan.entries, pendingWaitsIn(deps.env));
  const selections = await Promise.all(
    units.map((unit) => unit.request ? checkRequest(unit.request, deps) : undefined),
  );
  const workspaces: (ResolvedWorkspace | undefined)[] = [];
  for (const unit of units) {
    const request = unit.request ?? { prompt: unit.entry.prompt, workspace: unit.entry.workspace };
    workspaces.push(await resolveRequestWorkspace(request, deps));
  }
  const prepare = async (index: number, daemon: boolean): Promise<PreparedUnit> => {
    const unit = units[index];
    if (unit.request) {
      return await prepareRun(unit.request, deps, {
        daemon,
        selection: selections[index],
        workspace: workspaces[index],
      });
    }
    return await workflows.prepareWorkflowRun(unit.checked!, deps, {
      daemon,
      rawPrompt: options.rawPrompt,
      workspace: workspaces[index],
      waitUntil: waitUntil(unit.entry, new Date()),
    });
  };
  if (runsInForeground(plan, options.daemon)) {
    const record = await workflows.prepareWorkflowRun(units[0].checked!, deps, {
      daemon: false,
      rawPrompt: options.rawPrompt,
      workspace: workspaces[0],
    });
    const indexed = indexLaunched(deps, [record]);
    try {
      return {
        workflow: await workflows.runWorkflowForeground(record, deps, options.progress),
        launched: [],
      };
    } finally {
      await indexed;
    }
  }
  const spawn = detachedSpawner(deps);
  const records: PreparedUnit[] = [];
  for (const index of units.keys()) records.push(await prepare(index, true));
  return { launched: await startRunners(records, spawn, deps) };
}
