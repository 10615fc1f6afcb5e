/**
 * The workflow executor: runs a loaded workflow's steps in order against a
 * growing context (inputs, then each step's output under its name), with
 * `if:` skips, loops (`loops.ts`), parallel blocks (`parallel.ts`), output
 * parsing (`output_parse.ts`), `artifact: stdout`, human checkpoints, and
 * `finally` steps after a failure or a rejection. Every transition is
 * persisted in the run state (`state.ts`) before it is acted on, so a
 * killed runner leaves a state that says where it stopped, and a run
 * stopped at a human checkpoint can be resumed from it. Side effects go
 * through the {@linkcode RunServices} it is given.
 *
 * @module
 */

import {
  type HitlDecision,
  HitlRejected,
  type Position,
  type ProgressEvent,
  RunAborted,
  type RunServices,
  StepCancelled,
  type StepEngine,
  StepFailure,
} from "./engine.ts";
import { runConditionLoop, runForLoop } from "./loops.ts";
import { appearsAsAgent, type Workflow, type WorkflowStep } from "./model.ts";
import {
  checkOutput,
  OutputValidationError,
  parseStepOutput,
  type StepOutput,
} from "./output_parse.ts";
import { runParallelBlock } from "./parallel.ts";
import { evaluateCondition, renderTemplate } from "./render.ts";
import {
  newStepState,
  newWorkflowState,
  type PendingHitl,
  type StepState,
  type WorkflowState,
} from "./state.ts";
import { TemplateRenderError } from "../xprompt/jinja/render.ts";
import { SaseError } from "../errors.ts";

/** What a run starts from. */
export interface ExecuteOptions {
  /** Bound inputs (and any extra named arguments). */
  inputs: Record<string, unknown>;
  /** Outputs supplied for steps by name (step inputs): those steps are skipped. */
  stepInputs?: Record<string, unknown>;
  /** Cross-agent output variables of waited agents (`{{ agents["x"].k }}`). */
  agents?: Record<string, Record<string, string>>;
  /** `!!` forces human checkpoints on every step that can have one, `??` turns them off. */
  hitlOverride?: boolean;
  /** The run's artifact directory. */
  artifactsDir: string;
  /** The state of an earlier runner of this run, to resume from (at a human checkpoint). */
  resume?: WorkflowState;
  /** An anonymous (`tmp_*`) workflow made for a prompt with embedded workflows. */
  anonymous?: boolean;
  /** Stops the run (it was killed). */
  signal?: AbortSignal;
}

/** How a run ended. */
export interface WorkflowOutcome {
  status: "completed" | "failed" | "killed";
  /** The first failure (or the rejection), when there was one. */
  error?: string;
  /** A step-by-step account of the failure. */
  traceback?: string;
  state: WorkflowState;
}

function now(): string {
  return new Date().toISOString();
}

function outputTypes(step: WorkflowStep): Record<string, string> | null {
  return step.output ? { ...step.output.fields } : null;
}

/** The text of a step's failure, with stderr or detail when there is one. */
function failureDetail(error: unknown): string {
  if (error instanceof StepFailure) {
    return error.detail ? `${error.message}\n${error.detail}` : error.message;
  }
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}

class Execution implements StepEngine {
  readonly state: WorkflowState;
  readonly context: Record<string, unknown>;
  readonly signal: AbortSignal;
  /** The checkpoint a resumed run picks up (its decision is awaited, not asked again). */
  #resumeHitl: PendingHitl | undefined;

  constructor(
    readonly workflow: Workflow,
    readonly services: RunServices,
    readonly options: ExecuteOptions,
  ) {
    this.signal = options.signal ?? new AbortController().signal;
    const resume = options.resume;
    this.context = resume
      ? { ...resume.context }
      : { ...options.inputs, ...(options.agents ? { agents: options.agents } : {}) };
    this.#resumeHitl = resume?.hitl ?? undefined;
    this.state = resume
      ? { ...resume, status: "running", pid: Deno.pid, error: null, finished_at: null }
      : newWorkflowState({
        workflow: workflow.name,
        steps: workflow.steps.map((step) =>
          newStepState(step.name, step.kind, step.hidden, outputTypes(step))
        ),
        inputs: options.inputs,
        artifactsDir: options.artifactsDir,
        appearsAsAgent: appearsAsAgent(workflow),
        anonymous: options.anonymous ?? false,
      });
    this.state.context = this.context;
  }

