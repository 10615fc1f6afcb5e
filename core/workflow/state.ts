/**
 * `workflow_state.json`: a workflow run's persisted state, in its artifact
 * directory, rewritten atomically at every step transition. It says which
 * step is running (`current_step_index`, the `in_progress` step), every
 * step's status, output and error, the context later steps render against
 * (inputs and outputs: what a resume restores), a pending human checkpoint
 * (`hitl`), the live `activity`/`pdf_status` ACE shows and the `meta_*`
 * workflow variables. Field names are the original's (snake_case): the file
 * is read by ACE, the gateway and `sase agent show`.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { atomicWriteJson } from "../fs/atomic_write.ts";
import { readJsonObjectSync } from "../fs/json_object.ts";
import { PRIVATE_FILE_MODE } from "../agent/records/artifacts.ts";
import type { StepKind } from "./model.ts";

/** The state file's name in a run directory. */
export const WORKFLOW_STATE_FILE = "workflow_state.json";

/** A step's status. */
export type StepStatus =
  | "pending"
  | "in_progress"
  | "waiting_hitl"
  | "completed"
  | "skipped"
  | "failed"
  | "cancelled";

/** The run's status. */
export type WorkflowStatus = "running" | "waiting_hitl" | "completed" | "failed" | "killed";

/** A child agent run a step launched. */
export interface StepAgentRecord {
  name: string;
  timestamp: string;
  artifacts_dir: string;
  /** `completed`, `failed` or `killed` once it ended; null while it runs. */
  outcome: string | null;
  /** The loop iteration (1-based) that launched it, when the step loops. */
  iteration: number | null;
}

/** One step's persisted state. */
export interface StepState {
  name: string;
  step_type: StepKind;
  status: StepStatus;
  output: unknown;
  error: string | null;
  hidden: boolean;
  /** Declared output fields and their types, when the step has an `output:`. */
  output_types: Record<string, string> | null;
  started_at: string | null;
  finished_at: string | null;
  /** The loop iteration running or waiting (1-based), for looping steps. */
  iteration: number | null;
  /** Iterations that failed under `on_error: continue`, with why. */
  failed_iterations: { iteration: number; error: string }[];
  /** Where a looping step stands: the outputs of the iterations done so far. */
  checkpoint: { iteration: number; results: unknown[] } | null;
  /** Child agent runs of this step (agent steps). */
  agents: StepAgentRecord[];
  /** The sub-steps of a `parallel:` block. */
  parallel: StepState[] | null;
}

/** A human checkpoint waiting for its decision. */
export interface PendingHitl {
  step_name: string;
  step_type: StepKind;
  /** The loop iteration it belongs to (1-based), when the step loops. */
  iteration: number | null;
  output: unknown;
  requested_at: string;
  notification_id: string | null;
}

/** The whole file. */
export interface WorkflowState {
  schema_version: 1;
  workflow_name: string;
  status: WorkflowStatus;
  current_step_index: number;
  /** Name of the current step (null before the first and after the last). */
  current_step: string | null;
  steps: StepState[];
  /** Inputs and step outputs, as templates see them. */
  context: Record<string, unknown>;
  inputs: Record<string, unknown>;
  artifacts_dir: string;
  start_time: string;
  finished_at: string | null;
  /** The runner process. */
  pid: number;
  appears_as_agent: boolean;
  is_anonymous: boolean;
  hitl: PendingHitl | null;
  /** The HITL decisions taken so far, oldest first. */
  hitl_history: { step_name: string; iteration: number | null; action: string; at: string }[];
  /** `meta_*` fields of step outputs: the workflow variables. */
  meta: Record<string, string>;
  /** A compact label of what the run is doing (ACE shows it). */
  activity: string | null;
  /** Markdown-to-PDF progress while finalizing (transient). */
  pdf_status: unknown;
  error: string | null;
}

/**
 * Write `state` into its run directory (atomically), as `file` (default the
 * state file). Not flushed to disk: it is rewritten at every transition, and
 * a dying process never tears it.
 */
export async function saveWorkflowState(
  dir: string,
  state: WorkflowState,
  file = WORKFLOW_STATE_FILE,
): Promise<void> {
  await atomicWriteJson(join(dir, file), state, { mode: PRIVATE_FILE_MODE, sync: false });
}

/**
 * The state of the run in `dir`, or undefined when it has none (an agent
 * run) or the file is unreadable. Read tolerantly: a file written by another
 * version may lack fields.
 */
export function readWorkflowState(dir: string): WorkflowState | undefined {
  const data = readJsonObjectSync(join(dir, WORKFLOW_STATE_FILE));
  if (!data || !Array.isArray(data.steps) || typeof data.workflow_name !== "string") {
    return undefined;
  }
  return data as unknown as WorkflowState;
}

/** A fresh step state. */
export function newStepState(
  name: string,
  kind: StepKind,
  hidden: boolean,
  outputTypes: Record<string, string> | null,
): StepState {
  return {
    name,
    step_type: kind,
    status: "pending",
    output: null,
    error: null,
    hidden,
    output_types: outputTypes,
    started_at: null,
    finished_at: null,
    iteration: null,
    failed_iterations: [],
    checkpoint: null,
    agents: [],
    parallel: null,
  };
}

/** A fresh run state (status `running`, nothing done yet). */
export function newWorkflowState(run: {
  workflow: string;
  steps: StepState[];
  inputs: Record<string, unknown>;
  artifactsDir: string;
  appearsAsAgent: boolean;
  anonymous: boolean;
}): WorkflowState {
  return {
    schema_version: 1,
    workflow_name: run.workflow,
    status: "running",
    current_step_index: 0,
    current_step: null,
    steps: run.steps,
    context: { ...run.inputs },
    inputs: { ...run.inputs },
    artifacts_dir: run.artifactsDir,
    start_time: new Date().toISOString(),
    finished_at: null,
    pid: Deno.pid,
    appears_as_agent: run.appearsAsAgent,
    is_anonymous: run.anonymous,
    hitl: null,
    hitl_history: [],
    meta: {},
    activity: null,
    pdf_status: null,
    error: null,
  };
}

/** Where a run stopped: the step that was running or waiting, if any. */
export function interruptedStep(state: WorkflowState): StepState | undefined {
  return state.steps.find((step) =>
    step.status === "in_progress" || step.status === "waiting_hitl"
  );
}
