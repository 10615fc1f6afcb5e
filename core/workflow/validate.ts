/**
 * Cross-step field type checking (handbook 10.14): every `{{ step.field }}`
 * a template uses is checked against the declared `output:` of `step` at
 * load time, so a typo fails before anything runs. Parallel blocks nest
 * (`{{ block.sub.field }}`), `_artifact` exists on `artifact: stdout`
 * steps, `approved` on bash/python HITL steps, and loop variables, inputs
 * and names a template binds itself are not step references. A step may
 * only use steps that ran before it (its own output only in its
 * `while:`/`repeat:` condition).
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { effectiveJoin, type Workflow, type WorkflowStep } from "./model.ts";

/** One `head.field[.field]` use found in a template. */
export interface TemplateReference {
  head: string;
  fields: string[];
}

const BLOCK = /\{\{([\s\S]*?)\}\}|\{%([\s\S]*?)%\}/g;
const STRING = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g;
const CHAIN = /(?<![\w.])([A-Za-z_]\w*)((?:\s*\.\s*[A-Za-z_]\w*)+)(\s*\()?/g;

/** Names a template binds itself (`{% for a, b in … %}`, `{% set x = … %}`). */
function localNames(template: string): Set<string> {
  const names = new Set<string>();
  for (const match of template.matchAll(/\{%-?\s*for\s+([\w\s,]+?)\s+in\s/g)) {
    for (const name of match[1].split(",")) names.add(name.trim());
  }
  for (const match of template.matchAll(/\{%-?\s*set\s+(\w+)\s*=/g)) names.add(match[1]);
  return names;
}

/** The `name.field` chains the Jinja blocks of `template` use (method calls left out). */
export function templateReferences(template: string): TemplateReference[] {
  const references: TemplateReference[] = [];
  const locals = localNames(template);
  for (const block of template.matchAll(BLOCK)) {
    const code = (block[1] ?? block[2]).replace(STRING, '""');
    for (const chain of code.matchAll(CHAIN)) {
      if (locals.has(chain[1])) continue;
      const fields = chain[2].split(".").map((part) => part.trim()).filter(Boolean);
      // `x.get(...)`, `x.items()`: the last name is a method, not a field.
      if (chain[3]) fields.pop();
      if (fields.length) references.push({ head: chain[1], fields });
    }
  }
  return references;
}

/** The fields `{{ step.<field> }}` may name, or undefined when any is possible. */
export function knownFields(step: WorkflowStep): string[] | undefined {
  if (step.kind === "parallel" && !step.forEach && effectiveJoin(step) === "object") {
    return step.parallel!.map((nested) => nested.name);
  }
  if (step.forEach && !["lastOf", "object"].includes(effectiveJoin(step))) return undefined;
  if (!step.output || step.output.array) return undefined;
  const fields = new Set(Object.keys(step.output.fields));
  if (step.artifact) fields.add("_artifact");
  if (step.hitl && (step.kind === "bash" || step.kind === "python")) fields.add("approved");
  return [...fields];
}

/** Python's repr of a list of strings, as the handbook's messages print it. */
function pyList(values: readonly string[]): string {
  return `[${values.map((value) => `'${value}'`).join(", ")}]`;
}

interface Scope {
  /** Steps that ran before, by name. */
  earlier: Map<string, WorkflowStep>;
  /** Every top-level step name (a later one is an error, not a free name). */
  all: Set<string>;
  /** Names that are not step references here (inputs, loop variables). */
  free: Set<string>;
}

function checkTemplate(
  template: string | undefined,
  owner: string,
  scope: Scope,
  where: string,
): void {
  if (!template) return;
  for (const reference of templateReferences(template)) {
    const { head, fields } = reference;
    if (scope.free.has(head) || !scope.all.has(head)) continue;
    const step = scope.earlier.get(head);
    if (!step) {
      throw new SaseError(
        "workflow.invalid",
        `${where}: Step '${owner}': references step '${head}' before it executes`,
        { hint: `steps can only use the outputs of steps above them`, kind: "invalid-data" },
      );
    }
    let target = step;
    let path = head;
    for (const field of fields) {
      const known = knownFields(target);
      if (!known) break;
      path = `${path}.${field}`;
      if (!known.includes(field)) {
        throw new SaseError(
          "workflow.invalid",
          `${where}: Step '${owner}': references '${path}' but '${target.name}' output has no ` +
            `field '${field}'. Available: ${pyList([...known].sort())}`,
          { hint: `declare '${field}' in the output of '${target.name}'`, kind: "invalid-data" },
        );
      }
      const nested = target.parallel?.find((sub) => sub.name === field);
      if (!nested) break;
      target = nested;
    }
  }
}

function stepTemplates(step: WorkflowStep, scope: Scope, where: string): void {
  const loopVars = Object.keys(step.forEach ?? {});
  const inner: Scope = { ...scope, free: new Set([...scope.free, ...loopVars]) };
  for (const expression of Object.values(step.forEach ?? {})) {
    checkTemplate(expression, step.name, scope, where);
  }
  checkTemplate(step.condition, step.name, scope, where);
  checkTemplate(step.body, step.name, inner, where);
  const self: Scope = { ...inner, earlier: new Map([...inner.earlier, [step.name, step]]) };
  checkTemplate(step.whileLoop?.condition, step.name, self, where);
  checkTemplate(step.repeat?.condition, step.name, self, where);
  for (const nested of step.parallel ?? []) {
    checkTemplate(nested.condition, nested.name, inner, where);
    checkTemplate(nested.body, nested.name, inner, where);
  }
}

/** Check every step's template references; throws the first problem found. */
export function validateReferences(workflow: Workflow): void {
  const scope: Scope = {
    earlier: new Map(),
    all: new Set(workflow.steps.map((step) => step.name)),
    free: new Set(workflow.inputs.map((input) => input.name)),
  };
  for (const step of workflow.steps) {
    const where = step.line === undefined
      ? workflow.sourcePath
      : `${workflow.sourcePath}:${step.line}`;
    stepTemplates(step, scope, where);
    scope.earlier.set(step.name, step);
  }
}
