/**
 * The read paths that answer from what `beads.db` keeps instead of
 * evaluating every bead: readiness kept per bead (`readiness.ts`), rows
 * joined and printed by SQLite (`row_reads.ts`), a detail read bead by bead,
 * and the cache check that compares numbers it verified before
 * (`current.ts`). Each answer is compared with one worked out here from a
 * full replay (no cache) and the rules written out below.
 */

import { assert, assertEquals } from "../../_helpers/assert.ts";
import { DatabaseSync } from "node:sqlite";
import { buildEvent, type EventDraft } from "../../../core/bead/event.ts";
import { type Issue, issueToRow, newIssue } from "../../../core/bead/model.ts";
import {
  planClose,
  planCreate,
  planDependency,
  planOpen,
  planRemove,
  planUpdate,
} from "../../../core/bead/mutate.ts";
import { storePaths, streamPath } from "../../../core/bead/paths.ts";
import { appendElsewhere, tempStore } from "./other_writer.ts";
import {
  allIssues,
  blockedIssues,
  blockedRows,
  detailOf,
  issueDetail,
  listRows,
  readyIssues,
  readyRows,
} from "../../../core/bead/query.ts";
import {
  loadStore,
  mutateStore,
  type MutationContext,
  type MutationPlan,
} from "../../../core/bead/store.ts";
import { openView, type StoreView } from "../../../core/bead/view.ts";
import { deleteStreams, inTransaction } from "../../../core/bead/cache.ts";
import { RACY_MS } from "../../../core/bead/current.ts";
import { parseStreamText, readStream } from "../../../core/bead/streams.ts";

/** The clock of every read: after `t-snoozed-past`'s wake time, before `t-snoozed-future`'s. */
const NOW = Date.parse("2026-06-01T00:00:00Z");

/** One write through the store's write path. */
function write<T>(dir: string, plan: (ctx: MutationContext) => MutationPlan<T>): Promise<T> {
  return mutateStore(dir, { actor: "test", now: "2026-05-21T00:00:00Z" }, plan);
}

/** The creation of a plan `id` titled `id`. */
const created = (id: string): EventDraft => ({
  operation: "issue_created",
  issue_id: id,
  payload: { issue: issueToRow(newIssue({ id, title: id })) },
});

/** A snooze until `until`, as the original writes it. */
const snooze = (id: string, until: string): EventDraft => ({
  operation: "task_snoozed",
  issue_id: id,
  payload: { snooze: { until, snoozed_at: "", snoozed_by: "o@example.com", reason: "later" } },
});

/** Beads as a read at NOW sees them, from a full replay of the events (no cache involved). */
async function replayed(dir: string): Promise<Issue[]> {
  return (await loadStore(dir)).issues.map((issue) => {
    const until = (issue.extra.snooze as { until?: string } | undefined)?.until;
    const woke = issue.status === "snoozed" && until !== undefined && Date.parse(until) <= NOW;
    return woke ? { ...issue, status: "ready" } : issue;
  });
}

/**
 * The ready and blocked rules, written out: a dependency blocks while its
 * bead exists and is not closed; ready is `ready`, or `open` unless it is a
 * phase of a plan that is not marked ready to work (the phase not marked
 * either); blocked is not closed with a blocking dependency.
 */
function byRule(issues: readonly Issue[]): { ready: string[]; blocked: string[] } {
  const byId = new Map(issues.map((issue) => [issue.id, issue]));
  const blocking = (issue: Issue) =>
    issue.dependencies.some((dep) => {
      const target = byId.get(dep.depends_on_id);
      return target !== undefined && target.status !== "closed";
    });
  const workable = (issue: Issue) => {
    if (issue.issue_type !== "phase" || issue.is_ready_to_work) return true;
    const parent = issue.parent_id === null ? undefined : byId.get(issue.parent_id);
    return parent?.issue_type !== "plan" || parent.is_ready_to_work;
  };
  return {
    ready: issues.filter((issue) =>
      !blocking(issue) &&
      (issue.status === "ready" || (issue.status === "open" && workable(issue)))
    ).map((issue) => issue.id),
    blocked: issues.filter((issue) => issue.status !== "closed" && blocking(issue))
      .map((issue) => issue.id),
  };
}

async function withView<T>(dir: string, read: (view: StoreView) => T): Promise<T> {
  const view = await openView(dir, { now: NOW });
  try {
    return read(view);
  } finally {
    view.close();
  }
}

