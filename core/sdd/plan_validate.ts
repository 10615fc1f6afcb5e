/**
 * Strict, tier-aware validation of an authored plan document (the gate of
 * `sase plan propose` and `sase plan approve`). It reports every problem it
 * can find, each with a stable code, a field path and the 1-based file line,
 * and returns the normalized plan only when there are no errors.
 *
 * @module
 */

import { isMap, LineCounter, parseDocument } from "yaml";
import { splitFrontmatter } from "./frontmatter.ts";
import { SDD_TIERS, type SddTier } from "./layout.ts";
import { PLAN_SIZES, type PlanPhase, TALE_SIZES, type ValidatedPlan } from "./plan_schema.ts";
import { checkPhases } from "./plan_phases.ts";
import {
  DiagnosticSink,
  modelAt,
  type PlanDiagnostic,
  stringAt,
  typeName,
} from "./plan_diagnostics.ts";

export type { PlanDiagnostic } from "./plan_diagnostics.ts";

/** Version of the validation JSON shape. */
export const PLAN_VALIDATION_SCHEMA_VERSION = 3;

/** The validation result (warnings do not make `ok` false). */
export interface PlanValidation {
  schema_version: number;
  ok: boolean;
  diagnostics: PlanDiagnostic[];
  plan: ValidatedPlan | null;
}

const COMMON = ["tier", "title", "goal", "model"];
const SYSTEM = [
  "create_time",
  "status",
  "prompt",
  "bead",
  "proposed_by",
  "parent",
  "bead_id",
  "legend_bead_id",
  "links",
];
const TALE_ONLY = ["size"];
const EPIC_ONLY = ["phases", "patch", "changespec", "bug_id", "parent_bead"];
const LEGEND_ONLY = ["epic_count"];

function checkKeys(sink: DiagnosticSink, data: Record<string, unknown>, tier: SddTier): void {
  for (const key of Object.keys(data)) {
    if (COMMON.includes(key) || SYSTEM.includes(key)) continue;
    const only = TALE_ONLY.includes(key)
      ? "tale"
      : EPIC_ONLY.includes(key)
      ? "epic"
      : LEGEND_ONLY.includes(key)
      ? "legend"
      : null;
    if (only === null) {
      sink.push("error", "unknown-key", key, `unknown frontmatter field \`${key}\``);
    } else if (only !== tier) {
      // Downgrading an epic to a tale keeps its epic fields harmlessly; other
      // cross-tier fields mean the plan was written for a different tier.
      if (tier === "tale") {
        sink.push(
          "warning",
          "tale-inert-field",
          key,
          `${only}-only field \`${key}\` is inert when validating a tale`,
        );
      } else {
        sink.push(
          "error",
          "unknown-key",
          key,
          `${only}-only field \`${key}\` is invalid when validating a ${tier}`,
        );
      }
    }
  }
}

function taleSize(sink: DiagnosticSink, data: Record<string, unknown>): string | null {
  if (data.size === undefined) {
    sink.push(
      "error",
      "tale-size-missing",
      "size",
      "required tale field `size` is missing; expected `xsmall`, `small`, or `medium`",
    );
    return null;
  }
  const size = typeof data.size === "string" ? data.size.trim() : null;
  if (size !== null && (TALE_SIZES as readonly string[]).includes(size)) return size;
  const hint = size !== null && (PLAN_SIZES as readonly string[]).includes(size)
    ? "; `large` or `xlarge` work belongs in an epic plan"
    : "";
  sink.push(
    "error",
    "tale-size-invalid",
    "size",
    `tale \`size\` must be \`xsmall\`, \`small\`, or \`medium\`, found \`${
      String(data.size)
    }\`${hint}`,
  );
  return null;
}

function positiveInt(
  sink: DiagnosticSink,
  data: Record<string, unknown>,
  key: string,
): number | null {
  const value = data[key];
  if (value === undefined) return null;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    sink.push(
      "error",
      "type-mismatch",
      key,
      `field \`${key}\` must be a positive integer, found ${typeName(value)}`,
    );
    return null;
  }
  return value;
}

