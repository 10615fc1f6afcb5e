import { assert, assertEquals } from "../../_helpers/assert.ts";
import { buildEvent, type EventDraft } from "../../../core/bead/event.ts";
import { type EventStream, replay } from "../../../core/bead/reduce.ts";
import { exportProjection } from "../../../core/bead/projection.ts";
import { issueToRow, newIssue, rootIdOf } from "../../../core/bead/model.ts";
import { parseStreamText } from "../../../core/bead/streams.ts";

function streamsOf(drafts: Array<[EventDraft, string]>): EventStream[] {
  const byStream = new Map<string, EventStream>();
  for (const [draft, at] of drafts) {
    const id = rootIdOf(draft.issue_id);
    const stream = byStream.get(id) ?? { streamId: id, file: `${id}.jsonl`, events: [] };
    byStream.set(id, stream);
    const ordinal = stream.events.length + 1;
    stream.events.push({ event: buildEvent(draft, id, ordinal, at, "tester"), line: ordinal });
  }
  return [...byStream.values()];
}

const created = (id: string, parent: string | null = null): EventDraft => ({
  operation: "issue_created",
  issue_id: id,
  payload: {
    issue: issueToRow(
      newIssue({ id, title: id, parent_id: parent, issue_type: parent ? "phase" : "plan" }),
    ),
  },
});

const sample = (): EventStream[] =>
  streamsOf([
    [created("s-1"), "2026-01-01T00:00:00Z"],
    [created("s-1.1", "s-1"), "2026-01-01T00:00:01Z"],
    [created("s-2"), "2026-01-01T00:00:01Z"],
    [{
      operation: "dependency_added",
      issue_id: "s-2",
      payload: {
        dependency: { issue_id: "s-2", depends_on_id: "s-1.1", created_at: "x", created_by: "y" },
      },
    }, "2026-01-01T00:00:01Z"],
    [
      { operation: "issue_closed", issue_id: "s-1.1", payload: { close_reason: "first" } },
      "2026-01-01T00:00:05Z",
    ],
    [
      { operation: "issue_closed", issue_id: "s-1.1", payload: { close_reason: "second" } },
      "2026-01-01T00:00:09Z",
    ],
    [
      { operation: "note_appended", issue_id: "s-1", payload: { entry: "a" } },
      "2026-01-01T00:00:06Z",
    ],
    [
      { operation: "note_appended", issue_id: "s-1", payload: { entry: "b" } },
      "2026-01-01T00:00:07Z",
    ],
    [{ operation: "ready_marked", issue_id: "s-2", payload: {} }, "2026-01-01T00:00:08Z"],
  ]);

Deno.test("replay is deterministic, idempotent and independent of stream order", () => {
  const streams = sample();
  const forward = exportProjection(replay(streams).issues);
  assertEquals(exportProjection(replay([...streams].reverse()).issues), forward);
  assertEquals(exportProjection(replay(streams).issues), forward);
});

Deno.test("a repeated close keeps the last close; notes append; deps apply across streams", () => {
  const result = replay(sample());
  assertEquals(result.problems, []);
  assertEquals(result.redundantCloses, 1);
  const byId = new Map(result.issues.map((issue) => [issue.id, issue]));
  const phase = byId.get("s-1.1")!;
  assertEquals([phase.status, phase.close_reason, phase.closed_at], [
    "closed",
    "second",
    "2026-01-01T00:00:09Z",
  ]);
  assertEquals(byId.get("s-1")!.notes, "a\nb");
  assertEquals(byId.get("s-2")!.dependencies.map((dep) => dep.depends_on_id), ["s-1.1"]);
  assert(byId.get("s-2")!.is_ready_to_work);
});

Deno.test("remove cascades and strips dependencies on removed beads", () => {
  const streams = [
    ...sample(),
    ...streamsOf([[{
      operation: "issue_removed",
      issue_id: "s-1",
      payload: { cascade_removed_issue_ids: ["s-1.1"] },
    }, "2026-01-02T00:00:00Z"]]),
  ];
  // The remove belongs to stream s-1; merge it there so per-stream order holds.
  const s1 = streams.find((s) => s.streamId === "s-1")!;
  s1.events.push(...streams.pop()!.events.map((e) => ({ ...e, line: s1.events.length + 1 })));
  const result = replay(streams);
  assertEquals(result.issues.map((issue) => issue.id), ["s-2"]);
  assertEquals(result.issues[0].dependencies, []);
});

Deno.test("bad lines and unreplayable events are reported with file and line, never thrown", () => {
  const good = JSON.stringify(sample()[0].events[0].event);
  const text = [
    good,
    "not json",
    JSON.stringify({
      schema_version: 2,
      event_id: "x",
      timestamp: "t",
      actor: "a",
      operation: "issue_created",
      issue_id: "q",
      payload: { kind: "issue_created" },
    }),
    JSON.stringify({
      ...JSON.parse(good),
      issue_id: "ghost",
      operation: "issue_opened",
      event_id: "g",
      payload: { kind: "issue_opened" },
    }),
    good,
    '{"schema_version":1,"event_id":"s-1:0000',
  ].join("\n");
  const parsed = parseStreamText(text, "s-1.jsonl", "s-1");
  assertEquals(parsed.problems.map((p) => [p.line, p.torn ?? false]), [[2, false], [3, false], [
    6,
    true,
  ]]);
  assertEquals(parsed.problems[1].message.includes("schema_version"), true);
  const result = replay([parsed.stream]);
  assertEquals(result.issues.map((issue) => issue.id), ["s-1"]);
  assertEquals(result.problems.map((p) => p.line), [4, 5]);
  assertEquals(result.problems[0].message, "event references unknown issue: ghost");
  assertEquals(result.problems[1].duplicateOf, "s-1");
});
