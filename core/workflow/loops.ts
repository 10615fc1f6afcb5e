/**
 * Looping steps (handbook 10.9): `for:` over one or more lists in lockstep
 * (equal lengths), with `on_error` deciding whether a failed iteration stops
 * the loop (bash/python default) or is recorded while the rest run (agent
 * default), and the iteration outputs joined; `while:` (run, then go on
 * while the condition holds) and `repeat: {until:}` (run until it holds),
 * both at least once and at most `max` times — reaching `max` fails the
 * step. Each loop keeps a checkpoint (the next iteration and the results so
 * far) in the step state, so a run resumed at a human checkpoint inside a
 * loop continues where it stopped.
 *
 * @module
 */

import { HitlRejected, type Position, type StepEngine, StepFailure } from "./engine.ts";
import { joinIterations } from "./joins.ts";
import { effectiveJoin, effectiveOnError, type WorkflowStep } from "./model.ts";
import { evaluateCondition, evaluateList } from "./render.ts";
import type { StepState } from "./state.ts";
import { TemplateRenderError } from "../xprompt/jinja/render.ts";

/** Runs one iteration's body: a single step execution or a parallel block. */
export type IterationBody = (context: Record<string, unknown>, at: Position) => Promise<unknown>;

/** The lists of a `for:` step, checked for equal lengths. */
export function forLists(
  step: WorkflowStep,
  context: Record<string, unknown>,
): Map<string, unknown[]> {
  const lists = new Map<string, unknown[]>();
  for (const [name, source] of Object.entries(step.forEach ?? {})) {
    try {
      lists.set(name, evaluateList(source, context));
    } catch (error) {
      if (!(error instanceof TemplateRenderError)) throw error;
      throw new StepFailure(
        `Step '${step.name}' 'for' list '${name}' (${source}) cannot be evaluated: ${error.message}`,
      );
    }
  }
  const [first, ...rest] = [...lists];
  for (const [name, items] of rest) {
    if (items.length !== first[1].length) {
      throw new StepFailure(
        `Step '${step.name}' for: loop lists have unequal lengths: '${first[0]}' has ` +
          `${first[1].length} items, '${name}' has ${items.length} items`,
      );
    }
  }
  return lists;
}

/** Run a `for:` step; resolves to its joined output. */
export async function runForLoop(
  engine: StepEngine,
  step: WorkflowStep,
  context: Record<string, unknown>,
  state: StepState,
  body: IterationBody,
): Promise<unknown> {
  const lists = forLists(step, context);
  const count = lists.size ? [...lists.values()][0].length : 0;
  const results = [...(state.checkpoint?.results ?? [])];
  const onError = effectiveOnError(step);
  for (let iteration = state.checkpoint?.iteration ?? 1; iteration <= count; iteration++) {
    state.iteration = iteration;
    engine.progress({ type: "iteration", step: step.name, iteration, of: count });
    const scope = { ...context };
    for (const [name, items] of lists) scope[name] = items[iteration - 1];
    try {
      results.push(await body(scope, { iteration, state }));
    } catch (error) {
      if (!(error instanceof StepFailure) || error instanceof HitlRejected) throw error;
      if (onError === "stop") {
        throw new StepFailure(
          `${error.message} (iteration ${iteration} of ${count})`,
          error.detail,
        );
      }
      state.failed_iterations.push({ iteration, error: error.message });
    }
    state.checkpoint = { iteration: iteration + 1, results };
    await engine.save();
  }
  return joinIterations(results, effectiveJoin(step));
}

/** Run a `while:` or `repeat:` step; resolves to its last iteration's output. */
export async function runConditionLoop(
  engine: StepEngine,
  step: WorkflowStep,
  context: Record<string, unknown>,
  state: StepState,
  body: IterationBody,
): Promise<unknown> {
  const repeat = step.repeat !== undefined;
  const spec = (step.repeat ?? step.whileLoop)!;
  // Resumed: the previous iteration's output is the one the checkpoint kept.
  let output: unknown = state.checkpoint ? state.output ?? undefined : undefined;
  for (let iteration = state.checkpoint?.iteration ?? 1; iteration <= spec.max; iteration++) {
    state.iteration = iteration;
    engine.progress({ type: "iteration", step: step.name, iteration });
    const scope = output === undefined ? context : { ...context, [step.name]: output };
    output = await body(scope, { iteration, state });
    state.output = output;
    state.checkpoint = { iteration: iteration + 1, results: [] };
    await engine.save();
    const holds = await evaluateCondition(spec.condition, { ...context, [step.name]: output });
    if (repeat ? holds : !holds) return output;
  }
  throw new StepFailure(
    repeat
      ? `Step '${step.name}' repeat loop exceeded max iterations (${spec.max}) without satisfying until: condition`
      : `Step '${step.name}' while loop exceeded max iterations (${spec.max}) with condition still true`,
  );
}
