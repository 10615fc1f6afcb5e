import { assert, assertEquals } from "../../_helpers/assert.ts";
import { join } from "node:path";
import { initStore } from "../../../core/bead/init.ts";
import { mutateStore } from "../../../core/bead/store.ts";
import { planCreate } from "../../../core/bead/mutate.ts";
import { fixStore, runDoctor } from "../../../core/bead/doctor.ts";
import { storePaths, streamPath } from "../../../core/bead/paths.ts";
import { buildEvent } from "../../../core/bead/event.ts";

async function store(): Promise<string> {
  const dir = join(await Deno.makeTempDir({ prefix: "sase-bead-doctor-" }), "beads");
  await initStore(dir, { prefix: "d", owner: "", actor: "t" });
  await mutateStore(
    dir,
    { actor: "t" },
    (ctx) => planCreate(ctx, { title: "Plan", type: { kind: "plan", file: "p.md" } }),
  );
  await mutateStore(
    dir,
    { actor: "t" },
    (ctx) => planCreate(ctx, { title: "Phase", type: { kind: "phase", parent: "d-1" } }),
  );
  return dir;
}

const codes = async (dir: string) =>
  (await runDoctor(dir, { git: false })).findings.map((finding) => finding.code).sort();

Deno.test("doctor: a healthy store is OK", async () => {
  const dir = await store();
  const report = await runDoctor(dir, { git: false });
  assertEquals(report.messages, ["OK: no issues found"]);
  assert(report.ok);
});

Deno.test("doctor: missing config, projection and cache are reported; --fix restores the mirrors", async () => {
  const dir = await store();
  const paths = storePaths(dir);
  await Deno.remove(paths.projection);
  await Deno.remove(paths.db);
  await Deno.remove(paths.config);
  assertEquals(await codes(dir), ["cache_missing", "config_missing", "projection_missing"]);
  await fixStore(dir);
  assertEquals(await codes(dir), []);
});

Deno.test("doctor: drift, invalid events, torn lines and orphans", async () => {
  const dir = await store();
  const paths = storePaths(dir);
  await Deno.writeTextFile(paths.projection, "", { append: true });
  await Deno.writeTextFile(
    paths.projection,
    '{"id":"d-9","title":"ghost","status":"open","issue_type":"phase","parent_id":"d-8","dependencies":[]}\n',
    { append: true },
  );
  await Deno.writeTextFile(streamPath(paths, "d-1"), "not json\n", { append: true });
  await Deno.writeTextFile(streamPath(paths, "d-1"), '{"schema_version":1,"event_id":"d-1:0000', {
    append: true,
  });
  const report = await runDoctor(dir, { git: false });
  const found = report.findings.map((finding) => finding.code).sort();
  // The appends changed the streams in place, so the cache no longer matches them.
  assertEquals(found, [
    "cache_stale",
    "invalid_event",
    "orphan_projection",
    "projection_drift",
    "torn_line",
  ]);
  assert(!report.ok);
  assert(
    report.messages.some((m) =>
      m.includes("d-1.jsonl:3") && m.startsWith("ERROR: invalid bead event")
    ),
    report.messages.join("\n"),
  );
  const fixed = await fixStore(dir);
  assertEquals(fixed.removedTornLines, 1);
  assertEquals(await codes(dir), ["invalid_event"]);
  // An event appended in place behind sase's back: the cache is stale, so the next read rebuilds.
  const event = buildEvent(
    { operation: "issue_updated", issue_id: "d-1", payload: { fields: { title: "Edited" } } },
    "d-1",
    9,
    "2030-01-01T00:00:00Z",
    "someone",
  );
  await Deno.writeTextFile(streamPath(paths, "d-1"), JSON.stringify(event) + "\n", {
    append: true,
  });
  assertEquals(await codes(dir), ["cache_stale", "invalid_event", "projection_drift"]);
});

Deno.test("doctor: blank statuses in issues.jsonl (a lossy sync's trace) are reported by id", async () => {
  const dir = await store();
  const paths = storePaths(dir);
  const text = await Deno.readTextFile(paths.projection);
  await Deno.writeTextFile(paths.projection, text.replace('"status":"open"', '"status":""'));
  const report = await runDoctor(dir, { git: false });
  assert(
    report.messages.includes(
      "WARNING: 1 bead with a blank status in issues.jsonl: d-1 (the events still hold their status; `sase bead sync` regenerates the file)",
    ),
    report.messages.join("\n"),
  );
  await fixStore(dir);
  assertEquals(await codes(dir), []);
});

Deno.test("doctor: leftover temp files are reported; --fix removes the stale ones only", async () => {
  const dir = await store();
  const paths = storePaths(dir);
  const stale = join(dir, ".issues.jsonl.4242.deadbeef.tmp");
  const staleStream = join(paths.streamsDir, ".d-1.jsonl.4242.cafe.tmp");
  const fresh = join(dir, "beads.db.4343.f00d.tmp");
  for (const path of [stale, staleStream, fresh]) await Deno.writeTextFile(path, "partial");
  const old = new Date(Date.now() - 10 * 60_000);
  await Deno.utime(stale, old, old);
  await Deno.utime(staleStream, old, old);
  const report = await runDoctor(dir, { git: false });
  assert(
    report.messages.includes(
      "WARNING: 3 leftover temp files from an interrupted write: .issues.jsonl.4242.deadbeef.tmp, beads.db.4343.f00d.tmp, events/streams/.d-1.jsonl.4242.cafe.tmp; `sase bead doctor --fix` removes them",
    ),
    report.messages.join("\n"),
  );
  const fixed = await fixStore(dir);
  assertEquals(fixed.removedTempFiles, [
    ".issues.jsonl.4242.deadbeef.tmp",
    "events/streams/.d-1.jsonl.4242.cafe.tmp",
  ]);
  // A temp file this young may belong to a writer that is still running.
  assertEquals(await Deno.readTextFile(fresh), "partial");
});

Deno.test("doctor --fix never rewrites a stream holding a line it cannot parse", async () => {
  const dir = await store();
  const paths = storePaths(dir);
  const file = streamPath(paths, "d-1");
  const first = (await Deno.readTextFile(file)).split("\n")[0];
  // The same id created twice (as after a merge of two clones), plus a line we cannot read.
  const twin = first.replace('"2026', '"2027').replace(/"event_id":"[^"]+"/, '"event_id":"x"');
  await Deno.writeTextFile(file, `${twin}\nnot json\n`, { append: true });
  const before = await Deno.readTextFile(file);
  const fixed = await fixStore(dir);
  assertEquals([fixed.relocations, fixed.skippedStreams], [[], [file]]);
  assertEquals(await Deno.readTextFile(file), before);
});
