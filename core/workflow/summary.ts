/**
 * What `sase agent show` (and ACE's detail panel) says about a workflow
 * run, from its `workflow_state.json`: each step's status, the step it is
 * at — or, for a run whose runner died or was killed, the step it stopped
 * in — the human checkpoint it waits at, and its `meta_*` variables.
 *
 * @module
 */

import { readWorkflowState, type StepState } from "./state.ts";

/** One step of the summary. */
export interface StepSummary {
  name: string;
  type: string;
  status: string;
  error: string | null;
  /** The loop iteration running, waiting or failed (1-based). */
  iteration: number | null;
  hidden: boolean;
  /** Names of the agent runs the step launched. */
  agents: string[];
  parallel: StepSummary[];
}

/** A workflow run as its state file records it. */
export interface WorkflowSummary {
  workflow: string;
  status: string;
  /** The step running or waiting (null when none is). */
  currentStep: string | null;
  /** The step the run was in when its runner stopped without finishing it. */
  stoppedAt: string | null;
  /** The step waiting for a human decision. */
  waitingAt: string | null;
  steps: StepSummary[];
  meta: Record<string, string>;
  error: string | null;
}

function stepSummary(step: StepState): StepSummary {
  return {
    name: step.name,
    type: step.step_type,
    status: step.status,
    error: step.error ?? null,
    iteration: step.iteration ?? null,
    hidden: step.hidden ?? false,
    agents: (step.agents ?? []).map((run) => run.name),
    parallel: (step.parallel ?? []).map(stepSummary),
  };
}

/**
 * The summary of the workflow run in `dir` (null for other runs). `ended`
 * says whether the run is over (it has `done.json`, or its runner died): a
 * run that ended while its state still shows a step in progress was stopped
 * there (killed, or its runner died).
 */
export function workflowSummary(dir: string, ended: boolean): WorkflowSummary | null {
  const state = readWorkflowState(dir);
  if (!state) return null;
  const active = state.steps.find((step) => step.status === "in_progress") ??
    state.steps.find((step) => step.status === "failed" && state.status === "killed");
  const waiting = state.steps.find((step) => step.status === "waiting_hitl");
  const stopped = ended || state.status === "killed";
  return {
    workflow: state.workflow_name,
    status: state.status,
    currentStep: stopped ? null : (active ?? waiting)?.name ?? null,
    stoppedAt: stopped ? active?.name ?? null : null,
    waitingAt: waiting?.name ?? null,
    steps: state.steps.map(stepSummary),
    meta: { ...state.meta },
    error: state.error ?? null,
  };
}
