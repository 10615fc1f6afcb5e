/**
 * The wire formats of workflows (snake_case keys, as the CLI prints them
 * with `-j` and ACE and the gateway will send them): a finished workflow
 * run, a HITL decision, the explanation and graph of a workflow, and the
 * structured xprompt catalog.
 *
 * @module
 */

import type { ExplainedStep, WorkflowExplanation } from "./explain.ts";
import type { HitlDecisionResult, PendingCheckpoint } from "./hitl_service.ts";
import type { WorkflowListing } from "./service.ts";
import type { WorkflowRunResult } from "./run.ts";
import type { StepSummary, WorkflowSummary } from "./summary.ts";

/** A finished foreground workflow run. */
export interface WorkflowRunWire {
  name: string;
  workflow: string;
  timestamp: string;
  project: string;
  dir: string;
  outcome: string;
  error: string | null;
  steps: { name: string; status: string; output: unknown; error: string | null }[];
}

/** `result` in wire form. */
export function workflowRunWire(result: WorkflowRunResult): WorkflowRunWire {
  return {
    name: result.name,
    workflow: result.workflow,
    timestamp: result.timestamp,
    project: result.project,
    dir: result.dir,
    outcome: result.outcome,
    error: result.error ?? null,
    steps: result.steps.map((step) => ({
      name: step.name,
      status: step.status,
      output: step.output,
      error: step.error,
    })),
  };
}

/** A pending human checkpoint (`sase agent hitl NAME -j`). */
export interface HitlCheckpointWire {
  schema_version: 1;
  name: string;
  artifacts_dir: string;
  workflow_name: string;
  step_name: string;
  step_type: string;
  iteration: number | null;
  output: unknown;
  output_types: Record<string, string> | null;
  requested_at: string;
}

/** `checkpoint` in wire form. */
export function hitlCheckpointWire(checkpoint: PendingCheckpoint): HitlCheckpointWire {
  const request = checkpoint.request;
  return {
    schema_version: 1,
    name: checkpoint.name,
    artifacts_dir: checkpoint.dir,
    workflow_name: request.workflow_name,
    step_name: request.step_name,
    step_type: request.step_type,
    iteration: request.iteration ?? null,
    output: request.output,
    output_types: request.output_types ?? null,
    requested_at: request.requested_at,
  };
}

/** A decision taken (`sase agent hitl NAME ACTION -j`). */
export interface HitlDecisionWire extends HitlCheckpointWire {
  action: string;
  resumed: boolean;
  runner_pid: number | null;
}

/** `result` in wire form. */
export function hitlDecisionWire(result: HitlDecisionResult): HitlDecisionWire {
  return {
    ...hitlCheckpointWire(result),
    action: result.action,
    resumed: result.resumed,
    runner_pid: result.runnerPid,
  };
}

/** One step of a workflow run's summary on the wire. */
export interface StepSummaryWire {
  name: string;
  type: string;
  status: string;
  error: string | null;
  iteration: number | null;
  hidden: boolean;
  agents: string[];
  parallel: StepSummaryWire[];
}

/** A workflow run's summary (`sase agent show -j`, `workflow`). */
export interface WorkflowSummaryWire {
  workflow_name: string;
  status: string;
  current_step: string | null;
  stopped_at: string | null;
  waiting_at: string | null;
  steps: StepSummaryWire[];
  meta: Record<string, string>;
  error: string | null;
}

function stepSummaryWire(step: StepSummary): StepSummaryWire {
  return {
    name: step.name,
    type: step.type,
    status: step.status,
    error: step.error,
    iteration: step.iteration,
    hidden: step.hidden,
    agents: step.agents,
    parallel: step.parallel.map(stepSummaryWire),
  };
}

/** `summary` in wire form. */
export function workflowSummaryWire(summary: WorkflowSummary): WorkflowSummaryWire {
  return {
    workflow_name: summary.workflow,
    status: summary.status,
    current_step: summary.currentStep,
    stopped_at: summary.stoppedAt,
    waiting_at: summary.waitingAt,
    steps: summary.steps.map(stepSummaryWire),
    meta: summary.meta,
    error: summary.error,
  };
}

/** One step of a workflow's explanation. */
export interface ExplainedStepWire {
  name: string;
  type: string;
  annotations: string[];
  body: string;
  rendered: boolean;
  output_schema: Record<string, unknown> | null;
  parallel: ExplainedStepWire[];
}

/** `sase xprompt explain <workflow> -j`. */
export interface WorkflowExplanationWire {
  schema_version: 1;
  name: string;
  kind: string;
  reference_prefix: "#" | "#!";
  source_path: string;
  description: string | null;
  tags: string[];
  hidden: boolean;
  environment: Record<string, string>;
  inputs: {
    name: string;
    type: string;
    required: boolean;
    default: unknown;
    value: unknown;
    given: boolean;
  }[];
  argument_error: string | null;
  steps: ExplainedStepWire[];
  warnings: string[];
}

function explainedStepWire(step: ExplainedStep): ExplainedStepWire {
  return {
    name: step.name,
    type: step.type,
    annotations: step.annotations,
    body: step.body,
    rendered: step.rendered,
    output_schema: step.output,
    parallel: step.parallel.map(explainedStepWire),
  };
}

/** `explanation` in wire form. */
export function workflowExplanationWire(
  explanation: WorkflowExplanation,
): WorkflowExplanationWire {
  const workflow = explanation.workflow;
  return {
    schema_version: 1,
    name: workflow.name,
    kind: explanation.kind,
    reference_prefix: explanation.kind === "workflow" ? "#!" : "#",
    source_path: workflow.sourcePath,
    description: workflow.description ?? null,
    tags: workflow.tags,
    hidden: workflow.hidden,
    environment: workflow.environment,
    inputs: explanation.inputs.map(({ input, value, given }) => ({
      name: input.name,
      type: input.type,
      required: input.required,
      default: input.default ?? null,
      value,
      given,
    })),
    argument_error: explanation.argumentError,
    steps: explanation.steps.map(explainedStepWire),
    warnings: explanation.warnings,
  };
}

/** A multi-step workflow of the catalog (`sase xprompt graph -j` without a name). */
export interface WorkflowListingWire {
  name: string;
  kind: string;
  steps: number;
  source_path: string;
  problem: string | null;
}

/** `listing` in wire form. */
export function workflowListingWire(listing: WorkflowListing): WorkflowListingWire {
  return {
    name: listing.name,
    kind: listing.kind,
    steps: listing.steps,
    source_path: listing.sourcePath,
    problem: listing.problem,
  };
}