/** The cache's answers equal the rule over a full replay, and its rows are the replay's. */
async function assertExact(dir: string, step: string): Promise<void> {
  const truth = await replayed(dir);
  const answer = await withView(dir, (view) => ({
    rows: allIssues(view).map(issueToRow),
    ready: readyIssues(view).map((issue) => issue.id),
    blocked: blockedIssues(view).map((issue) => issue.id),
  }));
  assertEquals(answer.rows, truth.map(issueToRow), `${step}: rows`);
  assertEquals({ ready: answer.ready, blocked: answer.blocked }, byRule(truth), step);
}

Deno.test("readiness kept in the cache follows every kind of change, ours and other writers'", async () => {
  await using s = await tempStore("sase-bead-reads-");
  const dir = s.dir;
  const create = (title: string, type: Parameters<typeof planCreate>[1]["type"]) =>
    write(dir, (ctx) => planCreate(ctx, { title, type }));
  const epic = await create("epic", { kind: "plan", file: "e.md" });
  const one = await create("one", { kind: "phase", parent: epic });
  const two = await create("two", { kind: "phase", parent: epic });
  const other = await create("other", { kind: "plan", file: "o.md" });
  await assertExact(dir, "created: an unlaunched epic's phases wait");
  await write(dir, (ctx) => planDependency(ctx, two, one));
  await write(dir, (ctx) => planDependency(ctx, other, epic));
  await assertExact(dir, "dependencies within and across streams");
  // The epic is launched elsewhere: its phases become workable (two still waits on one).
  await appendElsewhere(dir, epic, [{ operation: "ready_marked", issue_id: epic, payload: {} }]);
  await assertExact(dir, "epic marked ready to work by another writer");
  await write(dir, (ctx) => planClose(ctx, [one]));
  await assertExact(dir, "a closed dependency unblocks its dependent");
  await write(dir, (ctx) => planOpen(ctx, one));
  await write(dir, (ctx) => planUpdate(ctx, epic, { status: "in_progress" }));
  await assertExact(dir, "reopened, and a blocker moved to in_progress");
  // Tasks another writer triaged and snoozed: one woke by NOW, one did not.
  const task = (id: string): EventDraft => ({
    operation: "issue_created",
    issue_id: id,
    payload: {
      issue: issueToRow(newIssue({ id, title: id, issue_type: "task", status: "ready" })),
    },
  });
  await appendElsewhere(dir, "t-past", [task("t-past"), snooze("t-past", "2026-05-22T00:00:00Z")]);
  await appendElsewhere(dir, "t-future", [
    task("t-future"),
    snooze("t-future", "2999-01-01T00:00:00Z"),
  ]);
  await write(dir, (ctx) => planDependency(ctx, "t-past", other));
  await assertExact(dir, "snoozes, one woken but blocked by an open plan");
  await write(dir, (ctx) => planClose(ctx, [other, epic]));
  await assertExact(dir, "plans closed: the woken task is ready, a closed epic's phases are not");
  await write(dir, (ctx) => planRemove(ctx, other));
  await assertExact(dir, "a removed dependency target blocks nothing");
});

/** A store whose rows hold what JSON escapes and nests: control characters, unicode, extras. */
async function trickyStore(dir: string): Promise<void> {
  const row = issueToRow(
    newIssue({
      id: "t-9",
      title: 'quote " slash \\ tab \t nl \n ctl \u0001 del \u007f é 😀 \u2028 \ud800',
      issue_type: "task",
      status: "ready",
      description: "",
    }),
  );
  Object.assign(row, {
    size: "m",
    nested: { empty: {}, list: [], numbers: [1.5, 1e21, -0.25, 5e-7], deep: [[{ a: null }]] },
  });
  await appendElsewhere(dir, "t-9", [
    { operation: "issue_created", issue_id: "t-9", payload: { issue: row } },
  ]);
  // Allocated past t-9: t-a.
  const epic = await write(
    dir,
    (ctx) => planCreate(ctx, { title: "Épique ✓", type: { kind: "plan", file: "é.md" } }),
  );
  await write(
    dir,
    (ctx) => planCreate(ctx, { title: "phase", type: { kind: "phase", parent: epic } }),
  );
  await write(dir, (ctx) => planDependency(ctx, "t-9", epic));
  await appendElsewhere(dir, "t-7", [
    {
      operation: "issue_created",
      issue_id: "t-7",
      payload: { issue: issueToRow(newIssue({ id: "t-7", title: "woken", issue_type: "task" })) },
    },
    snooze("t-7", "2026-05-22T00:00:00Z"),
  ]);
}