  async save(): Promise<void> {
    await this.services.saveState(this.state);
  }

  progress(event: ProgressEvent): void {
    this.services.progress?.(event);
  }

  checkAborted(): void {
    if (this.signal.aborted) throw new RunAborted();
  }

  hitlWanted(step: WorkflowStep, nested: boolean): boolean {
    if (nested || step.kind === "prompt_part" || step.kind === "parallel") return false;
    return this.options.hitlOverride ?? step.hitl;
  }

  async once(
    step: WorkflowStep,
    context: Record<string, unknown>,
    at: Position,
  ): Promise<StepOutput> {
    this.checkAborted();
    const nested = !this.workflow.steps.includes(step);
    const resumed = this.#resumeHitl;
    if (resumed && resumed.step_name === step.name && resumed.iteration === at.iteration) {
      this.#resumeHitl = undefined;
      const decision = await this.services.awaitHitl(resumed, this.signal);
      return this.applyDecision(step, resumed, decision);
    }
    const output = await this.produce(step, context, at);
    if (!this.hitlWanted(step, nested)) return output;
    return await this.checkpoint(step, output, at);
  }

  stateOf(step: WorkflowStep): StepState | undefined {
    return this.state.steps.find((state) => state.name === step.name);
  }

  /** Run the step's body once and parse what it produced. */
  async produce(
    step: WorkflowStep,
    context: Record<string, unknown>,
    at: Position,
  ): Promise<StepOutput> {
    const signal = at.signal ?? this.signal;
    const body = await this.render(step, step.body, context);
    if (step.kind === "prompt_part") return { _output: body };
    if (step.kind === "agent") {
      const result = await this.launched(step, () =>
        this.services.runAgent({
          step,
          prompt: body,
          context,
          iteration: at.iteration,
          signal,
          onLaunched: async (run) => {
            at.state.agents.push(run);
            await this.save();
          },
        }));
      at.state.agents = at.state.agents.map((run) =>
        run.name === result.run.name ? result.run : run
      );
      this.cancelledOrAborted(step, signal);
      if (!result.ok) {
        throw new StepFailure(
          `Agent step '${step.name}' failed: ${result.error ?? "unknown error"}`,
        );
      }
      return this.parse(step, result.reply, "agent");
    }
    const kind = step.kind as "bash" | "python";
    const label = kind === "bash" ? "Bash" : "Python";
    const result = await this.launched(
      step,
      () => this.services.runScript({ step, kind, source: body, signal }),
    );
    this.cancelledOrAborted(step, signal);
    if (result.timedOut) {
      throw new StepFailure(
        `${label} step '${step.name}' timed out and was killed`,
        result.stderr.trim(),
      );
    }
    if (result.code !== 0) {
      const why = result.signal ? `killed by ${result.signal}` : `exit code ${result.code}`;
      const message = (result.stderr.trim() || result.stdout.trim()).split("\n").slice(-20).join(
        "\n",
      );
      throw new StepFailure(`${label} step '${step.name}' failed (${why})`, message || undefined);
    }
    if (result.truncated) {
      throw new StepFailure(
        `${label} step '${step.name}' printed more output than sase keeps (16 MiB)`,
      );
    }
    const output = this.parse(step, result.stdout, "script");
    if (step.artifact && !Array.isArray(output)) {
      output._artifact = await this.services.writeArtifact(step.name, result.stdout);
    }
    return output;
  }

  /**
   * Start a step's process or agent; what stops it from starting (a missing
   * interpreter or agent CLI, an unknown model, a bad xprompt reference) fails
   * the step like any failure, so `on_error` and `finally` apply.
   */
  async launched<T>(step: WorkflowStep, start: () => Promise<T>): Promise<T> {
    try {
      return await start();
    } catch (error) {
      if (!(error instanceof SaseError)) throw error;
      const hint = error.hint ? ` (${error.hint})` : "";
      throw new StepFailure(`Step '${step.name}' could not start: ${error.message}${hint}`);
    }
  }

