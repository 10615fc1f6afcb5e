/**
 * The cache is brought up to date stream by stream: an unchanged stream is
 * not replayed, a changed one is replayed with the streams it can reach
 * through the ids their events name, and the result is always what a replay
 * of everything gives.
 */

import { join } from "node:path";
import { assert, assertEquals } from "../../_helpers/assert.ts";
import { buildEvent } from "../../../core/bead/event.ts";
import { initStore } from "../../../core/bead/init.ts";
import { issueToRow, newIssue } from "../../../core/bead/model.ts";
import { planClose, planCreate, planDependency } from "../../../core/bead/mutate.ts";
import { storePaths, streamPath } from "../../../core/bead/paths.ts";
import { allIssues, readyIssues } from "../../../core/bead/query.ts";
import { mutateStore } from "../../../core/bead/store.ts";
import { openView } from "../../../core/bead/view.ts";

const NOW = Date.parse("2026-06-01T00:00:00Z");

/** A store of four plans: t-2 depends on t-1 (so their streams reach each other); t-3, t-4 stand alone. */
async function store(): Promise<{ dir: string; [Symbol.asyncDispose](): Promise<void> }> {
  const root = await Deno.makeTempDir({ prefix: "sase-bead-refresh-" });
  const dir = join(root, "beads");
  await initStore(dir, { prefix: "t", owner: "", actor: "test" });
  for (const title of ["one", "two", "three", "four"]) {
    await mutateStore(
      dir,
      { actor: "test" },
      (ctx) => planCreate(ctx, { title, type: { kind: "plan", file: `${title}.md` } }),
    );
  }
  await mutateStore(dir, { actor: "test" }, (ctx) => planDependency(ctx, "t-2", "t-1"));
  return { dir, [Symbol.asyncDispose]: () => Deno.remove(root, { recursive: true }) };
}

/** What a read answers: every row and the ready ids. */
async function answer(dir: string) {
  const view = await openView(dir, { now: NOW });
  try {
    return {
      rows: allIssues(view).map((issue) => JSON.stringify(issueToRow(issue))),
      ready: readyIssues(view).map((issue) => issue.id),
      problems: view.problems.length,
      replayed: view.replayed,
      rebuilt: view.rebuilt,
    };
  } finally {
    view.close();
  }
}

/** The answer of a replay of everything (no cache). */
async function fromScratch(dir: string) {
  await Deno.remove(storePaths(dir).db).catch(() => {});
  const fresh = await answer(dir);
  assert(fresh.rebuilt);
  return fresh;
}

/** Append `line` to the stream of `streamId` from another process, as another writer would. */
async function appendElsewhere(dir: string, streamId: string, line: string): Promise<void> {
  const path = streamPath(storePaths(dir), streamId);
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "eval",
      "Deno.writeTextFileSync(Deno.args[0], Deno.args[1], { append: true })",
      path,
      line,
    ],
    env: { DENO_NO_UPDATE_CHECK: "1" },
  }).output();
  assert(output.success, new TextDecoder().decode(output.stderr));
}

function closeEvent(streamId: string, ordinal: number, id: string): string {
  const event = buildEvent(
    { operation: "issue_closed", issue_id: id, payload: { close_reason: "done elsewhere" } },
    streamId,
    ordinal,
    "2026-05-20T00:00:00Z",
    "elsewhere",
  );
  return JSON.stringify(event) + "\n";
}

Deno.test("a current cache replays nothing; a write keeps it current", async () => {
  await using s = await store();
  assertEquals((await answer(s.dir)).replayed, []);
  await mutateStore(s.dir, { actor: "test" }, (ctx) => planClose(ctx, ["t-3"]));
  const after = await answer(s.dir);
  assertEquals([after.replayed, after.rebuilt], [[], false]);
  assertEquals(after.rows, (await fromScratch(s.dir)).rows);
});

Deno.test("another writer's append replays that stream and those it reaches, and nothing else", async () => {
  await using s = await store();
  await answer(s.dir);
  // t-1 closes elsewhere: t-2 (which depends on it) becomes ready.
  await appendElsewhere(s.dir, "t-1", closeEvent("t-1", 2, "t-1"));
  const partial = await answer(s.dir);
  assertEquals([partial.replayed, partial.rebuilt], [["t-1", "t-2"], false]);
  assertEquals(partial.ready, ["t-2", "t-3", "t-4"]);
  // An unrelated stream changes: only it is replayed.
  await appendElsewhere(s.dir, "t-4", closeEvent("t-4", 2, "t-4"));
  const alone = await answer(s.dir);
  assertEquals(alone.replayed, ["t-4"]);
  assertEquals(alone.ready, ["t-2", "t-3"]);
  assertEquals(alone.rows, (await fromScratch(s.dir)).rows);
});

