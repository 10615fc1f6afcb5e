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