  cancelledOrAborted(step: WorkflowStep, signal: AbortSignal): void {
    this.checkAborted();
    if (signal.aborted) throw new StepCancelled(step.name);
  }

  async render(
    step: WorkflowStep,
    template: string,
    context: Record<string, unknown>,
  ): Promise<string> {
    try {
      return await renderTemplate(template, context);
    } catch (error) {
      if (!(error instanceof TemplateRenderError)) throw error;
      throw new StepFailure(`Step '${step.name}' template error: ${error.message}`);
    }
  }

  parse(step: WorkflowStep, text: string, source: "script" | "agent"): StepOutput {
    try {
      return parseStepOutput(text, step.output, source);
    } catch (error) {
      if (!(error instanceof OutputValidationError)) throw error;
      const label = step.kind === "agent" ? "Agent" : step.kind === "bash" ? "Bash" : "Python";
      throw new StepFailure(
        `${label} step '${step.name}' output validation failed: ${error.message}`,
        `output was:\n${text.trim().split("\n").slice(0, 20).join("\n")}`,
      );
    }
  }

  /** Pause for a human decision on `output`. */
  async checkpoint(step: WorkflowStep, output: StepOutput, at: Position): Promise<StepOutput> {
    const pending: PendingHitl = {
      step_name: step.name,
      step_type: step.kind,
      iteration: at.iteration,
      output,
      requested_at: now(),
      notification_id: null,
    };
    this.state.hitl = pending;
    this.state.status = "waiting_hitl";
    at.state.status = "waiting_hitl";
    at.state.output = output;
    await this.save();
    await this.services.requestHitl(pending, step);
    await this.save();
    const decision = await this.services.awaitHitl(pending, this.signal);
    return this.applyDecision(step, pending, decision);
  }

  applyDecision(step: WorkflowStep, pending: PendingHitl, decision: HitlDecision): StepOutput {
    this.state.hitl = null;
    this.state.status = "running";
    const state = this.stateOf(step)!;
    state.status = "in_progress";
    this.state.hitl_history.push({
      step_name: step.name,
      iteration: pending.iteration,
      action: decision.action,
      at: now(),
    });
    if (decision.action === "reject") throw new HitlRejected(step.name, decision.feedback);
    let output = pending.output as StepOutput;
    if (decision.action === "edit") {
      output = this.edited(step, decision.output);
    } else if ((step.kind === "bash" || step.kind === "python") && !Array.isArray(output)) {
      output = { ...output, approved: true };
    }
    return output;
  }

  edited(step: WorkflowStep, value: unknown): StepOutput {
    if (!value || typeof value !== "object") {
      throw new StepFailure(`Step '${step.name}': the edited output must be a JSON object or list`);
    }
    if (!step.output) return value as StepOutput;
    try {
      return checkOutput(value as StepOutput, step.output);
    } catch (error) {
      if (!(error instanceof OutputValidationError)) throw error;
      throw new StepFailure(
        `Step '${step.name}': the edited output does not match: ${error.message}`,
      );
    }
  }

  async block(
    step: WorkflowStep,
    context: Record<string, unknown>,
    at: Position,
  ): Promise<unknown> {
    return await runParallelBlock(this, step, context, at);
  }

  /** Run one top-level step (whatever its control flow); resolves to its output. */
  async runStep(step: WorkflowStep, state: StepState): Promise<unknown> {
    const at: Position = { iteration: null, state };
    const body = (context: Record<string, unknown>, position: Position) =>
      step.kind === "parallel"
        ? this.block(step, context, position)
        : this.once(step, context, position);
    if (step.forEach) return await runForLoop(this, step, this.context, state, body);
    if (step.repeat || step.whileLoop) {
      return await runConditionLoop(this, step, this.context, state, body);
    }
    return await body(this.context, at);
  }

