import { assertEquals } from "../../_helpers/assert.ts";
import { type Issue, newIssue } from "../../../core/bead/model.ts";
import { beadStats } from "../../../core/bead/query.ts";
import { beadStatsWire } from "../../../core/bead/wire.ts";

function bead(fields: Partial<Issue> & Pick<Issue, "id">): Issue {
  return newIssue({ title: fields.id, ...fields });
}

Deno.test("bead stats count the six known statuses; anything else, even `constructor`, is other", () => {
  const stats = beadStats([
    bead({ id: "a-1", issue_type: "plan", tier: "epic", status: "in_progress" }),
    bead({ id: "a-2", issue_type: "plan", tier: "legend", status: "open" }),
    bead({ id: "a-1.1", issue_type: "phase", status: "claimed" }),
    bead({ id: "a-1.2", issue_type: "phase", status: "ready" }),
    bead({ id: "t-1", issue_type: "task", status: "snoozed" }),
    bead({ id: "t-2", issue_type: "task", status: "closed" }),
    bead({ id: "t-3", issue_type: "task", status: "constructor" }),
    bead({ id: "t-4", issue_type: "task", status: "" }),
  ]);
  // On the wire, in the order `sase bead stats -j` has always printed them.
  assertEquals(
    JSON.stringify(beadStatsWire(stats)),
    '{"total":8,"open":1,"claimed":1,"in_progress":1,"ready":1,"snoozed":1,"closed":1,' +
      '"other_status":2,"plan":2,"phase":2,"task":4,"epic":1,"legend":1}',
  );
});
