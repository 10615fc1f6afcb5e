/**
 * The write path through the cache (`write_cache.ts`, `store.ts`): a write
 * checks only the streams it looks at, allocates from what the cache keeps,
 * and splices its rows into `issues.jsonl`. Every answer here is compared
 * with a full replay of the events (no cache) or written out by hand.
 */

import { assert, assertEquals } from "../../_helpers/assert.ts";
import { DatabaseSync } from "node:sqlite";
import type { EventDraft } from "../../../core/bead/event.ts";
import { issueToRow, newIssue } from "../../../core/bead/model.ts";
import {
  planClose,
  planCreate,
  planDependency,
  planRemove,
  planUpdate,
} from "../../../core/bead/mutate.ts";
import { storePaths } from "../../../core/bead/paths.ts";
import { appendElsewhere, tempStore } from "./other_writer.ts";
import { exportProjection } from "../../../core/bead/projection.ts";
import {
  loadStore,
  mutateStore,
  type MutationContext,
  type MutationPlan,
} from "../../../core/bead/store.ts";

function write<T>(dir: string, plan: (ctx: MutationContext) => MutationPlan<T>): Promise<T> {
  return mutateStore(dir, { actor: "test", now: "2026-05-21T00:00:00Z" }, plan);
}

const plan = (dir: string, title: string) =>
  write(dir, (ctx) => planCreate(ctx, { title, type: { kind: "plan", file: `${title}.md` } }));
const phase = (dir: string, parent: string) =>
  write(dir, (ctx) => planCreate(ctx, { title: "phase", type: { kind: "phase", parent } }));

const created = (id: string, fields: Partial<Parameters<typeof newIssue>[0]> = {}): EventDraft => ({
  operation: "issue_created",
  issue_id: id,
  payload: { issue: issueToRow(newIssue({ id, title: id, ...fields })) },
});

/** `issues.jsonl` is exactly what a full replay of the events projects. */
async function assertProjectionExact(dir: string, step: string): Promise<void> {
  const text = await Deno.readTextFile(storePaths(dir).projection);
  assertEquals(text, exportProjection((await loadStore(dir)).issues), step);
}

function meta(dir: string, key: string): string | undefined {
  const db = new DatabaseSync(storePaths(dir).db);
  try {
    return (db.prepare("SELECT value FROM meta WHERE key = ?").get(key) as
      | { value: string }
      | undefined)?.value;
  } finally {
    db.close();
  }
}

Deno.test("issues.jsonl spliced write after write equals the projection of a full replay", async () => {
  await using s = await tempStore("sase-bead-write-");
  const ids: string[] = [];
  // Ids whose order is not their creation order: t-1, t-1.1, t-1.10, t-10, t-2, ...
  for (let i = 0; i < 11; i++) ids.push(await plan(s.dir, `plan ${i}`));
  await assertProjectionExact(s.dir, "plans");
  assert(meta(s.dir, "projection_key") !== undefined, "the write vouched for its projection");
  for (let i = 0; i < 10; i++) await phase(s.dir, "t-1");
  await assertProjectionExact(s.dir, "phases t-1.1 .. t-1.10 between t-1 and t-10");
  await write(s.dir, (ctx) => planDependency(ctx, "t-1.2", "t-1.1"));
  await write(s.dir, (ctx) => planUpdate(ctx, "t-a", { title: "renamed", status: "in_progress" }));
  await write(s.dir, (ctx) => planClose(ctx, ["t-1"]));
  await assertProjectionExact(s.dir, "a dependency, an update, a plan closing its phases");
  await write(s.dir, (ctx) => planRemove(ctx, "t-1"));
  await write(s.dir, (ctx) => planRemove(ctx, "t-b"));
  await assertProjectionExact(s.dir, "removals drop lines, the last one too");
  // A projection someone else rewrote (a checkout, a sync) is not spliced into: made whole.
  await Deno.writeTextFile(storePaths(s.dir).projection, "");
  await plan(s.dir, "after the checkout");
  await assertProjectionExact(s.dir, "made whole again");
});

