/**
 * A workflow file's parsed YAML → a {@linkcode Workflow}: field shapes
 * (`schema.ts`), `use:` imports, and the structural rules of handbook 10 —
 * exactly one step type, `artifact` only on top-level bash/python, no loops,
 * `hitl` or `finally` inside `parallel`, loops exclusive, at most one
 * `prompt_part`, `finally` steps last, no input named `agents`. Every error
 * names the file, the line and the step. Cross-step template references are
 * checked afterwards (`validate.ts`).
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { parseInputs } from "../xprompt/inputs.ts";
import { parseHelpers, parseTags } from "../xprompt/loader.ts";
import {
  DEFAULT_LOOP_MAX,
  JOIN_MODES,
  type JoinMode,
  type LoopSpec,
  type StepKind,
  type Workflow,
  type WorkflowStep,
} from "./model.ts";
import { parseOutputSpec } from "./output_spec.ts";
import {
  describeIssue,
  type RawStep,
  rawStepSchema,
  rawWorkflowSchema,
  STEP_KEYS,
  WORKFLOW_KEYS,
} from "./schema.ts";

/** A path into the YAML document (`["steps", 2, "parallel", 0]`). */
export type YamlPath = readonly (string | number)[];

/** What parsing needs besides the data. */
export interface ParseOptions {
  /** The defining file (in messages and as `sourcePath`). */
  sourcePath: string;
  /** The name when the file sets none (its stem). */
  stem: string;
  /** 1-based line of the node at `path`, when known. */
  lineOf?: (path: YamlPath) => number | undefined;
  /** The base definition of a `use:` reference (its mapping); throws when it cannot be had. */
  resolveUse?: (ref: string, where: string) => Record<string, unknown>;
}

/** A parsed workflow and what it holds that the format does not know. */
export interface ParsedWorkflow {
  workflow: Workflow;
  warnings: string[];
}

/** The reserved template name of cross-agent output variables (handbook 10.13). */
export const RESERVED_AGENTS = "agents";

function invalid(where: string, message: string, hint?: string): SaseError {
  return new SaseError("workflow.invalid", `${where}: ${message}`, { hint, kind: "invalid-data" });
}

class StepParser {
  readonly warnings: string[] = [];
  constructor(private readonly options: ParseOptions) {}

  where(path: YamlPath): string {
    const line = this.options.lineOf?.(path);
    return line === undefined ? this.options.sourcePath : `${this.options.sourcePath}:${line}`;
  }

  /** Merge a `use:` base under the step's own fields (`use` itself dropped). */
  imported(data: Record<string, unknown>, path: YamlPath): Record<string, unknown> {
    if (data.use === undefined) return data;
    const ref = String(data.use);
    const where = this.where(path);
    if (!this.options.resolveUse) {
      throw invalid(where, `step import 'use: ${ref}' cannot be resolved here`);
    }
    const base = this.options.resolveUse(ref, where);
    const { use: _use, ...own } = data;
    return { ...base, ...own };
  }