Deno.test("-j rows: SQLite prints every row exactly as JSON.stringify prints the replayed beads", async () => {
  await using s = await tempStore("sase-bead-reads-");
  await trickyStore(s.dir);
  const truth = await replayed(s.dir);
  const rule = byRule(truth);
  const rows = (ids: readonly string[]) =>
    truth.filter((issue) => ids.includes(issue.id)).map(issueToRow);
  const listed = truth.filter((issue) =>
    ["open", "claimed", "in_progress", "ready"].includes(issue.status)
  ).map(issueToRow);
  const cases = await withView(s.dir, (view) =>
    [
      ["ready", readyRows(view, "json"), readyRows(view, "printed"), rows(rule.ready)],
      ["blocked", blockedRows(view, "json"), blockedRows(view, "printed"), rows(rule.blocked)],
      ["list", listRows(view, "json"), listRows(view, "printed"), listed],
    ] as const);
  assert(rule.ready.includes("t-7") && rule.blocked.includes("t-9"), "the tricky rows are read");
  for (const [name, json, printed, expected] of cases) {
    assertEquals(JSON.parse(json), expected, `${name}: rows`);
    assertEquals(new TextDecoder().decode(printed), JSON.stringify(expected, null, 2), name);
  }
  // Nothing picked: the empty array, printed as JSON.stringify prints it.
  const none = await withView(
    s.dir,
    (view) => listRows(view, "printed", { statuses: ["claimed"] }),
  );
  assertEquals(new TextDecoder().decode(none), "[]");
});

Deno.test("a detail read bead by bead answers what the detail over every bead answers", async () => {
  await using s = await tempStore("sase-bead-reads-");
  await trickyStore(s.dir);
  await write(
    s.dir,
    (ctx) =>
      planCreate(ctx, { title: "child", type: { kind: "plan", file: "c.md", parent: "t-a" } }),
  );
  await write(s.dir, (ctx) => planDependency(ctx, "t-a.1", "t-9"));
  await withView(s.dir, (view) => {
    const all = allIssues(view);
    assert(all.length >= 5);
    for (const issue of all) assertEquals(detailOf(view, issue.id), issueDetail(all, issue.id));
  });
});

