/**
 * Acceptance: a store written the way the original writes it
 * (`tests/fixtures/bead/original_store/`, modelled on the public
 * `sase-org/sase` store: full-field `issue_updated` events with `null` for
 * unchanged fields, repeated closes, snoozes, `ready` tasks and one event
 * with fields of the wrong type) reads as the rows written out below.
 */

import { assert, assertEquals } from "../../_helpers/assert.ts";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { loadStore, regenerateMirrors } from "../../../core/bead/store.ts";
import { openView } from "../../../core/bead/view.ts";
import { allIssues, beadStats, readyIssues } from "../../../core/bead/query.ts";
import { issueToRow } from "../../../core/bead/model.ts";
import { parseProjection } from "../../../core/bead/projection.ts";
import { fixStore, runDoctor } from "../../../core/bead/doctor.ts";

const FIXTURE = fileURLToPath(new URL("../../fixtures/bead/original_store/", import.meta.url));
/** A read on this day: orig-3's snooze (until 2026-05-18) has passed, orig-4's (2999) has not. */
const NOW = Date.parse("2026-06-01T00:00:00Z");
const OWNER = "owner@example.com";

/** A fresh copy of the fixture store (tests never touch the fixture itself). */
async function copyFixture(): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "sase-bead-original-" });
  const dir = join(root, "beads");
  const copy = async (from: string, to: string) => {
    await Deno.mkdir(to, { recursive: true });
    for await (const entry of Deno.readDir(from)) {
      if (entry.isDirectory) await copy(join(from, entry.name), join(to, entry.name));
      else await Deno.copyFile(join(from, entry.name), join(to, entry.name));
    }
  };
  await copy(FIXTURE, dir);
  return dir;
}

function row(fields: Record<string, unknown>): Record<string, unknown> {
  const created = fields.created_at as string;
  return {
    id: fields.id,
    title: fields.title,
    status: fields.status ?? "open",
    issue_type: fields.issue_type,
    ...(fields.tier ? { tier: fields.tier } : {}),
    parent_id: fields.parent_id ?? null,
    owner: OWNER,
    assignee: "",
    created_at: created,
    created_by: OWNER,
    updated_at: fields.updated_at ?? created,
    closed_at: fields.closed_at ?? null,
    close_reason: fields.close_reason ?? null,
    description: fields.description ?? "",
    notes: fields.notes ?? "",
    design: fields.design ?? "",
    model: fields.model ?? "",
    is_ready_to_work: fields.is_ready_to_work ?? false,
    changespec_name: "",
    changespec_bug_id: "",
    dependencies: fields.dependencies ?? [],
    ...(fields.extra as Record<string, unknown> ?? {}),
  };
}

const dep = (issue: string, on: string, at: string) => ({
  issue_id: issue,
  depends_on_id: on,
  created_at: at,
  created_by: OWNER,
});