  collectMeta(output: unknown): void {
    if (!output || typeof output !== "object" || Array.isArray(output)) return;
    for (const [key, value] of Object.entries(output)) {
      if (!key.startsWith("meta_") || value === null || value === undefined || value === "") {
        continue;
      }
      this.state.meta[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
  }

  async run(): Promise<WorkflowOutcome> {
    const steps = this.workflow.steps;
    let failure: { step: string; error: unknown } | undefined;
    let killed = false;
    await this.save();
    for (const [index, step] of steps.entries()) {
      const state = this.state.steps[index];
      if (state.status === "completed" || state.status === "skipped") {
        // Done by an earlier runner of this run.
        this.context[step.name] = state.output;
        continue;
      }
      if (killed || (failure && !step.isFinally)) {
        state.status = "skipped";
        state.error = killed
          ? "not run: the run was killed"
          : `not run: step '${failure!.step}' failed`;
        continue;
      }
      this.state.current_step_index = index;
      this.state.current_step = step.name;
      this.progress({ type: "step", index, total: steps.length, step: step.name, kind: step.kind });
      const supplied = this.options.stepInputs?.[step.name];
      if (supplied !== undefined && !this.options.resume) {
        this.finish(state, step, "skipped", supplied);
        await this.save();
        continue;
      }
      if (
        state.status === "pending" && step.condition &&
        !(await evaluateCondition(step.condition, this.context))
      ) {
        this.finish(state, step, "skipped", {});
        await this.save();
        this.progress({ type: "step_end", step: step.name, status: "skipped" });
        continue;
      }
      state.status = "in_progress";
      state.started_at ??= now();
      this.state.activity = `step ${index + 1}/${steps.length}: ${step.name}`;
      await this.save();
      try {
        const output = await this.runStep(step, state);
        this.finish(state, step, "completed", output);
        this.collectMeta(output);
        this.progress({ type: "step_end", step: step.name, status: "completed" });
      } catch (error) {
        if (error instanceof RunAborted || this.signal.aborted) {
          killed = true;
          state.status = "failed";
          state.error = new RunAborted().message;
        } else {
          state.status = "failed";
          state.error = error instanceof Error ? error.message : String(error);
          failure ??= { step: step.name, error };
          this.progress({
            type: "step_end",
            step: step.name,
            status: "failed",
            error: state.error,
          });
        }
        state.finished_at = now();
      }
      // Saved with the next step's start (or the conclusion): one write per transition.
    }
    return await this.conclude(failure, killed);
  }

  finish(
    state: StepState,
    step: WorkflowStep,
    status: "completed" | "skipped",
    output: unknown,
  ): void {
    state.status = status;
    state.output = output;
    state.error = null;
    state.finished_at = now();
    state.checkpoint = null;
    this.context[step.name] = output;
  }

  async conclude(
    failure: { step: string; error: unknown } | undefined,
    killed: boolean,
  ): Promise<WorkflowOutcome> {
    this.state.finished_at = now();
    this.state.current_step = null;
    this.state.activity = null;
    this.state.hitl = null;
    if (killed) {
      this.state.status = "killed";
      this.state.error = new RunAborted().message;
      await this.save();
      return {
        status: "killed",
        error: this.state.error,
        traceback: this.traceback(),
        state: this.state,
      };
    }
    if (failure) {
      this.state.status = "failed";
      this.state.error = failure.error instanceof Error
        ? failure.error.message
        : String(failure.error);
      await this.save();
      return {
        status: "failed",
        error: this.state.error,
        traceback: this.traceback(failure.error),
        state: this.state,
      };
    }
    this.state.status = "completed";
    await this.save();
    return { status: "completed", state: this.state };
  }

  /** The run step by step, the failure's detail under the failed step. */
  traceback(error?: unknown): string {
    const lines = [`Traceback (workflow '${this.workflow.name}', ${this.options.artifactsDir}):`];
    for (const [index, step] of this.state.steps.entries()) {
      const iteration = step.iteration !== null && step.status === "failed"
        ? ` (iteration ${step.iteration})`
        : "";
      lines.push(
        `  step ${index + 1} '${step.name}' (${step.step_type}): ${step.status}${iteration}`,
      );
      if (step.status === "failed" && step.error) {
        const detail = error !== undefined && this.state.error === step.error
          ? failureDetail(error)
          : step.error;
        lines.push(...detail.split("\n").map((line) => `    ${line}`));
      }
    }
    return lines.join("\n");
  }
}

/** Run `workflow` with `services` to its end. */
export async function executeWorkflow(
  workflow: Workflow,
  services: RunServices,
  options: ExecuteOptions,
): Promise<WorkflowOutcome> {
  return await new Execution(workflow, services, options).run();
}
