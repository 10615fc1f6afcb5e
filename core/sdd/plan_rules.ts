/**
 * Tier-aware validation of a plan document (the gate of `sase plan
 * propose`, `sase plan approve` and `sase plan validate`). It reports every
 * problem it finds at once, each with a stable code, a field path and the
 * 1-based file line, and returns the normalized plan only when there are no
 * errors.
 *
 * Only what the handbook requires is required, so every plan the original
 * wrote validates: a tale may be plain Markdown (propose adds `tier:`), an
 * epic's `phases:` are checked when present (approval as an epic needs
 * them), and a legend carries a positive `epic_count` (bead work launches
 * that many epic planners). Other known fields are checked when present;
 * unknown and other-tier fields are warnings, never refusals.
 *
 * The rules work on frontmatter already read into fields with their lines
 * (`FrontmatterFields`), so they need no YAML parser: `plan_validate.ts`
 * reads any block with it, `sase plan propose` reads a flat block without.
 *
 * @module
 */

import type { FrontmatterFields, SplitDocument } from "./frontmatter_text.ts";
import { normalizeTier, SDD_TIERS, type SddTier } from "./layout.ts";
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

/** The validation result (warnings do not make `ok` false). */
export interface PlanValidation {
  ok: boolean;
  diagnostics: PlanDiagnostic[];
  plan: ValidatedPlan | null;
}

/** Options of {@linkcode checkPlan}. */
export interface ValidatePlanOptions {
  /** Title when the plan has neither `title:` nor a `# ` heading (the file name). */
  fallbackTitle?: string;
}

/** Fields every tier may carry; the string ones are checked when present. */
const COMMON_STRINGS = [
  "title",
  "goal",
  "status",
  "prompt",
  "bead",
  "bead_id",
  "legend_bead_id",
  "proposed_by",
  "parent",
];
const COMMON_OTHER = ["tier", "model", "create_time", "links"];
const TIER_FIELDS: Readonly<Record<SddTier, readonly string[]>> = {
  tale: ["size"],
  epic: ["phases", "patch", "changespec", "bug_id", "parent_bead"],
  legend: ["epic_count"],
};

function tierOfField(key: string): SddTier | null {
  return SDD_TIERS.find((tier) => TIER_FIELDS[tier].includes(key)) ?? null;
}

function checkKeys(sink: DiagnosticSink, data: Record<string, unknown>, tier: SddTier): void {
  for (const key of Object.keys(data)) {
    if (COMMON_STRINGS.includes(key) || COMMON_OTHER.includes(key)) continue;
    const owner = tierOfField(key);
    if (owner === null) {
      sink.push("warning", "unknown-key", key, `unknown frontmatter field \`${key}\` is ignored`);
    } else if (owner !== tier) {
      sink.push(
        "warning",
        "inert-field",
        key,
        `${owner} field \`${key}\` has no effect on a ${tier}`,
      );
    }
  }
}

function taleSize(sink: DiagnosticSink, data: Record<string, unknown>): string | null {
  if (data.size === undefined || data.size === null) return null;
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

function epicCount(sink: DiagnosticSink, data: Record<string, unknown>): number | null {
  const value = data.epic_count;
  if (value === undefined || value === null) {
    sink.push(
      "error",
      "required-missing",
      "epic_count",
      "required legend field `epic_count` is missing: the number of epics the legend proposes",
    );
    return null;
  }
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    sink.push(
      "error",
      "type-mismatch",
      "epic_count",
      `field \`epic_count\` must be a positive integer, found ${
        typeof value === "number" ? String(value) : typeName(value)
      }`,
    );
    return null;
  }
  return value;
}

interface EpicFields {
  phases: PlanPhase[];
  changespec: string | null;
  bugId: number | null;
  parentBead: string | null;
}

function epicFields(sink: DiagnosticSink, fields: Record<string, unknown>): EpicFields {
  const changespec = stringAt(sink, fields, "patch", "patch", false) ??
    stringAt(sink, fields, "changespec", "changespec", false);
  let bugId: number | null = null;
  if (fields.bug_id !== undefined && fields.bug_id !== null) {
    if (typeof fields.bug_id !== "number" || !Number.isInteger(fields.bug_id)) {
      sink.push(
        "error",
        "type-mismatch",
        "bug_id",
        `field \`bug_id\` must be an integer, found ${typeName(fields.bug_id)}`,
      );
    } else bugId = fields.bug_id;
    if (changespec === null) {
      sink.push("error", "bug-id-without-patch", "bug_id", "`bug_id` requires a non-empty `patch`");
    }
  }
  const parentBead = stringAt(sink, fields, "parent_bead", "parent_bead", false);
  let phases: PlanPhase[] = [];
  if (fields.phases === undefined || fields.phases === null) {
    sink.push(
      "warning",
      "phases-missing",
      "phases",
      "no `phases:` list; approving this plan as an epic needs one to create its phase beads",
    );
  } else phases = checkPhases(sink, fields.phases);
  return { phases, changespec, bugId, parentBead };
}

