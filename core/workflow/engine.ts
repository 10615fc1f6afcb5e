/**
 * What the executor's parts share: the side-effect services a run is given
 * (processes, agents, human checkpoints, files), the interface loops and
 * parallel blocks drive steps through, and the ways a step ends other than
 * with an output.
 *
 * @module
 */

import type { WorkflowStep } from "./model.ts";
import type { StepOutput } from "./output_parse.ts";
import type { PendingHitl, StepAgentRecord, StepState, WorkflowState } from "./state.ts";
import type { StepProcessResult } from "./step_process.ts";

/** A step failed; the run goes on to its `finally` steps. */
export class StepFailure extends Error {
  constructor(message: string, readonly detail?: string) {
    super(message);
    this.name = "StepFailure";
  }
}

/** A human rejected a checkpoint: the run aborts (`on_error: continue` does not apply). */
export class HitlRejected extends StepFailure {
  constructor(step: string, feedback?: string) {
    super(`Step '${step}' was rejected at its human checkpoint${feedback ? `: ${feedback}` : ""}`);
    this.name = "HitlRejected";
  }
}

/** A parallel sub-step stopped because a sibling failed (fail-fast). */
export class StepCancelled extends StepFailure {
  constructor(step: string) {
    super(`Step '${step}' was cancelled: another step of its parallel block failed`);
    this.name = "StepCancelled";
  }
}

/** The run was stopped (killed): nothing more runs, not even `finally` steps. */
export class RunAborted extends Error {
  constructor() {
    super("killed: the run was stopped (SIGTERM)");
    this.name = "RunAborted";
  }
}

/** A bash or python step process to run. */
export interface ScriptRequest {
  step: WorkflowStep;
  kind: "bash" | "python";
  /** The rendered command or code. */
  source: string;
  signal: AbortSignal;
}

/** An agent step execution to launch. */
export interface AgentRequest {
  step: WorkflowStep;
  /** The rendered prompt (xprompt references and directives still in it). */
  prompt: string;
  /** The template context (for embedded workflows' steps). */
  context: Record<string, unknown>;
  iteration: number | null;
  signal: AbortSignal;
  /** Called once the child run is prepared (named, recorded), before it runs. */
  onLaunched: (run: StepAgentRecord) => Promise<void> | void;
}

/** What an agent step execution produced. */
export interface AgentResult {
  run: StepAgentRecord;
  ok: boolean;
  reply: string;
  error?: string;
}

/** A human's decision at a checkpoint. */
export type HitlDecision =
  | { action: "accept" }
  | { action: "edit"; output: unknown }
  | { action: "reject"; feedback?: string };

/** Progress a front door may show (the foreground CLI prints it). */
export type ProgressEvent =
  | { type: "step"; index: number; total: number; step: string; kind: string }
  | { type: "step_end"; step: string; status: string; error?: string }
  | { type: "iteration"; step: string; iteration: number; of?: number }
  | { type: "hitl"; run: string; step: string; output: unknown };

/** The side effects a run is given (real ones in `services.ts`; tests may pass their own). */
export interface RunServices {
  runScript(request: ScriptRequest): Promise<StepProcessResult>;
  runAgent(request: AgentRequest): Promise<AgentResult>;
  /** Ask for a decision: write the request and post the notification (sets its id). */
  requestHitl(pending: PendingHitl, step: WorkflowStep): Promise<void>;
  /** Wait for the decision on `pending` (it may already be there after a restart). */
  awaitHitl(pending: PendingHitl, signal: AbortSignal): Promise<HitlDecision>;
  /** Keep `stdout` as the step's artifact; resolves to its path. */
  writeArtifact(step: string, stdout: string): Promise<string>;
  saveState(state: WorkflowState): Promise<void>;
  progress?(event: ProgressEvent): void;
}

/** Where an execution sits inside its step: the loop iteration (1-based), if it loops. */
export interface Position {
  iteration: number | null;
  /** The state that records this execution (a parallel sub-step has its own). */
  state: StepState;
  /** Stops this execution (a parallel block's own, for fail-fast); default: the run's. */
  signal?: AbortSignal;
}

/** What loops and parallel blocks drive steps through. */
export interface StepEngine {
  readonly signal: AbortSignal;
  /** One execution of a bash/python/agent/prompt_part step, its checkpoint applied. */
  once(step: WorkflowStep, context: Record<string, unknown>, at: Position): Promise<StepOutput>;
  /** One run of a parallel block. */
  block(step: WorkflowStep, context: Record<string, unknown>, at: Position): Promise<unknown>;
  /** Persist the run state. */
  save(): Promise<void>;
  progress(event: ProgressEvent): void;
}