Deno.test("an edit in place that keeps the size but not the mtime is seen", async () => {
  await using s = await store();
  const path = streamPath(storePaths(s.dir), "t-3");
  const old = await Deno.readTextFile(path);
  await answer(s.dir);
  // Same length: a title of the same size, written over the file in place.
  const edited = old.replace('"title":"three"', '"title":"THREE"');
  assertEquals(edited.length, old.length);
  const file = await Deno.open(path, { write: true });
  await file.write(new TextEncoder().encode(edited));
  file.close();
  const past = new Date(Date.now() - 3_600_000);
  Deno.utimeSync(path, past, past);
  const seen = await answer(s.dir);
  assertEquals(seen.replayed, ["t-3"]);
  assert(seen.rows.some((row) => row.includes('"title":"THREE"')), "the new title is read");
  assertEquals(seen.rows, (await fromScratch(s.dir)).rows);
});

Deno.test("a stream renamed over another, or removed, is replayed with what it reaches", async () => {
  await using s = await store();
  await answer(s.dir);
  const paths = storePaths(s.dir);
  // t-1's stream is replaced wholesale (a checkout): its plan is now closed.
  const replacement = `${streamPath(paths, "t-1")}.new`;
  await Deno.writeTextFile(
    replacement,
    (await Deno.readTextFile(streamPath(paths, "t-1"))) + closeEvent("t-1", 2, "t-1"),
  );
  await Deno.rename(replacement, streamPath(paths, "t-1"));
  const renamed = await answer(s.dir);
  assertEquals(renamed.replayed, ["t-1", "t-2"]);
  assertEquals(renamed.rows, (await fromScratch(s.dir)).rows);
  // t-1's stream disappears (a reset checkout): t-1 is gone, t-2's dependency on it too.
  await Deno.remove(streamPath(paths, "t-1"));
  const removed = await answer(s.dir);
  assertEquals([removed.replayed, removed.rebuilt], [["t-2"], false]);
  assert(!removed.rows.some((row) => row.includes('"id":"t-1"')));
  assertEquals(removed.rows, (await fromScratch(s.dir)).rows);
});

Deno.test("problems of streams left alone stay reported after a partial replay", async () => {
  await using s = await store();
  await appendElsewhere(s.dir, "t-3", "{not json\n");
  assertEquals((await answer(s.dir)).problems, 1);
  await appendElsewhere(s.dir, "t-4", closeEvent("t-4", 2, "t-4"));
  const partial = await answer(s.dir);
  assertEquals([partial.replayed, partial.problems], [["t-4"], 1]);
});

Deno.test("a write validates against what other writers appended: no id is taken twice", async () => {
  await using s = await store();
  await answer(s.dir);
  // Another clone created t-5 (its own stream) without sase's lock or config.
  const created = buildEvent(
    {
      operation: "issue_created",
      issue_id: "t-5",
      payload: { issue: issueToRow(newIssue({ id: "t-5", title: "elsewhere" })) },
    },
    "t-5",
    1,
    "2026-05-20T00:00:00Z",
    "elsewhere",
  );
  await appendElsewhere(s.dir, "t-5", JSON.stringify(created) + "\n");
  const id = await mutateStore(
    s.dir,
    { actor: "test" },
    (ctx) => planCreate(ctx, { title: "mine", type: { kind: "plan", file: "mine.md" } }),
  );
  assertEquals(id, "t-6");
  const after = await answer(s.dir);
  assertEquals(after.replayed, [], "the write left the cache current");
  assertEquals(after.rows, (await fromScratch(s.dir)).rows);
  // The projection is exactly the beads, one row per line.
  const projection = await Deno.readTextFile(storePaths(s.dir).projection);
  assertEquals(projection, after.rows.map((row) => row + "\n").join(""));
});

Deno.test("a mutation that plans several beads allocates each a fresh id (earlier ones are in ctx.issues)", async () => {
  await using s = await store();
  await answer(s.dir);
  const ids = await mutateStore(s.dir, { actor: "test" }, (ctx) => {
    const events = [];
    const made: string[] = [];
    const plan = planCreate(ctx, { title: "epic", type: { kind: "plan", file: "e.md" } });
    for (const step of [plan, null, null]) {
      const current = step ??
        planCreate(ctx, { title: "phase", type: { kind: "phase", parent: made[0] } });
      if (current.config) ctx.config = current.config;
      events.push(...current.events);
      for (const draft of current.events) {
        const issue = newIssue({ id: draft.issue_id, title: "x", issue_type: "plan" });
        ctx.issues.set(issue.id, issue);
      }
      made.push(current.result);
    }
    return { events, config: ctx.config, result: made };
  });
  assertEquals(ids, ["t-5", "t-5.1", "t-5.2"]);
  assertEquals((await answer(s.dir)).rows, (await fromScratch(s.dir)).rows);
});
