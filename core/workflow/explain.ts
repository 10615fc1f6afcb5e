/**
 * `sase xprompt explain <workflow>`: a dry run of a workflow's plan (handbook
 * 7.2.2) — its metadata, inputs with the given arguments bound, and every
 * step with its type, control flow, output schema and body rendered against
 * the inputs (a body that uses other steps' outputs is shown as written,
 * since those exist only when the workflow runs). Nothing is executed.
 *
 * @module
 */

import type { InputDef } from "../xprompt/inputs.ts";
import { bindArgs } from "../xprompt/bind_args.ts";
import type { ArgValue } from "../xprompt/args.ts";
import type { LoadedWorkflow } from "./load.ts";
import { effectiveJoin, effectiveOnError, type Workflow, type WorkflowStep } from "./model.ts";
import { renderTemplate } from "./render.ts";

/** One step of the plan. */
export interface ExplainedStep {
  name: string;
  type: string;
  /** Control-flow and checkpoint annotations (`if: …`, `for item in …`, `hitl`, ...). */
  annotations: string[];
  /** The body rendered with the inputs, or as written when it needs step outputs. */
  body: string;
  rendered: boolean;
  output: Record<string, unknown> | null;
  parallel: ExplainedStep[];
}

/** The explanation of a workflow. */
export interface WorkflowExplanation {
  workflow: Workflow;
  /** `workflow` (standalone, `#!name`) or `embeddable_workflow` (`#name`). */
  kind: string;
  inputs: { input: InputDef; value: unknown; given: boolean }[];
  /** Why the arguments do not bind (a missing required input, a bad value). */
  argumentError: string | null;
  steps: ExplainedStep[];
  warnings: string[];
}

/** The annotations of `step`: its control flow and checkpoint flags. */
export function stepAnnotations(step: WorkflowStep): string[] {
  const notes: string[] = [];
  if (step.condition) notes.push(`if: ${step.condition}`);
  if (step.forEach) {
    const vars = Object.entries(step.forEach).map(([name, source]) => `${name} in ${source}`);
    notes.push(`for: ${vars.join(", ")} (on_error: ${effectiveOnError(step)})`);
  }
  if (step.whileLoop) notes.push(`while: ${step.whileLoop.condition} (max ${step.whileLoop.max})`);
  if (step.repeat) notes.push(`repeat until: ${step.repeat.condition} (max ${step.repeat.max})`);
  if (step.forEach || step.kind === "parallel") notes.push(`join: ${effectiveJoin(step)}`);
  if (step.artifact) notes.push("artifact: stdout");
  if (step.hitl) notes.push("hitl");
  if (step.isFinally) notes.push("finally");
  if (step.hidden) notes.push("hidden");
  return notes;
}

async function explainStep(
  step: WorkflowStep,
  context: Record<string, unknown>,
): Promise<ExplainedStep> {
  let body = step.body;
  let rendered = false;
  try {
    body = await renderTemplate(step.body, context);
    rendered = true;
  } catch {
    // Needs outputs of earlier steps: shown as written.
  }
  return {
    name: step.name,
    type: step.kind,
    annotations: stepAnnotations(step),
    body,
    rendered,
    output: step.output?.schema ?? null,
    parallel: await Promise.all((step.parallel ?? []).map((sub) => explainStep(sub, context))),
  };
}

/** Explain `loaded` with the given arguments. */
export async function explainWorkflow(
  loaded: LoadedWorkflow,
  kind: string,
  args: { positional: ArgValue[]; named: Record<string, ArgValue> },
): Promise<WorkflowExplanation> {
  const { workflow } = loaded;
  let values: Record<string, unknown> = {};
  let argumentError: string | null = null;
  try {
    values = bindArgs(workflow.inputs, args.positional, args.named, `#!${workflow.name}`).values;
  } catch (error) {
    argumentError = (error as Error).message;
  }
  const given = new Set([
    ...Object.keys(args.named),
    ...workflow.inputs.slice(0, args.positional.length).map((input) => input.name),
  ]);
  const inputs = workflow.inputs.map((input) => ({
    input,
    value: values[input.name] ?? input.default ?? null,
    given: given.has(input.name),
  }));
  const context = argumentError ? {} : values;
  return {
    workflow,
    kind,
    inputs,
    argumentError,
    steps: await Promise.all(workflow.steps.map((step) => explainStep(step, context))),
    warnings: loaded.warnings,
  };
}
