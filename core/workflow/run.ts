/**
 * Running a prepared workflow launch to its end: wait for `%wait`
 * dependencies, claim the workspace, render the `environment:`, run the
 * executor with the real services, then finalize — `done.json` with the
 * handbook's fields (`outcome`, `error`, `traceback`, `workspace_num`,
 * `vcs_provider`, ...), the final `agent_meta.json` (the `meta_*` workflow
 * variables become output variables, so `%wait` dependents see them as
 * `{{ agents["<name>"].meta_… }}`), an error report on failure, the
 * notification and the agent index row. A runner started on a run that is
 * paused at a human checkpoint (its earlier runner died) resumes it there.
 *
 * @module
 */

import { recordAndPush } from "../telemetry/report.ts";
import { join } from "../fs/path.ts";
import { definedEnv, notificationsPath } from "../config/paths.ts";
import { SaseError } from "../errors.ts";
import { atomicWriteJson, atomicWriteTextFile } from "../fs/atomic_write.ts";
import { readJsonObject, readJsonObjectSync } from "../fs/json_object.ts";
import { createNotification } from "../notify/create.ts";
import { ARTIFACT_FILES, PRIVATE_FILE_MODE } from "../agent/records/artifacts.ts";
import { updateAgentMeta } from "../agent/records/meta.ts";
import type { RunDeps } from "../agent/run/run_deps.ts";
import { sleeper, withRunEnv } from "../agent/run/run_deps.ts";
import { ensureSaseShim, pathWithShim } from "../agent/run/sase_shim.ts";
import {
  activateRunWorkspace,
  type ClaimingRun,
  claimRunWorkspace,
  envWithWorkspace,
  releaseRunWorkspace,
} from "../agent/run/run_workspace.ts";
import { waitForDependencies, type WaitResult } from "../agent/run/wait.ts";
import { finalMetaStatus } from "../agent/run/run_state.ts";
import type { WorkspaceClaim } from "../workspace/types.ts";
import { homeDir } from "../config/paths.ts";
import { bundledXPromptsDir } from "../xprompt/bundled.ts";
import type { ProgressEvent } from "./engine.ts";
import { executeWorkflow, type WorkflowOutcome } from "./executor.ts";
import { readWorkflowLaunch, type WorkflowLaunchRecord } from "./launch_record.ts";
import { loadWorkflowText } from "./load.ts";
import { renderEnvironment } from "./environment.ts";
import { type ServiceOptions, workflowServices } from "./services.ts";
import { newWorkflowState, readWorkflowState, type WorkflowState } from "./state.ts";
import { stepTimeoutMs } from "./step_process.ts";

/** How a workflow run ended. */
export interface WorkflowRunResult {
  name: string;
  workflow: string;
  timestamp: string;
  project: string;
  dir: string;
  outcome: "completed" | "failed" | "killed";
  error?: string;
  /** Each step's status and output, in order. */
  steps: { name: string; status: string; output: unknown; error: string | null }[];
}

/** Options of {@linkcode executeWorkflowRun}. */
export interface WorkflowRunOptions {
  /** Receives agent steps' reply text (foreground). */
  echo?: (text: string) => void;
  /** Receives step progress (foreground). */
  progress?: (event: ProgressEvent) => void;
}

