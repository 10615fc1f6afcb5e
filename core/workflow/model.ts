/**
 * The typed model of a YAML workflow (handbook 10): what the loader builds
 * from a `.yml`/`.yaml` file and the executor, `sase xprompt explain|graph`
 * and the catalog read. Field names are camelCase; the YAML keys they come
 * from are noted where they differ.
 *
 * @module
 */

import type { InputDef, InputType } from "../xprompt/inputs.ts";
import type { XPrompt } from "../xprompt/model.ts";

/** What a step does: exactly one per step. */
export type StepKind = "agent" | "prompt_part" | "bash" | "python" | "parallel";

/** How the results of a `for:` loop or a `parallel:` block are combined (`join:`). */
export type JoinMode = "array" | "object" | "text" | "lastOf";

/** The join modes, in the order error messages list them. */
export const JOIN_MODES: readonly JoinMode[] = ["array", "lastOf", "object", "text"];

/** What a failed `for:` iteration does (`on_error:`). */
export type OnError = "stop" | "continue";

/** A `while:` or `repeat: {until:}` loop. */
export interface LoopSpec {
  /** The Jinja condition, checked after every iteration. */
  condition: string;
  /** Most iterations (default {@linkcode DEFAULT_LOOP_MAX}). */
  max: number;
}

/** Iterations of a `while:`/`repeat:` loop when `max` is not given (handbook 10.9.4). */
export const DEFAULT_LOOP_MAX = 100;

/** A step's declared `output:`. */
export interface OutputSpec {
  /** The spec as JSON Schema (`core/xprompt/output_spec.ts`). */
  schema: Record<string, unknown>;
  /** `[{...}]`: a list of objects rather than one object. */
  array: boolean;
  /** Declared fields and their semantic types (`word`, `int`, ...), for coercion and checks. */
  fields: Record<string, InputType | string>;
}

/** One step of a workflow (or of a `parallel:` block). */
export interface WorkflowStep {
  name: string;
  kind: StepKind;
  /** The prompt (`agent:`, legacy `prompt:`), `prompt_part:` text, bash command or python code. */
  body: string;
  /** Nested steps of a `parallel:` block. */
  parallel?: WorkflowStep[];
  output?: OutputSpec;
  /** `artifact: stdout`: keep stdout in `<artifacts>/<step>.stdout`, exposed as `_artifact`. */
  artifact?: "stdout";
  /** `if:`. */
  condition?: string;
  /** `for:`: loop variable → Jinja expression of a list (lockstep when several). */
  forEach?: Record<string, string>;
  /** `on_error:` of a `for:` step; unset means the step kind's default. */
  onError?: OnError;
  /** `while:`. */
  whileLoop?: LoopSpec;
  /** `repeat: {until:, max:}`. */
  repeat?: LoopSpec;
  /** `join:`; unset means `array` for loops and `object` for parallel blocks. */
  join?: JoinMode;
  hidden: boolean;
  hitl: boolean;
  /** `finally: true`. */
  isFinally: boolean;
  /** Line of the step in its file (1-based), for messages. */
  line?: number;
}

/** A loaded, validated workflow. */
export interface Workflow {
  name: string;
  description?: string;
  tags: string[];
  /** Hide the run's row from the default agent views. */
  hidden: boolean;
  /** Legacy `wraps_all` (implies the `vcs` tag). */
  wrapsAll: boolean;
  inputs: InputDef[];
  /** `environment:` values (Jinja templates over the inputs). */
  environment: Record<string, string>;
  /** Workflow-local xprompts, visible to this workflow's steps. */
  xprompts: Record<string, XPrompt>;
  steps: WorkflowStep[];
  /** The defining file. */
  sourcePath: string;
}

/** The step's `on_error` with its kind's default: agents continue, scripts stop. */
export function effectiveOnError(step: WorkflowStep): OnError {
  return step.onError ?? (step.kind === "agent" ? "continue" : "stop");
}

/** The step's `join` with the handbook defaults: `object` for parallel blocks, `array` otherwise. */
export function effectiveJoin(step: WorkflowStep): JoinMode {
  return step.join ?? (step.kind === "parallel" && !step.forEach ? "object" : "array");
}

/** The `prompt_part` step, when the workflow has one (then it is embeddable as `#name`). */
export function promptPartStep(workflow: Workflow): WorkflowStep | undefined {
  return workflow.steps.find((step) => step.kind === "prompt_part");
}

/**
 * `appears_as_agent` (handbook 10.5.5): computed, never written in YAML —
 * true when the only visible step is an agent step.
 */
export function appearsAsAgent(workflow: Workflow): boolean {
  const visible = workflow.steps.filter((step) => !step.hidden);
  return visible.length === 1 && visible[0].kind === "agent";
}

/** Every step, parallel sub-steps included, in order. */
export function allSteps(steps: readonly WorkflowStep[]): WorkflowStep[] {
  return steps.flatMap((step) => [step, ...(step.parallel ?? [])]);
}
