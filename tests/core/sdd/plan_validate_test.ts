/**
 * The plan validator, rule by rule: what each field accepts and refuses,
 * with the expected codes written out here (never read from the code under
 * test), and real plan shapes written by the original, which must pass.
 */

import { assertEquals } from "../../_helpers/assert.ts";
import { authoredTier, validatePlan } from "../../../core/sdd/plan_validate.ts";
import { planCheckWire } from "../../../core/sdd/wire.ts";
import type { SddTier } from "../../../core/sdd/layout.ts";

/** `[severity, code, fieldPath, line]` of every diagnostic. */
function diagnostics(content: string, tier: SddTier) {
  return validatePlan(content, tier).diagnostics.map((d) => [
    d.severity,
    d.code,
    d.fieldPath,
    d.line,
  ]);
}

/** Only the codes, for rules where lines are not the point. */
function codes(content: string, tier: SddTier): string[] {
  return validatePlan(content, tier).diagnostics.map((d) => d.code);
}

function doc(frontmatter: string, body = "# Plan\n\nDo it.\n"): string {
  return `---\n${frontmatter}---\n${body}`;
}

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
  // The wire form carries the validation schema version the handbook gives.
  assertEquals(planCheckWire({ path: "p.md", tier: "epic", validation: result }).schema_version, 3);
  assertEquals(result.ok, true);
  assertEquals(diagnostics(EPIC_PLAN, "epic"), [
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

Deno.test("plans the original wrote validate: no goal, title or size is required", () => {
  // sdd/plans/202604/*.md and sdd/tales/: create_time and status only.
  const oldTale = doc(
    "create_time: 2026-04-13 23:57:37\nstatus: done\n",
    "\n# Plan: Improve Axe Memory\n\n## Goal\n\nRewrite it.\n",
  );
  assertEquals(diagnostics(oldTale, "tale"), []);
  assertEquals(validatePlan(oldTale, "tale").plan?.title, "Plan: Improve Axe Memory");
  // sdd/epics/: phases live in the body; the validator says approval needs `phases:`.
  const epic = doc(
    "create_time: 2026-03-21 17:53:35\nstatus: done\nbead_id: sase-7\nprompt: sdd/prompts/202603/mentor_redesign.md\n",
    "# Mentor Redesign\n\n## Phase 1: Config\n",
  );
  assertEquals(diagnostics(epic, "epic"), [["warning", "phases-missing", "phases", 1]]);
  assertEquals(validatePlan(epic, "epic").ok, true);
  // sdd/legends/: legend_bead_id, tier and epic_count written by bead creation.
  const legend = doc(
    "create_time: 2026-05-05 08:26:17\nstatus: wip\nprompt: sdd/prompts/202605/unified.md\nlegend_bead_id: sase-23\ntier: legend\nepic_count: 6\n",
  );
  assertEquals(diagnostics(legend, "legend"), []);
  assertEquals(validatePlan(legend, "legend").plan?.epic_count, 6);
  // The newer plans/<YYYYMM>/ layout with `tier:` and a nested prompt path.
  const newer = doc(
    "create_time: 2026-07-02 10:00:44\nstatus: done\nprompt: sdd/plans/202607/prompts/daemon_only_run.md\ntier: tale\n",
  );
  assertEquals(diagnostics(newer, "tale"), []);
  // Later authored tales carry title/goal/bead/size and fields we do not know: warnings only.
  const later = doc(
    "tier: tale\ntitle: Keymap help overlay\ngoal: Pressing ? shows bindings.\nbead: sase-8m.1\nsize: small\ndecisions:\n  grouping:\n    ask: How?\n",
  );
  assertEquals(diagnostics(later, "tale"), [
    ["warning", "unknown-key", "decisions", 7],
  ]);
  // A plain Markdown plan, as /sase_plan asks agents to write.
  assertEquals(diagnostics("# Plan\n\nSteps.\n", "tale"), [
    ["warning", "frontmatter-missing", "", 1],
  ]);
  assertEquals(validatePlan("# Plan\n\nSteps.\n", "tale").plan?.title, "Plan");
});

Deno.test("every problem is reported at once", () => {
  const bad = doc(
    "tier: story\ntitle: 7\nsize: huge\nmodel: claude opus\nstatus: [wip]\nflavour: x\n",
  );
  assertEquals(diagnostics(bad, "tale"), [
    ["warning", "unknown-key", "flavour", 7],
    ["error", "tier-invalid", "tier", 2],
    ["error", "type-mismatch", "title", 3],
    ["error", "type-mismatch", "status", 6],
    ["error", "model-invalid", "model", 5],
    ["error", "tale-size-invalid", "size", 4],
  ]);
  assertEquals(validatePlan(bad, "tale").plan, null);
  // YAML errors: every one, plus an empty body.
  assertEquals(diagnostics("---\na: [x\nb: {\n---\n", "tale"), [
    ["error", "yaml-invalid", "", 3],
    ["error", "yaml-invalid", "", 4],
    ["error", "body-empty", "", null],
  ]);
});

Deno.test("tier: tale, epic and legend in any case; other values and mismatches are refused", () => {
  for (const tier of ["tale", "epic", "legend"] as const) {
    const extra = tier === "legend" ? "epic_count: 2\n" : "";
    assertEquals(codes(doc(`tier: ${tier}\n${extra}`), tier).includes("tier-invalid"), false);
  }
  assertEquals(codes(doc("tier: Tale\n"), "tale"), []);
  assertEquals(codes(doc("tier: story\n"), "tale"), ["tier-invalid"]);
  assertEquals(codes(doc("tier: plan\n"), "tale"), ["tier-invalid"]);
  assertEquals(codes(doc("tier: 3\n"), "tale"), ["tier-invalid"]);
  assertEquals(codes(doc("tier: [tale]\n"), "tale"), ["tier-invalid"]);
  assertEquals(codes(doc("tier: epic\n"), "tale"), ["tier-mismatch"]);
  assertEquals(
    validatePlan(doc("tier: story\n"), "tale").diagnostics[0].message,
    "`tier` must be one of tale, epic, legend, found `story`",
  );
  assertEquals(authoredTier(doc("tier: Legend\n")), "legend");
  assertEquals(authoredTier(doc("tier: story\n")), null);
  assertEquals(authoredTier("# no frontmatter"), null);
});

Deno.test("tale size: xsmall, small, medium or absent; bigger sizes point at an epic", () => {
  for (const size of ["xsmall", "small", "medium"]) {
    assertEquals(validatePlan(doc(`size: ${size}\n`), "tale").plan?.size, size);
  }
  assertEquals(validatePlan(doc(""), "tale").plan?.size, null);
  for (const size of ["large", "xlarge"]) {
    const [diagnostic] = validatePlan(doc(`size: ${size}\n`), "tale").diagnostics;
    assertEquals(
      diagnostic.message,
      `tale \`size\` must be \`xsmall\`, \`small\`, or \`medium\`, found \`${size}\`; \`large\` or \`xlarge\` work belongs in an epic plan`,
    );
  }
  for (const size of ["tiny", "Small", "3"]) {
    assertEquals(codes(doc(`size: ${size}\n`), "tale"), ["tale-size-invalid"]);
  }
});

Deno.test("legend epic_count: a positive integer is required", () => {
  for (const count of [1, 7]) {
    assertEquals(validatePlan(doc(`epic_count: ${count}\n`), "legend").plan?.epic_count, count);
  }
  for (const count of ["0", "-1", "1.5", '"3"', "true", "[2]"]) {
    assertEquals(codes(doc(`epic_count: ${count}\n`), "legend"), ["type-mismatch"]);
  }
  assertEquals(diagnostics(doc("tier: legend\n"), "legend"), [
    ["error", "required-missing", "epic_count", 1],
  ]);
});

const PHASE = "    title: T\n    description: d\n";

function epic(phases: string): string {
  return doc(`tier: epic\nphases:\n${phases}`);
}

Deno.test("phases: a non-empty list of mappings with unique slug ids and titles", () => {
  assertEquals(codes(doc("tier: epic\nphases: {a: 1}\n"), "epic"), ["type-mismatch"]);
  assertEquals(codes(doc("tier: epic\nphases: first\n"), "epic"), ["type-mismatch"]);
  assertEquals(codes(doc("tier: epic\nphases: []\n"), "epic"), ["phases-empty"]);
  assertEquals(codes(epic("  - just a string\n"), "epic"), ["phase-type-mismatch"]);
  for (const id of ["a", "a-1", "b_2", "phase3"]) {
    assertEquals(codes(epic(`  - id: ${id}\n${PHASE}`), "epic"), [], id);
  }
  for (const id of ["Upper", "'a b'", "-a", "a-", "a--b", "'é'"]) {
    assertEquals(codes(epic(`  - id: ${id}\n${PHASE}`), "epic"), ["phase-id-invalid"], id);
  }
  assertEquals(codes(epic(`  - ${PHASE.trimStart()}`), "epic"), ["required-missing"]);
  assertEquals(diagnostics(epic(`  - id: a\n${PHASE}  - id: a\n${PHASE}`), "epic"), [
    ["error", "phase-id-duplicate", "phases[1].id", 7],
  ]);
  assertEquals(diagnostics(epic("  - id: a\n    description: d\n"), "epic"), [
    ["error", "required-missing", "phases[0].title", 4],
  ]);
  assertEquals(diagnostics(epic(`  - id: a\n${PHASE}    owner: me\n`), "epic"), [
    ["warning", "unknown-key", "phases[0].owner", 7],
  ]);
  assertEquals(diagnostics(epic("  - id: a\n    title: T\n"), "epic"), [
    ["warning", "phase-description-missing", "phases[0].description", 4],
  ]);
});

Deno.test("depends_on: optional; earlier phases only, each once, never itself", () => {
  const three = (deps: string) =>
    epic(`  - id: a\n${PHASE}  - id: b\n${PHASE}    depends_on: ${deps}\n  - id: c\n${PHASE}`);
  assertEquals(validatePlan(three("[a]"), "epic").plan?.phases[1].depends_on, ["a"]);
  assertEquals(validatePlan(three("[]"), "epic").plan?.phases[1].depends_on, []);
  assertEquals(validatePlan(three("null"), "epic").plan?.phases[1].depends_on, []);
  assertEquals(validatePlan(epic(`  - id: a\n${PHASE}`), "epic").plan?.phases[0].depends_on, []);
  assertEquals(codes(three("a"), "epic"), ["type-mismatch"]);
  assertEquals(codes(three("[7]"), "epic"), ["type-mismatch"]);
  assertEquals(codes(three("['']"), "epic"), ["type-mismatch"]);
  assertEquals(codes(three("[a, a]"), "epic"), ["dep-duplicate"]);
  assertEquals(codes(three("[b]"), "epic"), ["dep-self"]);
  assertEquals(codes(three("[ghost]"), "epic"), ["dep-unknown"]);
  assertEquals(codes(three("[c]"), "epic"), ["dep-forward"]);
  assertEquals(diagnostics(three("[b, ghost, c]"), "epic"), [
    ["error", "dep-self", "phases[1].depends_on[0]", 10],
    ["error", "dep-unknown", "phases[1].depends_on[1]", 10],
    ["error", "dep-forward", "phases[1].depends_on[2]", 10],
  ]);
  assertEquals(
    validatePlan(three("[ghost]"), "epic").diagnostics[0].message,
    "dependency `ghost` does not name a phase",
  );
});

Deno.test("phase size: optional, one of the five sizes exactly", () => {
  for (const size of ["xsmall", "small", "medium", "large", "xlarge"]) {
    assertEquals(
      validatePlan(epic(`  - id: a\n${PHASE}    size: ${size}\n`), "epic").plan?.phases[0].size,
      size,
    );
  }
  assertEquals(validatePlan(epic(`  - id: a\n${PHASE}`), "epic").plan?.phases[0].size, null);
  for (const size of ["huge", "Large", "2"]) {
    assertEquals(codes(epic(`  - id: a\n${PHASE}    size: ${size}\n`), "epic"), [
      "phase-size-invalid",
    ]);
  }
});

Deno.test("model, patch and bug_id; unknown and other-tier fields are warnings", () => {
  assertEquals(validatePlan(doc("model: codex/gpt-5.5\n"), "tale").plan?.model, "codex/gpt-5.5");
  assertEquals(codes(doc("model: claude opus\n"), "tale"), ["model-invalid"]);
  assertEquals(codes(doc("model: 5\n"), "tale"), ["type-mismatch"]);
  const phases = `phases:\n  - id: a\n${PHASE}`;
  assertEquals(validatePlan(doc(`patch: p\nbug_id: 9\n${phases}`), "epic").plan?.bug_id, 9);
  assertEquals(codes(doc(`bug_id: 9\n${phases}`), "epic"), ["bug-id-without-patch"]);
  assertEquals(codes(doc(`patch: p\nbug_id: B-9\n${phases}`), "epic"), ["type-mismatch"]);
  assertEquals(diagnostics(doc("phases: []\nepic_count: 2\n"), "tale"), [
    ["warning", "inert-field", "phases", 2],
    ["warning", "inert-field", "epic_count", 3],
  ]);
  assertEquals(codes(doc("size: small\nepic_count: 2\n"), "legend"), ["inert-field"]);
});

Deno.test("frontmatter shape: unclosed fence, non-mapping, duplicate keys, empty body", () => {
  assertEquals(diagnostics("---\ntier: tale\n# Plan\n", "tale"), [
    ["error", "frontmatter-unclosed", "", 1],
  ]);
  assertEquals(diagnostics(doc("- a\n- b\n"), "tale"), [["error", "yaml-invalid", "", 2]]);
  assertEquals(diagnostics(doc("tier: tale\ntier: tale\n"), "tale"), [
    ["warning", "duplicate-key", "", 3],
  ]);
  assertEquals(diagnostics(doc("tier: tale\n", "\n  \n"), "tale"), [
    ["error", "body-empty", "", null],
  ]);
});

Deno.test("title: frontmatter, else the first heading, else the file name", () => {
  assertEquals(validatePlan(doc("title: From field\n"), "tale").plan?.title, "From field");
  assertEquals(
    validatePlan(doc("", "intro\n\n# From heading #\n"), "tale").plan?.title,
    "From heading",
  );
  assertEquals(
    validatePlan(doc("", "no heading\n"), "tale", { fallbackTitle: "parser_plan" }).plan?.title,
    "parser_plan",
  );
});
