/**
 * Validation of an epic's `phases` list, the frontmatter that turns an
 * approved epic into phase beads (one per phase, in list order, with its
 * dependencies):
 *
 * - the list is a non-empty list of mappings;
 * - `id` (required) is a lowercase slug, unique in the list;
 * - `title` (required) is a non-empty string, the phase bead's title;
 * - `depends_on` (optional, default none) lists ids of earlier phases, each
 *   once, never the phase itself;
 * - `size` (optional) is one of `xsmall`, `small`, `medium`, `large`, `xlarge`;
 * - `description` (optional, a warning when missing) and `model` (no spaces);
 * - other keys are warned about and ignored.
 *
 * @module
 */

import { PLAN_SIZES, type PlanPhase } from "./plan_schema.ts";
import { type DiagnosticSink, modelAt, stringAt, typeName } from "./plan_diagnostics.ts";

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
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    sink.push(
      "error",
      "type-mismatch",
      path,
      `field \`depends_on\` must be a list of phase ids, found ${typeName(value)}`,
    );
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
      return;
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
    } else result.push(dependency);
  });
  return result;
}

function size(sink: DiagnosticSink, phase: Record<string, unknown>, index: number): string | null {
  if (phase.size === undefined || phase.size === null) return null;
  if (
    typeof phase.size === "string" && (PLAN_SIZES as readonly string[]).includes(phase.size.trim())
  ) {
    return phase.size.trim();
  }
  sink.push(
    "error",
    "phase-size-invalid",
    `phases[${index}].size`,
    `phase \`size\` must be one of ${PLAN_SIZES.map((s) => `\`${s}\``).join(", ")}, found \`${
      String(phase.size)
    }\``,
  );
  return null;
}

/** Validate the `phases` value of an epic; returns the normalized phases. */
export function checkPhases(sink: DiagnosticSink, value: unknown): PlanPhase[] {
  if (!Array.isArray(value)) {
    sink.push(
      "error",
      "type-mismatch",
      "phases",
      `field \`phases\` must be a list, found ${typeName(value)}`,
    );
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
        sink.push(
          "warning",
          "unknown-key",
          `${path}.${key}`,
          `unknown phase field \`${key}\` is ignored`,
        );
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
      return null;
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
    if (phase.description === undefined || phase.description === null) {
      sink.push(
        "warning",
        "phase-description-missing",
        `${path}.description`,
        `phase \`${
          ids[index] ?? "<unknown>"
        }\` has no \`description\`; add one naming its plan-body section and briefly summarizing that section`,
      );
    }
    const description = stringAt(sink, phase, "description", `${path}.description`, false);
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
