/**
 * Plan frontmatter read without the YAML parser (the flat block most plans
 * carry, what `sase plan propose` reads on its hot path) must give exactly
 * what the parser gives: the same fields, the same line of each field, and
 * so the same diagnostics for every tier. Anything else is left to the
 * parser.
 */

import { assertEquals } from "../../_helpers/assert.ts";
import {
  fenceFrontmatter,
  flatFrontmatterFields,
  splitFrontmatter,
} from "../../../core/sdd/frontmatter_text.ts";
import { setFrontmatterFields } from "../../../core/sdd/frontmatter.ts";
import { planFields, yamlPlanFields } from "../../../core/sdd/plan_validate.ts";
import { checkPlan, declaredTier } from "../../../core/sdd/plan_rules.ts";
import { SDD_TIERS } from "../../../core/sdd/layout.ts";

/** Flat blocks: plain keys and plain scalars, valid and invalid plans alike. */
const FLAT_BLOCKS = [
  "",
  "tier: tale\n",
  "tier: tale\ntitle: Tokenize string escapes\ngoal: The parser accepts every escape\nsize: small\n",
  "title: No tier here\n\ngoal: a blank line above\n",
  "tier: Epic\ntitle: Billing\npatch: billing_api\n",
  "tier: legend\nepic_count:\n",
  "tier: tale\nsize: large\nmodel: a b\n",
  "tier: tale\nsize: huge\nstatus: wip\nmystery: field\nphases:\n",
  "tier: story\ntitle: Unknown tier\n",
  "tier: tale\ntitle:\ngoal: ~\nsize: null\n",
  "title: true\ngoal: false\n",
  "proposed_by: agent-7\nbead: sase-12.1\nparent: plans/parent.md\n",
  "create_time: 2026-05-01 12:00:00\ntitle: A date-like string stays a string\n",
];

Deno.test("a flat block reads the same fields and field lines without the parser as with it", () => {
  for (const yaml of FLAT_BLOCKS) {
    const flat = flatFrontmatterFields(yaml);
    assertEquals(flat === undefined, false, `flat reader declined: ${JSON.stringify(yaml)}`);
    assertEquals(flat, yamlPlanFields(yaml), JSON.stringify(yaml));
    assertEquals(planFields(yaml), yamlPlanFields(yaml), JSON.stringify(yaml));
  }
});

Deno.test("checkPlan answers the same for a flat block read either way, in every tier", () => {
  for (const yaml of FLAT_BLOCKS) {
    for (const body of ["# Plan\n\nDo it.\n", "\n"]) {
      const split = splitFrontmatter(`---\n${yaml}---\n${body}`);
      for (const tier of SDD_TIERS) {
        const options = { fallbackTitle: "file_name" };
        assertEquals(
          checkPlan(split, flatFrontmatterFields(yaml)!, tier, options),
          checkPlan(split, yamlPlanFields(yaml), tier, options),
          `${JSON.stringify(yaml)} as ${tier}`,
        );
      }
      assertEquals(
        declaredTier(flatFrontmatterFields(yaml)!),
        declaredTier(yamlPlanFields(yaml)),
      );
    }
  }
});

Deno.test("blocks the flat reader declines are read by the parser, lines of phases included", () => {
  const declined = [
    "tier: epic\nphases:\n  - id: api\n    title: API\n",
    "tier: tale # a comment\n",
    'title: "quoted"\n',
    "tier: tale\ntier: tale\n",
    "tier: tale\r\n",
    "size: 3\n",
    "- a\n- b\n",
    "tier: [tale\n",
  ];
  for (const yaml of declined) {
    assertEquals(flatFrontmatterFields(yaml), undefined, JSON.stringify(yaml));
    assertEquals(planFields(yaml), yamlPlanFields(yaml), JSON.stringify(yaml));
  }
  const epic = planFields(declined[0]);
  assertEquals(epic.ok && [...epic.lines], [
    ["tier", 2],
    ["phases", 3],
    ["phases[0]", 4],
    ["phases[0].id", 4],
    ["phases[0].title", 5],
  ]);
  // The duplicate is a warning on its line; the last value wins.
  const duplicate = planFields(declined[3]);
  assertEquals(duplicate.ok && duplicate.warnings, [
    { message: "duplicate key: the last value wins", line: 3 },
  ]);
  assertEquals(planFields(declined[6]).ok, false);
});

Deno.test("a document without frontmatter gains the same tier block fenced by hand as by the YAML editor", () => {
  const bodies = [
    "# Plan\n\nDo it.\n",
    "# Plan\r\n\r\nDo it.\r\n",
    "\uFEFF# Plan\n",
    "",
    "no newline",
  ];
  for (const body of bodies) {
    const split = splitFrontmatter(body);
    assertEquals(split.yaml, null);
    for (const tier of SDD_TIERS) {
      assertEquals(
        fenceFrontmatter(split, `tier: ${tier}\n`),
        setFrontmatterFields(body, { tier }),
        `${JSON.stringify(body)} as ${tier}`,
      );
    }
  }
  // Written out: the block in the document's own line endings, its byte order mark first.
  assertEquals(
    fenceFrontmatter(splitFrontmatter("\uFEFF# Plan\r\nx\r\n"), "tier: epic\n"),
    "\uFEFF---\r\ntier: epic\r\n---\r\n# Plan\r\nx\r\n",
  );
});
