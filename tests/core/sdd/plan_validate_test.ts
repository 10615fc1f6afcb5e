import { assert, assertEquals } from "../../_helpers/assert.ts";
import { authoredTier, validatePlan } from "../../../core/sdd/plan_validate.ts";

/** The epic of reading guide A17 (upstream plan_validate parity fixture). */
const EPIC_PLAN = `---
tier: epic
title: Workspace GC rewrite
goal: Stale workspaces are collected safely
model: claude/opus
patch: workspace_gc
bug_id: 123
parent_bead: sase-7z.1
bead: sase-88.1
parent: sase/repos/plans/202607/parent.md
phases:
  - id: core
    title: GC planner
    depends_on: []
    size: large
  - id: smoke
    title: Smoke exercise
    depends_on: [core]
    description: Exercise the completed workflow
    size: small
    model: claude/haiku
---
# Plan

Implement the validated workflow.
`;

Deno.test("A17 epic frontmatter validates with the deprecated-parent and description warnings", () => {
  const result = validatePlan(EPIC_PLAN, "epic");
  assertEquals(result.schema_version, 3);
  assertEquals(result.ok, true);
  assertEquals(result.diagnostics.map((d) => [d.severity, d.code, d.field_path, d.line]), [
    ["warning", "parent-frontmatter-deprecated", "parent", 10],
    ["warning", "phase-description-missing", "phases[0].description", 12],
  ]);
  assertEquals(result.plan?.changespec, "workspace_gc");
  assertEquals(result.plan?.bug_id, 123);
  assertEquals(result.plan?.phases.map((p) => [p.id, p.depends_on, p.size, p.model]), [
    ["core", [], "large", null],
    ["smoke", ["core"], "small", "claude/haiku"],
  ]);
});

Deno.test("tale without size, unknown field and bad YAML are errors with codes", () => {
  const tale = "---\ntier: tale\ntitle: T\ngoal: G\nflavour: x\n---\n# Plan\nDo it.\n";
  const result = validatePlan(tale, "tale");
  assertEquals(result.ok, false);
  assertEquals(result.plan, null);
  assertEquals(result.diagnostics.map((d) => [d.code, d.line]), [
    ["unknown-key", 5],
    ["tale-size-missing", 1],
  ]);
  const broken = validatePlan("---\ntier: [tale\n---\n# Plan\nx\n", "tale");
  assertEquals(broken.diagnostics.map((d) => d.code), ["yaml-invalid"]);
  assert(broken.diagnostics[0].line !== null && broken.diagnostics[0].line >= 2);
});

Deno.test("phase dependencies: self, unknown and forward references", () => {
  const epic = `---
tier: epic
title: T
goal: G
phases:
  - id: a
    title: A
    depends_on: [a, ghost, b]
    description: a
    size: small
  - id: b
    title: B
    depends_on: []
    description: b
    size: small
---
# Plan
x
`;
  const result = validatePlan(epic, "epic");
  assertEquals(result.diagnostics.map((d) => [d.code, d.field_path, d.line]), [
    ["dep-self", "phases[0].depends_on[0]", 8],
    ["dep-unknown", "phases[0].depends_on[1]", 8],
    ["dep-forward", "phases[0].depends_on[2]", 8],
  ]);
  assertEquals(result.diagnostics[1].message, "dependency `ghost` does not name a phase");
});

Deno.test("missing frontmatter, tier mismatch and legend epic_count", () => {
  assertEquals(validatePlan("# Plan\n", "tale").diagnostics.map((d) => d.code), [
    "frontmatter-missing",
  ]);
  const tale = "---\ntier: tale\ntitle: T\ngoal: G\nsize: small\n---\nbody\n";
  assertEquals(validatePlan(tale, "epic").diagnostics.map((d) => d.code), [
    "unknown-key",
    "tier-mismatch",
    "required-missing",
  ]);
  const legend = "---\ntier: legend\ntitle: L\ngoal: G\nepic_count: 0\n---\nbody\n";
  assertEquals(validatePlan(legend, "legend").diagnostics.map((d) => d.code), ["type-mismatch"]);
  assertEquals(authoredTier(legend), "legend");
  assertEquals(authoredTier("# no frontmatter"), null);
});