  step(raw: unknown, index: number, path: YamlPath, nested: boolean): WorkflowStep {
    const where = this.where(path);
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
      throw invalid(where, `step ${index + 1} must be a mapping`);
    }
    const data = this.imported(raw as Record<string, unknown>, path);
    const label = nested ? "Nested step" : "Step";
    const provisional = `${label} '${String(data.name ?? `step_${index}`)}'`;
    const parsed = rawStepSchema.safeParse(data);
    if (!parsed.success) throw invalid(where, `${provisional}: ${describeIssue(parsed.error)}`);
    const step = parsed.data;
    const name = step.name ?? `step_${index}`;
    const at = `${label} '${name}'`;
    for (const key of Object.keys(data)) {
      if (!(STEP_KEYS as readonly string[]).includes(key)) {
        this.warnings.push(`${where}: ${at}: unknown field '${key}' (ignored)`);
      }
    }
    const { kind, body } = stepKind(step, at, where);
    if (step.agent !== undefined && step.prompt !== undefined) {
      throw invalid(where, `${at} has both 'agent' and its legacy alias 'prompt'`);
    }
    const result: WorkflowStep = {
      name,
      kind,
      body,
      hidden: step.hidden ?? false,
      hitl: step.hitl ?? false,
      isFinally: step.finally ?? false,
    };
    const line = this.options.lineOf?.(path);
    if (line !== undefined) result.line = line;
    const output = parseOutputSpec(step.output, `${where} (${at})`);
    if (output) result.output = output;
    if (step.if !== undefined) result.condition = step.if;
    this.loops(step, result, at, where);
    this.restrictions(step, result, at, where, nested);
    if (step.parallel) {
      if (step.parallel.length < 2) {
        throw invalid(where, `${at} 'parallel' field requires at least 2 steps`);
      }
      const names = new Set<string>();
      result.parallel = step.parallel.map((nestedRaw, nestedIndex) => {
        const child = this.step(nestedRaw, nestedIndex, [...path, "parallel", nestedIndex], true);
        if (names.has(child.name)) {
          throw invalid(where, `${at} has duplicate nested step name: '${child.name}'`);
        }
        names.add(child.name);
        return child;
      });
    }
    return result;
  }

  loops(step: RawStep, result: WorkflowStep, at: string, where: string): void {
    const kinds = [step.for, step.repeat, step.while].filter((value) => value !== undefined);
    if (kinds.length > 1) {
      throw invalid(where, `${at} can only have one of 'for', 'repeat', or 'while' fields`);
    }
    if (step.for !== undefined) {
      const vars = Object.entries(step.for);
      if (vars.length === 0) throw invalid(where, `${at} 'for' needs at least one loop variable`);
      result.forEach = Object.fromEntries(
        vars.map(([name, value]) => [name, Array.isArray(value) ? JSON.stringify(value) : value]),
      );
    }
    if (step.repeat !== undefined) result.repeat = loopSpec(step.repeat.until, step.repeat.max);
    if (step.while !== undefined) {
      result.whileLoop = typeof step.while === "string"
        ? loopSpec(step.while, undefined)
        : loopSpec(step.while.condition, step.while.max);
    }
    if (step.on_error !== undefined) {
      if (step.on_error !== "stop" && step.on_error !== "continue") {
        throw invalid(
          where,
          `${at} 'on_error' must be 'stop' or 'continue', got '${step.on_error}'`,
        );
      }
      if (!result.forEach) {
        throw invalid(where, `${at} 'on_error' is only supported on 'for:' loop steps`);
      }
      result.onError = step.on_error;
    }
    if (step.join !== undefined) {
      if (!(JOIN_MODES as readonly string[]).includes(step.join)) {
        throw invalid(where, `${at} 'join' must be one of: ${JOIN_MODES.join(", ")}`);
      }
      result.join = step.join as JoinMode;
    }
  }

  restrictions(
    step: RawStep,
    result: WorkflowStep,
    at: string,
    where: string,
    nested: boolean,
  ): void {
    const looped = Boolean(result.forEach || result.repeat || result.whileLoop);
    if (result.kind === "parallel" && (result.repeat || result.whileLoop)) {
      throw invalid(where, `${at} cannot combine 'parallel' with 'repeat' or 'while'`);
    }
    if (step.artifact !== undefined) {
      if (step.artifact !== "stdout") {
        throw invalid(where, `${at} 'artifact' must be 'stdout', got '${step.artifact}'`);
      }
      if (result.kind !== "bash" && result.kind !== "python") {
        throw invalid(where, `${at} with '${result.kind}' cannot have 'artifact'`);
      }
      if (nested) throw invalid(where, `${at} cannot have 'artifact'`);
      result.artifact = "stdout";
    }
    if (result.kind === "prompt_part") {
      if (looped) {
        throw invalid(
          where,
          `${at} with 'prompt_part' cannot have 'for', 'repeat', or 'while' loops`,
        );
      }
      if (result.output) {
        throw invalid(where, `${at} with 'prompt_part' cannot have 'output' specification`);
      }
      if (result.hitl) throw invalid(where, `${at} with 'prompt_part' cannot have 'hitl: true'`);
      if (result.isFinally) {
        throw invalid(where, `${at} with 'prompt_part' cannot have 'finally: true'`);
      }
    }
    if (result.kind === "parallel" && result.hitl) {
      throw invalid(
        where,
        `${at} with 'parallel' cannot have 'hitl: true'`,
        "put hitl on a step after the block",
      );
    }
    if (nested) {
      if (looped || result.kind === "parallel") {
        throw invalid(where, `${at} cannot have 'for', 'repeat', 'while', or 'parallel' fields`);
      }
      if (result.hitl) {
        throw invalid(
          where,
          `${at} cannot have 'hitl: true'`,
          "HITL steps cannot run inside a parallel block; move it after the block",
        );
      }
      if (result.isFinally) throw invalid(where, `${at} cannot have 'finally: true'`);
      if (result.kind === "prompt_part") throw invalid(where, `${at} cannot be a 'prompt_part'`);
    }
  }
}