function checkTier(sink: DiagnosticSink, fields: Record<string, unknown>, tier: SddTier): void {
  const raw = fields.tier;
  if (raw === undefined || raw === null) return;
  const authored = normalizeTier(raw);
  if (authored === null) {
    sink.push(
      "error",
      "tier-invalid",
      "tier",
      `\`tier\` must be one of ${SDD_TIERS.join(", ")}, found \`${
        typeof raw === "string" ? raw : typeName(raw)
      }\``,
    );
  } else if (authored !== tier) {
    sink.push(
      "error",
      "tier-mismatch",
      "tier",
      `authored tier \`${authored}\` does not match requested tier \`${tier}\``,
    );
  }
}

/** The text of the body's first `# ` heading, if any. */
function headingOf(body: string): string | null {
  return /^#[ \t]+(.+?)[ \t#]*$/m.exec(body)?.[1]?.trim() || null;
}

/**
 * Validate a markdown plan against `tier`: `split` is the document, `fields`
 * its frontmatter block as read (null when it has none). Pure.
 */
export function checkPlan(
  split: SplitDocument,
  fields: FrontmatterFields | null,
  tier: SddTier,
  options: ValidatePlanOptions = {},
): PlanValidation {
  let sink = new DiagnosticSink();
  const finish = (plan: ValidatedPlan | null): PlanValidation => ({
    ok: !sink.hasErrors(),
    diagnostics: sink.diagnostics,
    plan: sink.hasErrors() ? null : plan,
  });
  if (split.unclosed) {
    sink.pushAt(
      "error",
      "frontmatter-unclosed",
      "frontmatter is missing its closing `---` marker",
      1,
    );
    return finish(null);
  }
  let data: Record<string, unknown> = {};
  if (fields === null) {
    sink.pushAt(
      "warning",
      "frontmatter-missing",
      `no frontmatter; \`sase plan propose\` adds \`tier: ${tier}\``,
      1,
    );
  } else if (!fields.ok) {
    for (const problem of fields.problems) {
      sink.pushAt("error", "yaml-invalid", problem.message, problem.line);
    }
  } else {
    sink = new DiagnosticSink(fields.lines);
    for (const warning of fields.warnings) {
      sink.pushAt("warning", "duplicate-key", warning.message, warning.line);
    }
    data = fields.data;
  }
  if (split.body.trim() === "") {
    sink.pushAt("error", "body-empty", "plan markdown body must not be empty", null);
  }
  if (sink.hasErrors()) return finish(null);
  checkKeys(sink, data, tier);
  checkTier(sink, data, tier);
  const strings = Object.fromEntries(
    COMMON_STRINGS.map((key) => [key, stringAt(sink, data, key, key, false)]),
  );
  if (strings.parent !== null) {
    sink.push(
      "warning",
      "parent-frontmatter-deprecated",
      "parent",
      "`parent` frontmatter is deprecated; use the Markdown PARENT header bullet",
    );
  }
  const model = modelAt(sink, data, "model");
  const size = tier === "tale" ? taleSize(sink, data) : null;
  const epic = tier === "epic" ? epicFields(sink, data) : null;
  const count = tier === "legend" ? epicCount(sink, data) : null;
  return finish({
    tier,
    title: strings.title ?? headingOf(split.body) ?? options.fallbackTitle ?? "",
    goal: strings.goal ?? "",
    size,
    model,
    phases: epic?.phases ?? [],
    changespec: epic?.changespec ?? null,
    bug_id: epic?.bugId ?? null,
    parent_bead: epic?.parentBead ?? null,
    bead: strings.bead,
    proposed_by: strings.proposed_by,
    parent: strings.parent,
    epic_count: count,
  });
}

/** The tier a frontmatter block declares, if it was read and names one. */
export function declaredTier(fields: FrontmatterFields): SddTier | null {
  return fields.ok ? normalizeTier(fields.data.tier) : null;
}
