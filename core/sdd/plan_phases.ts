/**
 * Validation of an epic's `phases` list: ids are unique lowercase slugs,
 * dependencies name earlier phases (never themselves), sizes come from the
 * size scale, and every phase should describe its plan-body section.
 *
 * @module
 */

import { PLAN_SIZES, type PlanPhase } from "./plan_schema.ts";
import { type DiagnosticSink, modelAt, stringAt } from "./plan_diagnostics.ts";

const PHASE_FIELDS = ["id", "title", "depends_on", "description", "size", "model"];
const SLUG = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function dependencies(
  sink: DiagnosticSink,
  phase: Record<string, unknown>,
  index: number,
  ids: readonly (string | null)[],
): string[] {
  const path = `phases[${index}].depends_on`;
  const value = phase.depends_on;
  if (value === undefined) {
    sink.push("error", "required-missing", path, "required field `depends_on` is missing");
    return [];
  }
  if (!Array.isArray(value)) {
    sink.push("error", "type-mismatch", path, "field `depends_on` must be a list of phase ids");
    return [];
  }
  const seen = new Set<string>();
  const result: string[] = [];
  value.forEach((raw, position) => {
    const at = `${path}[${position}]`;
    if (typeof raw !== "string" || raw.trim() === "") {
      sink.push("error", "type-mismatch", at, "dependency reference must be a non-empty string");
      return;
    }
    const dependency = raw.trim();
    if (seen.has(dependency)) {
      sink.push(
        "error",
        "dep-duplicate",
        at,
        `dependency \`${dependency}\` is listed more than once`,
      );
    }
    seen.add(dependency);
    const target = ids.indexOf(dependency);
    if (ids[index] === dependency) {
      sink.push("error", "dep-self", at, `phase \`${dependency}\` cannot depend on itself`);
    } else if (target === -1) {
      sink.push("error", "dep-unknown", at, `dependency \`${dependency}\` does not name a phase`);
    } else if (target > index) {
      sink.push(
        "error",
        "dep-forward",
        at,
        `dependency \`${dependency}\` must refer to an earlier-listed phase`,
      );
    }
    result.push(dependency);
  });
  return result;
}

function size(sink: DiagnosticSink, phase: Record<string, unknown>, index: number): string {
  const path = `phases[${index}].size`;
  if (phase.size === undefined) {
    sink.push(
      "error",
      "phase-size-missing",
      path,
      "required phase field `size` is missing; expected `xsmall`, `small`, `medium`, `large`, or `xlarge`",
    );
    return "";
  }
  if (
    typeof phase.size === "string" && (PLAN_SIZES as readonly string[]).includes(phase.size.trim())
  ) {
    return phase.size.trim();
  }
  sink.push(
    "error",
    "phase-size-invalid",
    path,
    `phase \`size\` must be \`xsmall\`, \`small\`, \`medium\`, \`large\`, or \`xlarge\`, found \`${
      String(phase.size)
    }\``,
  );
  return "";
}

/** Validate the `phases` value of an epic; returns the normalized phases. */
export function checkPhases(sink: DiagnosticSink, value: unknown): PlanPhase[] {
  if (value === undefined) {
    sink.push("error", "required-missing", "phases", "required field `phases` is missing");
    return [];
  }
  if (!Array.isArray(value)) {
    sink.push("error", "type-mismatch", "phases", "field `phases` must be a list");
    return [];
  }
  if (value.length === 0) {
    sink.push("error", "phases-empty", "phases", "epic `phases` must contain at least one phase");
    return [];
  }
  const ids: (string | null)[] = value.map((phase, index) => {
    const path = `phases[${index}]`;
    if (!isRecord(phase)) {
      sink.push("error", "phase-type-mismatch", path, "phase entry must be a mapping");
      return null;
    }
    for (const key of Object.keys(phase)) {
      if (!PHASE_FIELDS.includes(key)) {
        sink.push("error", "unknown-key", `${path}.${key}`, `unknown phase field \`${key}\``);
      }
    }
    const id = stringAt(sink, phase, "id", `${path}.id`, true);
    if (id !== null && !SLUG.test(id)) {
      sink.push(
        "error",
        "phase-id-invalid",
        `${path}.id`,
        "phase `id` must be a lowercase slug using letters, digits, `-`, or `_`",
      );
    }
    return id;
  });
  ids.forEach((id, index) => {
    const first = id === null ? -1 : ids.indexOf(id);
    if (id !== null && first !== index) {
      sink.push(
        "error",
        "phase-id-duplicate",
        `phases[${index}].id`,
        `phase id \`${id}\` duplicates phases[${first}].id`,
      );
    }
  });
  const phases: PlanPhase[] = [];
  value.forEach((phase, index) => {
    if (!isRecord(phase)) return;
    const path = `phases[${index}]`;
    const title = stringAt(sink, phase, "title", `${path}.title`, true);
    const dependsOn = dependencies(sink, phase, index, ids);
    if (phase.description === undefined) {
      sink.push(
        "warning",
        "phase-description-missing",
        `${path}.description`,
        `phase \`${
          ids[index] ?? "<unknown>"
        }\` has no \`description\`; add one naming its plan-body section and briefly summarizing that section`,
      );
    }
    const description = phase.description === undefined
      ? null
      : stringAt(sink, phase, "description", `${path}.description`, false);
    phases.push({
      id: ids[index] ?? "",
      title: title ?? "",
      depends_on: dependsOn,
      description,
      size: size(sink, phase, index),
      model: modelAt(sink, phase, `${path}.model`),
    });
  });
  return phases;
}
