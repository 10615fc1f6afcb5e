/**
 * The ready rule, each case pinned independently of the code:
 * every dependency closed, and either status `ready` (the original's triaged
 * tasks, woken snoozes) or status `open` — except a phase of a plan not yet
 * marked ready to work (unless the phase itself is marked).
 */

import { assertEquals } from "../../_helpers/assert.ts";
import { join } from "node:path";
import { rebuildCache } from "../../../core/bead/cache.ts";
import { type Dependency, type Issue, newIssue } from "../../../core/bead/model.ts";
import { blockedIssues, readyIssues } from "../../../core/bead/query.ts";
import { DatabaseSync } from "node:sqlite";

const NOW = Date.parse("2026-06-01T00:00:00Z");

function deps(id: string, ...targets: string[]): Dependency[] {
  return targets.map((target) => ({
    issue_id: id,
    depends_on_id: target,
    created_at: "",
    created_by: "",
  }));
}

function bead(fields: Partial<Issue> & Pick<Issue, "id">): Issue {
  return newIssue({ title: fields.id, ...fields });
}

/** Ready and blocked ids over `issues` read through a real cache. */
async function query(issues: Issue[]): Promise<{ ready: string[]; blocked: string[] }> {
  const dir = await Deno.makeTempDir({ prefix: "sase-bead-ready-" });
  try {
    const path = join(dir, "beads.db");
    rebuildCache(path, {
      source: "events",
      issues: issues.map((issue) => ({ issue, stream: issue.id.split(".")[0] })),
      streams: [],
    });
    const db = new DatabaseSync(path);
    try {
      const read = { db, now: NOW };
      return {
        ready: readyIssues(read).map((issue) => issue.id),
        blocked: blockedIssues(read).map((issue) => issue.id),
      };
    } finally {
      db.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("ready: an open plan or task with every dependency closed (the handbook rule)", async () => {
  const result = await query([
    bead({ id: "p-1", issue_type: "plan", tier: "epic" }),
    bead({ id: "p-2", issue_type: "plan", dependencies: deps("p-2", "p-3") }),
    bead({ id: "p-3", issue_type: "plan", status: "closed" }),
    bead({ id: "p-4", issue_type: "plan", dependencies: deps("p-4", "p-1") }),
    bead({ id: "t-1", issue_type: "task" }),
    bead({ id: "t-2", issue_type: "task", status: "in_progress" }),
  ]);
  assertEquals(result, { ready: ["p-1", "p-2", "t-1"], blocked: ["p-4"] });
});

Deno.test("ready: the original's explicit ready status counts, blocked or not", async () => {
  const result = await query([
    bead({ id: "t-1", issue_type: "task", status: "ready" }),
    bead({ id: "t-2", issue_type: "task", status: "ready", dependencies: deps("t-2", "t-3") }),
    bead({ id: "t-3", issue_type: "task", status: "in_progress" }),
  ]);
  assertEquals(result, { ready: ["t-1"], blocked: ["t-2"] });
});

Deno.test("ready: a plan's is_ready_to_work makes its open phases ready; unmarked, they wait", async () => {
  const phases = (parent: string) => [
    bead({ id: `${parent}.1`, issue_type: "phase", parent_id: parent }),
    bead({
      id: `${parent}.2`,
      issue_type: "phase",
      parent_id: parent,
      dependencies: deps(`${parent}.2`, `${parent}.1`),
    }),
    bead({ id: `${parent}.3`, issue_type: "phase", parent_id: parent, status: "closed" }),
  ];
  const result = await query([
    bead({ id: "e-1", issue_type: "plan", tier: "epic", is_ready_to_work: true, status: "closed" }),
    ...phases("e-1"),
    bead({ id: "e-2", issue_type: "plan", tier: "epic", status: "in_progress" }),
    ...phases("e-2"),
  ]);
  // e-1 is marked: its open unblocked phase is ready. e-2 is not: none of its phases is.
  assertEquals(result.ready, ["e-1.1"]);
  assertEquals(result.blocked, ["e-1.2", "e-2.2"]);
});

Deno.test("ready: a phase marked ready itself, or with no plan above it, follows the handbook rule", async () => {
  const result = await query([
    bead({ id: "e-1", issue_type: "plan", tier: "epic", status: "in_progress" }),
    bead({ id: "e-1.1", issue_type: "phase", parent_id: "e-1", is_ready_to_work: true }),
    bead({ id: "e-1.2", issue_type: "phase", parent_id: "e-1" }),
    bead({ id: "o-1.1", issue_type: "phase", parent_id: "o-1" }), // its plan was removed
  ]);
  assertEquals(result.ready, ["e-1.1", "o-1.1"]);
});

Deno.test("ready: a snooze reads as ready once its time passes, never before", async () => {
  const snoozed = (id: string, until: string) =>
    bead({
      id,
      issue_type: "task",
      status: "snoozed",
      extra: { snooze: { until, snoozed_at: "", snoozed_by: "", reason: "" } },
    });
  const result = await query([
    snoozed("s-1", "2026-05-31T23:59:59Z"),
    snoozed("s-2", "2026-06-01T00:00:00Z"), // exactly now: its time has come
    snoozed("s-3", "2026-06-01T02:00:01+02:00"), // 00:00:01Z: one second to go
    snoozed("s-4", "not a time"),
  ]);
  assertEquals(result.ready, ["s-1", "s-2"]);
});

Deno.test("ready: a dependency on a bead that no longer exists does not block", async () => {
  const result = await query([
    bead({ id: "p-1", issue_type: "plan", dependencies: deps("p-1", "p-9") }),
  ]);
  assertEquals(result, { ready: ["p-1"], blocked: [] });
});
