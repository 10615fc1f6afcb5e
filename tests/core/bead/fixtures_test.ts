import { assert, assertEquals } from "../../_helpers/assert.ts";
import { join } from "node:path";
import { formatBeadConfig, parseBeadConfig } from "../../../core/bead/config.ts";
import {
  exportProjection,
  parseProjection,
  readProjection,
} from "../../../core/bead/projection.ts";
import { parseStreamText, readStreams } from "../../../core/bead/streams.ts";
import { replay } from "../../../core/bead/reduce.ts";
import { storePaths } from "../../../core/bead/paths.ts";
import { upstreamFixture } from "../../_helpers/fixtures.ts";

const FIXTURES = upstreamFixture("bead/");
const fixture = (rel: string) => join(FIXTURES, rel);

Deno.test("current_schema.jsonl loads both rows with their fields and exports byte-identically", async () => {
  const text = await Deno.readTextFile(fixture("jsonl/current_schema.jsonl"));
  const result = parseProjection(text);
  assertEquals(result.invalidJsonLines, 0);
  assertEquals(result.issues.map((i) => i.id), ["gold-1", "gold-1.1"]);
  const [plan, phase] = result.issues;
  assertEquals([plan.issue_type, plan.tier, plan.is_ready_to_work, plan.model], [
    "plan",
    "epic",
    true,
    "claude/opus",
  ]);
  assertEquals([plan.changespec_name, plan.changespec_bug_id], ["current_changespec", "BUG-100"]);
  assertEquals([phase.issue_type, phase.parent_id, phase.model], [
    "phase",
    "gold-1",
    "codex/gpt-5.5",
  ]);
  assertEquals(phase.dependencies.map((d) => d.depends_on_id), ["gold-1"]);
  assertEquals(exportProjection(result.issues), text);
});

Deno.test("corrupt_lines.jsonl gives 1 issue and 2 invalid JSON lines, never throws", async () => {
  const result = await readProjection(fixture("jsonl/corrupt_lines.jsonl"));
  assertEquals(result.issues.map((i) => i.id), ["corrupt-1"]);
  assertEquals(result.invalidJsonLines, 2);
  assertEquals(result.problems.map((p) => p.line), [1, 3]);
});

Deno.test("empty and missing projections are empty outcomes", async () => {
  assertEquals((await readProjection(fixture("jsonl/empty.jsonl"))).issues, []);
  assertEquals((await readProjection(fixture("jsonl/does-not-exist.jsonl"))).issues, []);
});

Deno.test("legacy rows get the documented defaults", async () => {
  const ready =
    (await readProjection(fixture("jsonl/pre_is_ready_to_work_schema.jsonl"))).issues[0];
  assertEquals(ready.is_ready_to_work, false);
  assertEquals([ready.model, ready.changespec_name, ready.changespec_bug_id], ["", "", ""]);
  const meta =
    (await readProjection(fixture("jsonl/pre_changespec_metadata_schema.jsonl"))).issues[0];
  assertEquals([meta.changespec_name, meta.changespec_bug_id, meta.model], ["", "", ""]);
  assertEquals(meta.tier, null);
});

Deno.test("config round-trips as pretty JSON", async () => {
  const text = await Deno.readTextFile(fixture("config/current.json"));
  const config = parseBeadConfig(text, "config/current.json");
  assertEquals([config.issue_prefix, config.next_counter, config.owner], [
    "gold",
    42,
    "owner@example.com",
  ]);
  assertEquals(formatBeadConfig(config), text);
});

Deno.test("event round trip: replaying the stream gives the projection byte for byte", async () => {
  const dir = fixture("events/event_roundtrip");
  const paths = {
    ...storePaths(dir),
    manifest: join(dir, "manifest.json"),
    streamsDir: join(dir, "streams"),
  };
  const read = await readStreams(paths);
  assertEquals(read.problems, []);
  const result = replay(read.streams);
  assertEquals(result.problems, []);
  const expected = await Deno.readTextFile(fixture("jsonl/event_roundtrip_schema.jsonl"));
  assertEquals(exportProjection(result.issues), expected);
});

Deno.test("a null resolution update replays without wedging the store", async () => {
  const text = await Deno.readTextFile(fixture("events/resolution_null_stream.jsonl"));
  const parsed = parseStreamText(text, "resolution_null_stream.jsonl", "gold-3");
  assertEquals(parsed.problems, []);
  const result = replay([parsed.stream]);
  assertEquals(result.problems, []);
  assertEquals(result.issues.length, 1);
  const issue = result.issues[0];
  assertEquals([issue.id, issue.status, issue.issue_type], ["gold-3", "open", "task"]);
  assertEquals(issue.updated_at, "2026-08-01T00:01:00Z");
  assert(!("resolution" in issue.extra));
});
