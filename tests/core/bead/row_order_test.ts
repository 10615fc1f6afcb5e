/**
 * The row a bead is written as (`issues.jsonl`, `-j`, `issue_created`
 * payloads): the known fields in the projection's order, `tier` and
 * `epic_count` only when set, then the fields this implementation does not
 * model, in their own order, without the empty ones.
 */

import { assertEquals } from "../../_helpers/assert.ts";
import { issueToRow, KNOWN_KEYS, newIssue } from "../../../core/bead/model.ts";

/** The projection's field order, written out (upstream's `IssueWire` serialisation). */
const ORDER = [
  "id",
  "title",
  "status",
  "issue_type",
  "tier",
  "epic_count",
  "parent_id",
  "owner",
  "assignee",
  "created_at",
  "created_by",
  "updated_at",
  "closed_at",
  "close_reason",
  "description",
  "notes",
  "design",
  "model",
  "is_ready_to_work",
  "changespec_name",
  "changespec_bug_id",
  "dependencies",
];

Deno.test("issueToRow: known fields in projection order, tier and epic_count only when set, then extras", () => {
  assertEquals([...KNOWN_KEYS], ORDER);
  const dependency = { issue_id: "p-1", depends_on_id: "p-2", created_at: "t", created_by: "me" };
  const full = newIssue({
    id: "p-1",
    title: "Plan",
    tier: "legend",
    epic_count: 3,
    dependencies: [{ ...dependency }],
    extra: { size: "m", snooze: null, refs: ["a"], gone: undefined, zeta: 0 },
  });
  const row = issueToRow(full);
  assertEquals(Object.keys(row), [...ORDER, "size", "refs", "zeta"]);
  assertEquals(row.dependencies, [dependency]);
  assertEquals([row.tier, row.epic_count, row.refs, row.zeta], ["legend", 3, ["a"], 0]);
  const plain = issueToRow(newIssue({ id: "p-2", title: "Phase", issue_type: "phase" }));
  assertEquals(Object.keys(plain), ORDER.filter((key) => key !== "tier" && key !== "epic_count"));
  const epicOnly = issueToRow(newIssue({ id: "p-3", title: "x", epic_count: 2 }));
  assertEquals(Object.keys(epicOnly), ORDER.filter((key) => key !== "tier"));
  // The row is the bead's own copy: changing it changes no bead.
  (row.dependencies as Array<{ created_by: string }>)[0].created_by = "someone";
  assertEquals(full.dependencies[0].created_by, "me");
});