/** Validate a complete markdown plan against `tier`. Pure. */
export function validatePlan(content: string, tier: SddTier): PlanValidation {
  const split = splitFrontmatter(content);
  const finish = (sink: DiagnosticSink, plan: ValidatedPlan | null): PlanValidation => ({
    schema_version: PLAN_VALIDATION_SCHEMA_VERSION,
    ok: !sink.hasErrors(),
    diagnostics: sink.diagnostics,
    plan: sink.hasErrors() ? null : plan,
  });
  const counter = new LineCounter();
  if (split.yaml === null) {
    const sink = new DiagnosticSink(null, counter);
    if (split.unclosed) {
      sink.pushAt(
        "error",
        "frontmatter-unclosed",
        "frontmatter is missing its closing `---` marker",
        1,
      );
    } else {sink.pushAt(
        "error",
        "frontmatter-missing",
        "frontmatter must open with `---` at byte 0",
        1,
      );}
    return finish(sink, null);
  }
  const doc = parseDocument(split.yaml, {
    lineCounter: counter,
    prettyErrors: false,
    uniqueKeys: true,
  });
  const root = isMap(doc.contents) ? doc.contents : null;
  const sink = new DiagnosticSink(root, counter);
  if (split.body.trim() === "") {
    sink.pushAt("error", "body-empty", "plan markdown body must not be empty", null);
  }
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    sink.pushAt(
      "error",
      "yaml-invalid",
      `frontmatter is not valid YAML: ${error.message.split("\n")[0]}`,
      counter.linePos(error.pos[0]).line + 1,
    );
    return finish(sink, null);
  }
  const data = doc.toJS() as unknown;
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    sink.pushAt("error", "frontmatter-not-mapping", "frontmatter YAML must be a mapping", 2);
    return finish(sink, null);
  }
  const fields = data as Record<string, unknown>;
  checkKeys(sink, fields, tier);
  const authored = stringAt(sink, fields, "tier", "tier", true);
  if (authored !== null && !(SDD_TIERS as readonly string[]).includes(authored)) {
    sink.push("error", "tier-invalid", "tier", "`tier` must be exactly `tale`, `epic` or `legend`");
  } else if (authored !== null && authored !== tier) {
    sink.push(
      "error",
      "tier-mismatch",
      "tier",
      `authored tier \`${authored}\` does not match requested tier \`${tier}\``,
    );
  }
  const title = stringAt(sink, fields, "title", "title", true);
  const goal = stringAt(sink, fields, "goal", "goal", true);
  const size = tier === "tale" ? taleSize(sink, fields) : null;
  const model = modelAt(sink, fields, "model");
  const bead = stringAt(sink, fields, "bead", "bead", false);
  const proposedBy = stringAt(sink, fields, "proposed_by", "proposed_by", false);
  const parent = stringAt(sink, fields, "parent", "parent", false);
  if (parent !== null) {
    sink.push(
      "warning",
      "parent-frontmatter-deprecated",
      "parent",
      "`parent` frontmatter is deprecated; use the Markdown PARENT header bullet",
    );
  }
  let phases: PlanPhase[] = [];
  let changespec: string | null = null;
  let bugId: number | null = null;
  let parentBead: string | null = null;
  if (tier === "epic") {
    changespec = stringAt(sink, fields, "patch", "patch", false) ??
      stringAt(sink, fields, "changespec", "changespec", false);
    if (fields.bug_id !== undefined) {
      if (typeof fields.bug_id !== "number" || !Number.isInteger(fields.bug_id)) {
        sink.push(
          "error",
          "type-mismatch",
          "bug_id",
          `field \`bug_id\` must be an integer, found ${typeName(fields.bug_id)}`,
        );
      } else bugId = fields.bug_id;
      if (changespec === null) {
        sink.push(
          "error",
          "bug-id-without-patch",
          "bug_id",
          "`bug_id` requires a non-empty `patch`",
        );
      }
    }
    parentBead = stringAt(sink, fields, "parent_bead", "parent_bead", false);
    phases = checkPhases(sink, fields.phases);
  }
  const epicCount = tier === "legend" ? positiveInt(sink, fields, "epic_count") : null;
  return finish(sink, {
    tier,
    title: title ?? "",
    goal: goal ?? "",
    size,
    model,
    phases,
    changespec,
    bug_id: bugId,
    parent_bead: parentBead,
    bead,
    proposed_by: proposedBy,
    parent,
    epic_count: epicCount,
  });
}

/** The tier a plan document declares, if it is a valid one. */
export function authoredTier(content: string): SddTier | null {
  const match = /^tier[ \t]*:[ \t]*['"]?(\w+)['"]?[ \t]*$/m.exec(
    splitFrontmatter(content).yaml ?? "",
  );
  const tier = match?.[1];
  return tier && (SDD_TIERS as readonly string[]).includes(tier) ? tier as SddTier : null;
}