Deno.test("a write that looks at a stream another process changed in place sees the change", async () => {
  await using s = await tempStore("sase-bead-write-");
  const epic = await plan(s.dir, "epic");
  await phase(s.dir, epic);
  // Another process creates t-1.2 in place: the streams directory does not change.
  await appendElsewhere(s.dir, "t-1", [
    created("t-1.2", { issue_type: "phase", parent_id: "t-1" }),
  ]);
  assertEquals(await phase(s.dir, epic), "t-1.3", "t-1.2 is taken: the write saw it");
  // The bead it updates was closed elsewhere: the update sees it closed.
  await appendElsewhere(s.dir, "t-1", [{
    operation: "issue_closed",
    issue_id: "t-1.1",
    payload: { close_reason: "elsewhere" },
  }]);
  const closed = await write(s.dir, (ctx) => planClose(ctx, ["t-1.1", "t-1.3"]));
  assertEquals(closed, ["t-1.3"], "t-1.1 was already closed");
  await assertProjectionExact(s.dir, "the cache and issues.jsonl hold both writers' events");
});

Deno.test("ids already taken stay taken: removed children, and ids another stream created", async () => {
  await using s = await tempStore("sase-bead-write-");
  const epic = await plan(s.dir, "epic");
  await phase(s.dir, epic);
  const second = await phase(s.dir, epic);
  await write(s.dir, (ctx) => planRemove(ctx, second));
  assertEquals(await phase(s.dir, epic), "t-1.3", "removed t-1.2 is not handed out again");
  // A stream that created a bead under another stream's root (no known writer does;
  // a hand-made store could): its id is taken too, for phases and for plans.
  await appendElsewhere(s.dir, "x-1", [
    created("t-1.7", { issue_type: "phase", parent_id: "t-1" }),
    created("t-9"),
  ]);
  assertEquals(await phase(s.dir, epic), "t-1.8");
  assertEquals(await plan(s.dir, "next"), "t-a");
});

Deno.test("a write that died after its append leaves a mark: the next write checks everything", async () => {
  await using s = await tempStore("sase-bead-write-");
  await plan(s.dir, "one");
  await plan(s.dir, "two");
  // The dead writer: its mark set, its event appended, the cache never told.
  const db = new DatabaseSync(storePaths(s.dir).db);
  try {
    db.prepare("INSERT INTO meta(key, value) VALUES ('pending', '1')").run();
  } finally {
    db.close();
  }
  await appendElsewhere(s.dir, "t-1", [{
    operation: "issue_updated",
    issue_id: "t-1",
    payload: { fields: { title: "written before dying" } },
  }]);
  // This write looks only at t-2's stream and its own.
  await write(s.dir, (ctx) => planUpdate(ctx, "t-2", { title: "later" }));
  assertEquals(meta(s.dir, "pending"), undefined, "the mark is cleared once the cache holds all");
  await assertProjectionExact(s.dir, "issues.jsonl has the dead writer's title");
  const titles = (await Deno.readTextFile(storePaths(s.dir).projection)).split("\n")
    .filter((line) => line !== "").map((line) => JSON.parse(line).title);
  assertEquals(titles, ["written before dying", "later"]);
});

Deno.test("a write through the cache leaves config.json's counter past every plan and the manifest counting every stream", async () => {
  await using s = await tempStore("sase-bead-write-");
  const paths = storePaths(s.dir);
  const streams = async () =>
    (await Array.fromAsync(Deno.readDir(paths.streamsDir))).filter((e) => e.name.endsWith(".jsonl"))
      .length;
  const state = async () => ({
    counter: JSON.parse(await Deno.readTextFile(paths.config)).next_counter,
    streamCount: JSON.parse(await Deno.readTextFile(paths.manifest)).stream_count,
  });
  const first = await plan(s.dir, "one");
  const second = await plan(s.dir, "two");
  // Ids count in base 36 from the prefix: t-1, t-2, ... (see the generator's rule in ids.ts).
  assertEquals([first, second], ["t-1", "t-2"]);
  assertEquals(await state(), { counter: 3, streamCount: await streams() });
  assertEquals(await streams(), 2);
  // A phase lives in its plan's stream: the counter and the stream count stay.
  await phase(s.dir, first);
  assertEquals(await state(), { counter: 3, streamCount: 2 });
  await plan(s.dir, "three");
  assertEquals(await state(), { counter: 4, streamCount: 3 });
});