function verifiedRows(dir: string): number {
  const db = new DatabaseSync(storePaths(dir).db);
  try {
    return (db.prepare("SELECT count(*) AS n FROM verified").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function dirKey(dir: string): string | undefined {
  const db = new DatabaseSync(storePaths(dir).db);
  try {
    return (db.prepare("SELECT value FROM meta WHERE key = 'dir_key'").get() as
      | { value: string }
      | undefined)?.value;
  } finally {
    db.close();
  }
}

Deno.test("the cache check: what a read verified still catches an edit in place, and a writer's changed rows drop it", async () => {
  await using s = await tempStore("sase-bead-reads-");
  await write(
    s.dir,
    (ctx) => planCreate(ctx, { title: "three", type: { kind: "plan", file: "a.md" } }),
  );
  await withView(s.dir, () => {});
  assertEquals(verifiedRows(s.dir), 1, "the read kept what it verified");
  const current = await withView(s.dir, (view) => view.replayed);
  assertEquals(current, []);
  // Same size, older mtime: only the change time and content differ.
  const path = streamPath(storePaths(s.dir), "t-1");
  const old = await Deno.readTextFile(path);
  const file = await Deno.open(path, { write: true });
  await file.write(new TextEncoder().encode(old.replace('"title":"three"', '"title":"THREE"')));
  file.close();
  const past = new Date(Date.now() - 3_600_000);
  await Deno.utime(path, past, past);
  const seen = await withView(s.dir, (view) => ({ replayed: view.replayed, all: allIssues(view) }));
  assertEquals(seen.replayed, ["t-1"]);
  assertEquals(seen.all.map((issue) => issue.title), ["THREE"]);
  // Dropping stream rows drops what was verified about them (and the directory's identity).
  await withView(s.dir, () => {});
  const db = new DatabaseSync(storePaths(s.dir).db);
  try {
    inTransaction(db, () => deleteStreams(db, ["t-1"]));
  } finally {
    db.close();
  }
  assertEquals([verifiedRows(s.dir), dirKey(s.dir)], [0, undefined]);
  const reread = await withView(
    s.dir,
    (view) => ({ replayed: view.replayed, all: allIssues(view) }),
  );
  assertEquals(reread.replayed, ["t-1"]);
  assertEquals(reread.all.map((issue) => issue.title), ["THREE"]);
});

Deno.test("the cache check: with the directory's identity kept, streams added or replaced elsewhere are seen", async () => {
  await using s = await tempStore("sase-bead-reads-");
  await write(
    s.dir,
    (ctx) => planCreate(ctx, { title: "one", type: { kind: "plan", file: "a.md" } }),
  );
  // The directory's identity is kept only once its last change is old enough to trust.
  await new Promise((resolve) => setTimeout(resolve, RACY_MS + 200));
  await withView(s.dir, () => {});
  assert(dirKey(s.dir) !== undefined, "the read kept the directory's identity");
  const createdAs = (id: string, title: string): EventDraft => ({
    operation: "issue_created",
    issue_id: id,
    payload: { issue: issueToRow(newIssue({ id, title })) },
  });
  await appendElsewhere(s.dir, "t-5", [createdAs("t-5", "made elsewhere")]);
  assertEquals(
    await withView(s.dir, (view) => allIssues(view).map((issue) => issue.id)),
    ["t-1", "t-5"],
  );
  // A checkout replaces t-1's stream wholesale (a new file renamed over it).
  const path = streamPath(storePaths(s.dir), "t-1");
  const replacement = `${path}.new`;
  const closed = buildEvent(
    { operation: "issue_closed", issue_id: "t-1", payload: { close_reason: "elsewhere" } },
    "t-1",
    2,
    "2026-05-22T00:00:00Z",
    "elsewhere",
  );
  await Deno.writeTextFile(
    replacement,
    (await Deno.readTextFile(path)) + JSON.stringify(closed) + "\n",
  );
  await Deno.rename(replacement, path);
  assertEquals(
    await withView(s.dir, (view) => allIssues(view).map((issue) => [issue.id, issue.status])),
    [["t-1", "closed"], ["t-5", "open"]],
  );
});

Deno.test("a stream's text reads as TextDecoder decodes it: byte order mark dropped, bad bytes replaced", async () => {
  await using s = await tempStore("sase-bead-reads-");
  const paths = storePaths(s.dir);
  await Deno.mkdir(paths.streamsDir, { recursive: true });
  const line = JSON.stringify(
    buildEvent(created("t-1"), "t-1", 1, "2026-05-20T00:00:00Z", "elsewhere"),
  );
  const [before, after] = line.split('"title":"t-1"');
  const bytes = new Uint8Array([
    0xef,
    0xbb,
    0xbf, // a byte order mark
    ...new TextEncoder().encode(`${before}"title":"t-1 `),
    0xff,
    0xc3,
    0x28, // not UTF-8
    ...new TextEncoder().encode(`"${after}\n`),
  ]);
  await Deno.writeFile(streamPath(paths, "t-1"), bytes);
  const read = readStream(paths, "t-1");
  const expected = parseStreamText(
    new TextDecoder().decode(bytes),
    streamPath(paths, "t-1"),
    "t-1",
  );
  assertEquals(read.stream, expected.stream);
  assertEquals([read.problems, read.lines], [[], 1]);
  assertEquals(
    (read.stream.events[0].event.payload.issue as { title: string }).title,
    "t-1 \ufffd\ufffd(",
  );
});

Deno.test("a rebuild replays streams that name no other alone and the rest together: the rows of one replay of all", async () => {
  await using s = await tempStore("sase-bead-reads-");
  const dir = s.dir;
  // t-1 .. t-4 alone; t-2 names t-1 (a dependency); t-5 and x-1 both create t-5.1
  // (two clones took the same id); t-6 names t-4 only after t-4 removed it.
  for (const title of ["one", "two", "three", "four"]) {
    await write(
      dir,
      (ctx) => planCreate(ctx, { title, type: { kind: "plan", file: `${title}.md` } }),
    );
  }
  await write(dir, (ctx) => planDependency(ctx, "t-2", "t-1"));
  await appendElsewhere(dir, "t-5", [created("t-5"), {
    operation: "issue_created",
    issue_id: "t-5.1",
    payload: { issue: issueToRow(newIssue({ id: "t-5.1", title: "mine", parent_id: "t-5" })) },
  }]);
  await appendElsewhere(dir, "x-1", [{
    operation: "issue_created",
    issue_id: "t-5.1",
    payload: { issue: issueToRow(newIssue({ id: "t-5.1", title: "theirs", parent_id: "t-5" })) },
  }]);
  await appendElsewhere(dir, "t-6", [created("t-6"), {
    operation: "dependency_added",
    issue_id: "t-6",
    payload: {
      dependency: { issue_id: "t-6", depends_on_id: "t-4", created_at: "", created_by: "" },
    },
  }]);
  await write(dir, (ctx) => planRemove(ctx, "t-4"));
  await Deno.remove(storePaths(dir).db);
  const loaded = await loadStore(dir);
  const view = await openView(dir, { now: NOW });
  try {
    assert(view.rebuilt);
    assertEquals(allIssues(view).map(issueToRow), loaded.issues.map(issueToRow));
    const problem = (p: { file: string; line: number; message: string }) =>
      `${p.file.split("/").at(-1)}:${p.line}: ${p.message}`;
    assertEquals(view.problems.map(problem).sort(), loaded.problems.map(problem).sort());
    assert(view.problems.some((p) => p.duplicateOf !== undefined), "the collision is reported");
  } finally {
    view.close();
  }
});