function loopSpec(condition: string, max: number | undefined): LoopSpec {
  return { condition, max: max ?? DEFAULT_LOOP_MAX };
}

const TYPE_FIELDS = ["agent", "prompt", "bash", "python", "prompt_part", "parallel"] as const;

function stepKind(step: RawStep, at: string, where: string): { kind: StepKind; body: string } {
  const present = TYPE_FIELDS.filter((field) => step[field] !== undefined);
  const types = new Set(present.map((field) => field === "prompt" ? "agent" : field));
  if (types.size > 1) {
    throw invalid(
      where,
      `${at} can only have one of 'agent', 'bash', 'python', 'prompt_part', or 'parallel' fields`,
    );
  }
  if (types.size === 0) {
    throw invalid(
      where,
      `${at} must have one of 'agent', 'bash', 'python', 'prompt_part', or 'parallel' field`,
      "or import its definition with 'use: <path under steps/>'",
    );
  }
  const field = present[0];
  const kind = (field === "prompt" ? "agent" : field) as StepKind;
  return { kind, body: kind === "parallel" ? "" : String(step[field]) };
}

/** Parse a workflow file's top-level mapping (already read from YAML). */
export function parseWorkflowData(data: unknown, options: ParseOptions): ParsedWorkflow {
  const file = options.sourcePath;
  if (!data || typeof data !== "object" || Array.isArray(data)) {
    throw invalid(file, "a workflow file must be a YAML mapping");
  }
  const parsed = rawWorkflowSchema.safeParse(data);
  if (!parsed.success) throw invalid(file, describeIssue(parsed.error));
  const raw = parsed.data;
  const parser = new StepParser(options);
  for (const key of Object.keys(data)) {
    if (!(WORKFLOW_KEYS as readonly string[]).includes(key)) {
      parser.warnings.push(`${file}: unknown top-level field '${key}' (ignored)`);
    }
  }
  const name = raw.name ?? options.stem;
  const inputs = parseInputs(raw.input, `${file} (#${name})`, "workflow");
  const reserved = inputs.find((input) => input.name === RESERVED_AGENTS);
  if (reserved) {
    throw invalid(
      parser.where(["input"]),
      `Workflow '${name}': input 'agents' collides with the reserved 'agents' template variable`,
      "`agents` holds the output variables of waited named agents; rename the input",
    );
  }
  const steps = raw.steps.map((step, index) => parser.step(step, index, ["steps", index], false));
  if (steps.length === 0) throw invalid(file, `Workflow '${name}' has no steps`);
  checkTopLevel(steps, name, (index) => parser.where(["steps", index]));
  const tags = parseTags(raw.tags);
  const wrapsAll = raw.wraps_all ?? false;
  if (wrapsAll && !tags.includes("vcs")) tags.push("vcs");
  const source = { priority: 0, label: "workflow", path: file };
  const workflow: Workflow = {
    name,
    tags,
    hidden: raw.hidden ?? false,
    wrapsAll: wrapsAll || tags.includes("vcs"),
    inputs,
    environment: Object.fromEntries(
      Object.entries(raw.environment ?? {}).map(([key, value]) => [key, value ?? ""]),
    ),
    xprompts: parseHelpers(raw.xprompts, source, file, "any"),
    steps,
    sourcePath: file,
  };
  if (raw.description !== undefined) workflow.description = raw.description;
  return { workflow, warnings: parser.warnings };
}

/** Rules over the top-level steps: unique names, one `prompt_part`, `finally` steps last. */
function checkTopLevel(
  steps: readonly WorkflowStep[],
  name: string,
  where: (index: number) => string,
): void {
  const seen = new Set<string>();
  for (const [index, step] of steps.entries()) {
    if (seen.has(step.name)) {
      throw invalid(where(index), `Workflow '${name}' has two steps named '${step.name}'`);
    }
    seen.add(step.name);
  }
  const parts = steps.filter((step) => step.kind === "prompt_part");
  if (parts.length > 1) {
    throw invalid(
      where(steps.indexOf(parts[1])),
      `Workflow '${name}' has ${parts.length} prompt_part steps, but at most one is allowed`,
    );
  }
  const firstFinally = steps.findIndex((step) => step.isFinally);
  if (firstFinally < 0) return;
  const late = steps.findIndex((step, index) => index > firstFinally && !step.isFinally);
  if (late >= 0) {
    throw invalid(
      where(firstFinally),
      `Step '${steps[firstFinally].name}': 'finally: true' steps must come after every ` +
        `non-finally step, but '${steps[late].name}' follows it`,
      "move the cleanup steps to the end of the workflow",
    );
  }
}