/** Between looks for a human decision (`SASE_HITL_POLL_MS`, default 500 ms). */
function hitlPollMs(env: RunDeps["env"]): number {
  const configured = Number(env.SASE_HITL_POLL_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : 500;
}

const NOTHING_WAITED: WaitResult = { waitChats: [], agents: {} };

/** The run's active workspace claim, kept so a resumed run continues in the same checkout. */
const CLAIM_FILE = "workflow_claim.json";

/**
 * A resumed run takes over the claim its dead runner held (the same
 * checkout); when that claim is gone (released or repaired away), it claims
 * afresh and says so.
 */
async function resumedClaim(
  dir: string,
  record: ClaimingRun,
  deps: RunDeps,
  resume: WorkflowState | undefined,
): Promise<WorkspaceClaim | undefined> {
  if (!resume) return undefined;
  const saved = readJsonObjectSync(join(dir, CLAIM_FILE)) as WorkspaceClaim | undefined;
  if (!saved) return undefined;
  try {
    return await claimRunWorkspace({ ...record, claim: saved }, deps, { deferred: false });
  } catch (error) {
    if (!(error instanceof SaseError && error.code === "workspace.not_claimed")) throw error;
    deps.warn?.(`workspace #${saved.num} is no longer held by this run; claiming a checkout anew`);
    return undefined;
  }
}

/** A state to resume from: the run is paused at a human checkpoint. Other states are refused. */
function resumableState(dir: string): WorkflowState | undefined {
  const state = readWorkflowState(dir);
  if (!state) return undefined;
  if (state.status === "waiting_hitl" && state.hitl) return state;
  throw new SaseError(
    "workflow.not_resumable",
    `workflow run ${dir} already ran (status ${state.status}); only a run paused at a human ` +
      "checkpoint can be resumed",
    { kind: "conflict" },
  );
}

function resultOf(record: WorkflowLaunchRecord, outcome: WorkflowOutcome): WorkflowRunResult {
  return {
    name: record.name,
    workflow: record.workflow.name,
    timestamp: record.timestamp,
    project: record.project,
    dir: record.dir,
    outcome: outcome.status,
    ...(outcome.error !== undefined ? { error: outcome.error } : {}),
    steps: outcome.state.steps.map((step) => ({
      name: step.name,
      status: step.status,
      output: step.output,
      error: step.error,
    })),
  };
}

/** The model and provider of the first agent step's run, for `done.json`. */
async function firstAgent(state: WorkflowState | undefined) {
  for (const step of state?.steps ?? []) {
    const run = step.agents[0] ?? step.parallel?.flatMap((sub) => sub.agents)[0];
    if (!run) continue;
    const done = await readJsonObject(join(run.artifacts_dir, ARTIFACT_FILES.done));
    return { model: done?.model ?? null, provider: done?.llm_provider ?? null };
  }
  return { model: null, provider: null };
}

/** Write the end-of-run records of a workflow run. */
async function finalize(
  record: WorkflowLaunchRecord,
  outcome: WorkflowOutcome,
  claim: WorkspaceClaim | undefined,
  deps: RunDeps,
): Promise<void> {
  const finishedAt = new Date().toISOString();
  const failed = outcome.status !== "completed";
  const agent = await firstAgent(outcome.state);
  let errorReport: string | undefined;
  if (failed) {
    errorReport = join(record.dir, ARTIFACT_FILES.errorReport);
    await atomicWriteTextFile(
      errorReport,
      `Workflow ${record.workflow.name} (${record.name}) ${outcome.status}\n\n` +
        `${outcome.error ?? ""}\n\n${outcome.traceback ?? ""}\n`,
      { mode: PRIVATE_FILE_MODE },
    );
  }
  await atomicWriteJson(join(record.dir, ARTIFACT_FILES.done), {
    cl_name: null,
    project_file: record.workspace?.projectFile ?? null,
    timestamp: record.timestamp,
    artifacts_timestamp: record.timestamp,
    outcome: outcome.status,
    ...(failed
      ? { error: outcome.error ?? "unknown error", traceback: outcome.traceback ?? "" }
      : {}),
    workspace_num: claim?.num ?? null,
    name: record.name,
    model: record.model ?? agent.model,
    llm_provider: agent.provider,
    vcs_provider: record.workspace?.vcs ?? null,
    workflow_name: record.workflow.name,
    started_at: outcome.state.start_time,
    finished_at: finishedAt,
    ...(errorReport ? { error_report_path: errorReport } : {}),
    image_paths: [],
    markdown_pdf_paths: [],
  }, { mode: PRIVATE_FILE_MODE });
  await updateAgentMeta(record.dir, (current) => ({
    status: finalMetaStatus(outcome.status),
    outcome: outcome.status,
    finished_at: finishedAt,
    output_variables: {
      ...(current.output_variables as Record<string, unknown> ?? {}),
      ...outcome.state.meta,
    },
  }));
  const { indexRunQuietly } = await import("../agent/index/index_service.ts");
  await indexRunQuietly(deps.env, record.dir, deps.warn);
  if (deps.notify === false) return;
  await createNotification(notificationsPath(deps.env), {
    sender: record.workflow.name,
    notes: failed
      ? [`Workflow ${record.workflow.name} (${record.name}) ${outcome.status}`, outcome.error ?? ""]
      : [`Workflow ${record.workflow.name} (${record.name}) completed`],
    files: errorReport ? [errorReport] : [],
    action: errorReport ? "ViewErrorReport" : "JumpToAgent",
    action_data: errorReport
      ? { error_report_path: errorReport, raw_suffix: record.timestamp }
      : { raw_suffix: record.timestamp, agent_name: record.name },
    silent: record.hidden,
  }).catch((error) => deps.warn?.(`workflow notification not posted: ${error}`));
}

/** The outcome of a run that failed outside its steps (a bad file, a wait that ended). */
function failedOutcome(record: WorkflowLaunchRecord, error: unknown): WorkflowOutcome {
  const message = error instanceof SaseError
    ? error.message + (error.hint ? ` (${error.hint})` : "")
    : error instanceof Error
    ? error.message
    : String(error);
  const traceback = error instanceof Error && !(error instanceof SaseError)
    ? error.stack ?? message
    : message;
  const state = readWorkflowState(record.dir) ?? newWorkflowState({
    workflow: record.workflow.name,
    steps: [],
    inputs: record.inputs,
    artifactsDir: record.dir,
    appearsAsAgent: false,
    anonymous: record.workflow.anonymous,
  });
  return { status: "failed", error: message, traceback, state: { ...state, status: "failed" } };
}

/** Run the workflow launch prepared in `dir` to its end (or resume it at its checkpoint). */
export async function executeWorkflowRun(
  dir: string,
  deps: RunDeps,
  options: WorkflowRunOptions = {},
): Promise<WorkflowRunResult> {
  const started = Date.now();
  const { record, text } = await readWorkflowLaunch(dir);
  const resume = resumableState(dir);
  let claim: WorkspaceClaim | undefined;
  let outcome: WorkflowOutcome;
  try {
    const search = {
      cwd: record.config_dir,
      home: homeDir(deps.env),
      bundledDir: bundledXPromptsDir(),
    };
    const { workflow } = loadWorkflowText(text, record.workflow.source_path, {
      search,
      name: record.workflow.name,
    });
    const waiting = !resume && (record.waits.length > 0 || record.wait_until !== null);
    const claimRecord = { ...record, workspace: record.workspace ?? undefined };
    claim = await resumedClaim(dir, claimRecord, deps, resume);
    claim ??= await claimRunWorkspace(claimRecord, deps, { deferred: waiting });
    const waited = waiting
      ? await waitForDependencies({
        env: deps.env,
        dir,
        waits: record.waits,
        waitUntil: record.wait_until ?? undefined,
        sleep: sleeper(deps),
        abort: deps.abort,
      })
      : NOTHING_WAITED;
    claim = await activateRunWorkspace(claim, claimRecord, deps);
    if (claim) await atomicWriteJson(join(dir, CLAIM_FILE), claim, { mode: PRIVATE_FILE_MODE });
    const cwd = claim?.dir ?? record.cwd;
    await updateAgentMeta(dir, {
      status: "running",
      pid: Deno.pid,
      ...(resume
        ? { resumed_at: new Date().toISOString() }
        : { run_started_at: new Date().toISOString() }),
    });
    const context = { ...record.inputs, agents: waited.agents };
    const environment = await renderEnvironment(workflow, resume?.context ?? context);
    const stepEnv = envWithWorkspace(claim, {
      ...definedEnv(deps.env),
      PATH: pathWithShim(await ensureSaseShim(deps.env), deps.env.PATH),
      SASE_ARTIFACTS_DIR: dir,
      SASE_AGENT_NAME: record.name,
      SASE_AGENT_TIMESTAMP: record.timestamp,
      SASE_WORKFLOW_NAME: workflow.name,
      ...environment,
    });
    const { loadXPromptEnvironment } = await import("../xprompt/context.ts");
    const xprompts = workflow.steps.some((step) =>
        step.kind === "agent" || step.parallel?.some((sub) =>
          sub.kind === "agent"
        )
      )
      ? await loadXPromptEnvironment({ env: deps.env, cwd: record.config_dir })
      : { catalog: { byName: new Map(), all: [], problems: [] }, aliases: {}, cwd };
    const meta = await readJsonObject(join(dir, ARTIFACT_FILES.meta));
    const serviceOptions: ServiceOptions = {
      workflow,
      dir,
      name: record.name,
      timestamp: record.timestamp,
      cwd,
      stepEnv,
      confine: deps.confineCommand,
      stepRunEnv: Object.keys(environment),
      env: deps.env,
      timeoutMs: stepTimeoutMs(deps.env),
      hitlPollMs: hitlPollMs(deps.env),
      children: Array.isArray(meta?.child_artifacts_dirs)
        ? meta.child_artifacts_dirs.map(String)
        : [],
      agents: {
        deps: withRunEnv(deps, environment),
        workflow,
        root: { name: record.name, timestamp: record.timestamp, dir, project: record.project },
        cwd,
        xprompts,
        model: record.model ?? undefined,
        hidden: record.hidden,
        echo: options.echo,
        embedded: {
          search,
          // Embedded workflows' steps run without checkpoints: a resume restarts from the root's.
          run: async (part, inputs, label) => {
            // An embedded workflow's own `environment:` reaches its steps too.
            const own = await renderEnvironment(part, inputs);
            return await executeWorkflow(
              part,
              workflowServices({
                ...serviceOptions,
                stepEnv: { ...serviceOptions.stepEnv, ...own },
                stepRunEnv: [...serviceOptions.stepRunEnv ?? [], ...Object.keys(own)],
                stateFile: `embedded_${label}.json`,
                progress: undefined,
              }),
              {
                inputs,
                artifactsDir: dir,
                hitlOverride: false,
                signal: deps.abort,
              },
            );
          },
        },
      },
      progress: options.progress,
    };
    const services = workflowServices(serviceOptions);
    // Confined steps share one jail session for the run, rather than each starting (and
    // stopping) the sandbox runtime: that costs a couple of hundred ms per step.
    await using _session = deps.confineCommand
      ? (await import("../sandbox/jail.ts")).prewarmJail(deps.env)
      : undefined;
    outcome = await executeWorkflow(workflow, services, {
      inputs: record.inputs,
      stepInputs: record.step_inputs,
      agents: waited.agents,
      hitlOverride: record.hitl_override ?? undefined,
      artifactsDir: dir,
      resume,
      anonymous: record.workflow.anonymous,
      signal: deps.abort,
    });
  } catch (error) {
    outcome = failedOutcome(record, error);
  }
  const killRequested = (await readJsonObject(join(dir, ARTIFACT_FILES.meta)))?.kill_requested_at;
  if ((deps.abort?.aborted || killRequested !== undefined) && outcome.status !== "completed") {
    outcome = { ...outcome, status: "killed", error: "killed: the run was stopped (SIGTERM)" };
  }
  await releaseRunWorkspace(claim, deps);
  await Deno.remove(join(dir, ARTIFACT_FILES.stepProcesses)).catch(() => {});
  await finalize(record, outcome, claim, deps);
  await recordAndPush(deps.config, (telemetry) => {
    const labels = { workflow: record.workflow.name };
    telemetry.inc("sase_workflow_executions_total", { ...labels, status: outcome.status });
    telemetry.observe("sase_workflow_duration_seconds", labels, (Date.now() - started) / 1000);
  }, deps.warn);
  return resultOf(record, outcome);
}
