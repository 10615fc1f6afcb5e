/**
 * Parallel blocks (handbook 10.10): the nested steps run concurrently
 * against the same context, each with its own state; the first failure
 * cancels the others (their processes and agents are stopped), and the
 * results are joined — by default into an object keyed by step name.
 *
 * @module
 */

import {
  type Position,
  RunAborted,
  StepCancelled,
  type StepEngine,
  StepFailure,
} from "./engine.ts";
import { joinParallel } from "./joins.ts";
import { effectiveJoin, type WorkflowStep } from "./model.ts";
import { evaluateCondition } from "./render.ts";
import { newStepState, type StepState } from "./state.ts";

function subStates(step: WorkflowStep): StepState[] {
  return step.parallel!.map((sub) =>
    newStepState(sub.name, sub.kind, sub.hidden, sub.output?.fields ?? null)
  );
}

/** Run the block `step` once; resolves to its joined output. */
export async function runParallelBlock(
  engine: StepEngine,
  step: WorkflowStep,
  context: Record<string, unknown>,
  at: Position,
): Promise<unknown> {
  const states = subStates(step);
  at.state.parallel = states;
  const controller = new AbortController();
  const outer = at.signal ?? engine.signal;
  const stopAll = () => controller.abort();
  if (outer.aborted) stopAll();
  else outer.addEventListener("abort", stopAll, { once: true });
  let first: unknown;
  const settle = async (sub: WorkflowStep, state: StepState): Promise<[string, unknown]> => {
    state.started_at = new Date().toISOString();
    if (sub.condition && !(await evaluateCondition(sub.condition, context))) {
      state.status = "skipped";
      state.output = {};
      return [sub.name, {}];
    }
    state.status = "in_progress";
    await engine.save();
    try {
      const output = await engine.once(sub, context, {
        iteration: at.iteration,
        state,
        signal: controller.signal,
      });
      state.status = "completed";
      state.output = output;
      return [sub.name, output];
    } catch (error) {
      const cancelled = error instanceof StepCancelled;
      state.status = cancelled ? "cancelled" : "failed";
      state.error = (error as Error).message;
      if (!cancelled && first === undefined) {
        first = error;
        // Fail-fast: the siblings are stopped, best effort.
        controller.abort();
      }
      throw error;
    } finally {
      state.finished_at = new Date().toISOString();
      await engine.save();
    }
  };
  const settled = await Promise.allSettled(
    step.parallel!.map((sub, index) => settle(sub, states[index])),
  );
  outer.removeEventListener("abort", stopAll);
  if (engine.signal.aborted) throw new RunAborted();
  if (first !== undefined) {
    if (!(first instanceof StepFailure)) throw first;
    throw new StepFailure(`Parallel step '${step.name}' failed: ${first.message}`, first.detail);
  }
  const entries = settled.map((result) =>
    (result as PromiseFulfilledResult<[string, unknown]>).value
  );
  return joinParallel(entries, step.forEach ? "object" : effectiveJoin(step));
}