/** The rows the events mean, written out by hand from the fixture's events. */
const EXPECTED = [
  row({
    id: "orig-1",
    title: "Fast Agents Tab Disk Loading Plan",
    issue_type: "plan",
    tier: "epic",
    created_at: "2026-05-16T13:48:21Z",
    updated_at: "2026-05-16T13:51:00Z", // ready_marked
    design: "sdd/epics/202605/fast_agents_tab.md",
    is_ready_to_work: true,
  }),
  // in_progress, updated to closed (no close time), closed, updated to closed, closed again,
  // then a notes-only update: every null field kept, the last close's time wins.
  row({
    id: "orig-1.1",
    title: "Phase 1 - Measurement",
    status: "closed",
    issue_type: "phase",
    parent_id: "orig-1",
    created_at: "2026-05-16T13:48:46Z",
    updated_at: "2026-05-16T14:13:42Z",
    closed_at: "2026-05-16T14:13:25Z",
    notes: "COMMIT: 8481d27fb",
  }),
  row({
    id: "orig-1.2",
    title: "Phase 2 - Rust Index Query",
    status: "closed",
    issue_type: "phase",
    parent_id: "orig-1",
    created_at: "2026-05-16T13:48:58Z",
    updated_at: "2026-05-16T14:34:28Z",
    closed_at: "2026-05-16T14:34:09Z",
    close_reason: "done",
    notes: "COMMIT: 821e18ce9",
    dependencies: [dep("orig-1.2", "orig-1.1", "2026-05-16T13:50:01Z")],
  }),
  row({
    id: "orig-1.3",
    title: "Phase 3 - Loader",
    issue_type: "phase",
    parent_id: "orig-1",
    created_at: "2026-05-16T13:49:12Z",
    dependencies: [dep("orig-1.3", "orig-1.2", "2026-05-16T13:50:09Z")],
  }),
  row({
    id: "orig-2",
    title: "Flaky watcher test",
    status: "ready",
    issue_type: "task",
    created_at: "2026-05-17T09:00:00Z",
    extra: { size: "s" },
  }),
  row({
    id: "orig-3",
    title: "Upgrade the parser",
    status: "snoozed",
    issue_type: "task",
    created_at: "2026-05-17T09:10:00Z",
    updated_at: "2026-05-17T09:11:00Z",
    extra: {
      snooze: {
        until: "2026-05-18T09:00:00+02:00",
        snoozed_at: "2026-05-17T09:11:00Z",
        snoozed_by: OWNER,
        reason: "waiting on upstream",
      },
    },
  }),
  row({
    id: "orig-4",
    title: "Revisit caching",
    status: "snoozed",
    issue_type: "task",
    created_at: "2026-05-17T09:20:00Z",
    updated_at: "2026-05-17T09:21:00Z",
    extra: {
      snooze: {
        until: "2999-01-01T00:00:00Z",
        snoozed_at: "2026-05-17T09:21:00Z",
        snoozed_by: OWNER,
        reason: "",
      },
    },
  }),
  row({
    id: "orig-5",
    title: "Woken task",
    status: "ready",
    issue_type: "task",
    created_at: "2026-05-17T09:30:00Z",
    updated_at: "2026-05-17T09:40:00Z",
  }),
  // model set to "" clears it; the bad event's title (7) and dependencies ("orig-1") are
  // skipped, its notes apply; the all-null update only stamps updated_at.
  row({
    id: "orig-6",
    title: "Docs plan",
    issue_type: "plan",
    tier: "plan",
    created_at: "2026-05-17T10:00:00Z",
    updated_at: "2026-05-17T10:08:00Z",
    description: "Write the docs",
    notes: "kept despite the bad field",
    design: "sdd/tales/202605/docs.md",
    model: "",
  }),
];

Deno.test("original store: replays to the rows the events mean", async () => {
  const dir = await copyFixture();
  try {
    const store = await loadStore(dir);
    assertEquals(store.issues.map(issueToRow), EXPECTED);
    assertEquals(store.redundantCloses, 2);
    // The one bad event: both wrong fields are reported with file and line, nothing else.
    assertEquals(
      store.problems.map((
        problem,
      ) => [problem.file.split("/").at(-1), problem.line, problem.partial]),
      [["orig-6.jsonl", 4, true], ["orig-6.jsonl", 4, true]],
    );
    assertEquals(store.problems.map((problem) => problem.message).sort(), [
      "issue_updated orig-6: field 'dependencies': set only when the bead is created; skipped",
      "issue_updated orig-6: field 'title': expected a string, got a number; skipped",
    ]);
    const report = await runDoctor(dir, { git: false });
    assertEquals(
      report.findings.filter((finding) => finding.code === "invalid_field").length,
      2,
      report.messages.join("\n"),
    );
  } finally {
    await Deno.remove(join(dir, ".."), { recursive: true });
  }
});

Deno.test("original store: reads apply the clock to snoozes; ready and stats follow the rules", async () => {
  const dir = await copyFixture();
  try {
    const view = await openView(dir, { now: NOW });
    try {
      const all = allIssues(view);
      const status = Object.fromEntries(all.map((issue) => [issue.id, issue.status]));
      assertEquals(status, {
        "orig-1": "open",
        "orig-1.1": "closed",
        "orig-1.2": "closed",
        "orig-1.3": "open",
        "orig-2": "ready",
        "orig-3": "ready", // snoozed until 2026-05-18T09:00+02:00: that time has passed
        "orig-4": "snoozed",
        "orig-5": "ready",
        "orig-6": "open",
      });
      assertEquals(readyIssues(view).map((issue) => issue.id), [
        "orig-1", // open plan, no dependency
        "orig-1.3", // open phase, its dependency closed, its epic marked ready to work
        "orig-2", // the original's explicit ready task
        "orig-3", // its snooze ended
        "orig-5", // woken
        "orig-6",
      ]);
      const stats = beadStats(all);
      assertEquals(stats, {
        total: 9,
        open: 3,
        claimed: 0,
        inProgress: 0,
        ready: 3,
        snoozed: 1,
        closed: 2,
        otherStatus: 0,
        plan: 2,
        phase: 3,
        task: 4,
        epic: 1,
        legend: 0,
      });
    } finally {
      view.close();
    }
    // Before orig-3's wake time it is still snoozed, and not offered as work.
    const early = await openView(dir, { now: Date.parse("2026-05-18T06:59:59Z") });
    try {
      assertEquals(allIssues(early).find((issue) => issue.id === "orig-3")?.status, "snoozed");
      assert(!readyIssues(early).some((issue) => issue.id === "orig-3"));
    } finally {
      early.close();
    }
  } finally {
    await Deno.remove(join(dir, ".."), { recursive: true });
  }
});

