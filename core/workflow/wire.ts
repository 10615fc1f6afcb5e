/**
 * The wire formats of workflows (snake_case keys, as the CLI prints them
 * with `-j` and ACE and the gateway will send them): a finished workflow
 * run, a HITL decision, the explanation and graph of a workflow, and the
 * structured xprompt catalog.
 *
 * @module
 */

import type { WorkflowRunResult } from "./run.ts";

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