Deno.test("original store: replay -> sync -> replay gives identical rows and a faithful issues.jsonl", async () => {
  const dir = await copyFixture();
  try {
    const written = await Deno.readTextFile(join(dir, "issues.jsonl"));
    const first = (await loadStore(dir)).issues.map(issueToRow);
    const { keptProjection } = await regenerateMirrors(dir);
    assertEquals(keptProjection, undefined);
    const again = (await loadStore(dir)).issues.map(issueToRow);
    assertEquals(again, first);
    // The regenerated projection holds every status and title the events do.
    const text = await Deno.readTextFile(join(dir, "issues.jsonl"));
    const projection = parseProjection(text);
    assertEquals(projection.problems, []);
    assertEquals(projection.issues.map(issueToRow), EXPECTED);
    // The store's correct issues.jsonl comes back byte for byte.
    assertEquals(text, written);
    // doctor --fix (nothing to repair here) keeps every row and every stream too.
    const streams = await Deno.readTextFile(join(dir, "events", "streams", "orig-6.jsonl"));
    const fixed = await fixStore(dir);
    assertEquals([fixed.relocations, fixed.removedTornLines, fixed.keptProjection], [
      [],
      0,
      undefined,
    ]);
    assertEquals((await loadStore(dir)).issues.map(issueToRow), first);
    assertEquals(await Deno.readTextFile(join(dir, "issues.jsonl")), written);
    assertEquals(
      await Deno.readTextFile(join(dir, "events", "streams", "orig-6.jsonl")),
      streams,
    );
  } finally {
    await Deno.remove(join(dir, ".."), { recursive: true });
  }
});

Deno.test("original store: an in-place append by another process is seen by the next read", async () => {
  const dir = await copyFixture();
  try {
    const before = await openView(dir, { now: NOW });
    assertEquals(
      allIssues(before).find((issue) => issue.id === "orig-1.3")?.title,
      "Phase 3 - Loader",
    );
    before.close();
    // Another writer (the original, another clone's checkout) appends in place,
    // without sase's lock and without touching anything but the stream.
    const line = JSON.stringify({
      schema_version: 1,
      event_id: "orig-1:000017:issue_updated:orig-1.3",
      timestamp: "2026-05-16T15:00:00Z",
      actor: OWNER,
      operation: "issue_updated",
      issue_id: "orig-1.3",
      payload: {
        kind: "issue_updated",
        fields: { title: "Phase 3 - Renamed elsewhere", status: null },
      },
    });
    const writer = await new Deno.Command(Deno.execPath(), {
      args: [
        "eval",
        "Deno.writeTextFileSync(Deno.args[0], Deno.args[1] + '\\n', { append: true })",
        join(dir, "events", "streams", "orig-1.jsonl"),
        line,
      ],
      env: { DENO_NO_UPDATE_CHECK: "1" },
    }).output();
    assert(writer.success, new TextDecoder().decode(writer.stderr));
    const after = await openView(dir, { now: NOW });
    try {
      assert(after.replayed.includes("orig-1"), "the cache noticed the append");
      assert(!after.rebuilt, "and replayed only what it can reach");
      const phase = allIssues(after).find((issue) => issue.id === "orig-1.3");
      assertEquals([phase?.title, phase?.status], ["Phase 3 - Renamed elsewhere", "open"]);
    } finally {
      after.close();
    }
  } finally {
    await Deno.remove(join(dir, ".."), { recursive: true });
  }
});
