import { assertEquals } from "../../../_helpers/assert.ts";
import {
  phaseLabel,
  phaseMembers,
  replyLines,
  type ReplyPhase,
} from "../../../../tui/ace/agents/reply.ts";
import { toolCalls, toolLines } from "../../../../tui/ace/agents/tools.ts";
import { metadataLines } from "../../../../tui/ace/agents/metadata.ts";
import type { ToolCallRecord } from "../../../../core/agent/records/tool_calls.ts";
import { lineText } from "../../../../tui/ace/segments.ts";
import { agentRow, items } from "../_agents.ts";

function local(h: number, m: number, s: number): string {
  return new Date(2026, 2, 28, h, m, s).toISOString();
}

function phase(
  text: string,
  chunks: Array<[number, string]>,
  overrides: Partial<ReplyPhase> = {},
): ReplyPhase {
  return {
    label: "PLANNER",
    startedAt: null,
    text,
    chunks: chunks.map(([byteOffset, timestamp]) => ({ byteOffset, timestamp })),
    truncated: false,
    ...overrides,
  };
}

Deno.test("phase labels from role suffixes", () => {
  assertEquals(
    [
      "a--plan",
      "a--code",
      "a--q",
      "a--epic",
      "a--legend",
      "a--commit",
      "a--2",
      "a.plan",
      "a-code",
      "a",
    ].map(
      phaseLabel,
    ),
    [
      "PLANNER",
      "CODER",
      "QUESTIONS",
      "EPIC",
      "LEGEND",
      "COMMIT",
      "PLANNER (round 2)",
      "PLANNER",
      "CODER",
      null,
    ],
  );
});

Deno.test("turn dividers mark blocks after the recorder's blank line; deltas are no turns", () => {
  // "héllo" is 6 bytes; the second block is written as "\n\n" + text at byte 6.
  const text = "héllo\n\nworld more\nend";
  const view = replyLines([
    phase(text, [[0, local(9, 0, 0)], [6, local(9, 5, 0)], [14, local(9, 5, 1)]]),
  ], 100);
  assertEquals(view.lines.map(lineText), [
    "── 03-28 09:00:00 ──",
    "héllo",
    "",
    "── 03-28 09:05:00 ──",
    "world more",
    "end",
  ]);
  assertEquals(view.more, false);
  assertEquals(replyLines([phase("one turn", [[0, local(9, 0, 0)]])], 10).lines.map(lineText), [
    "one turn",
  ]);
});

Deno.test("several phases get phase dividers; layout stops at the requested line count", () => {
  const phases = [
    phase("plan line 1\nplan line 2", [], { startedAt: local(8, 0, 0) }),
    phase("code", [], { label: "CODER", startedAt: local(9, 0, 0) }),
  ];
  assertEquals(replyLines(phases, 100).lines.map(lineText), [
    "── PLANNER · 03-28 08:00:00 ──",
    "plan line 1",
    "plan line 2",
    "── CODER · 03-28 09:00:00 ──",
    "code",
  ]);
  const two = replyLines(phases, 2);
  assertEquals([two.lines.length, two.more], [2, true]);
  assertEquals(replyLines([phase("a", [], { truncated: true })], 10).more, true);
  assertEquals(lineText(replyLines([phase("\x1b[2Jboom", [])], 5).lines[0]), "^[[2Jboom");
});

function record(
  event: "ToolUse" | "ToolResult",
  id: string,
  extra: Partial<ToolCallRecord> = {},
): ToolCallRecord {
  return {
    schema_version: 3,
    recorded_at: "2026-03-28T12:00:00Z",
    runtime: "claude",
    source: "stream",
    event,
    status: event === "ToolUse" ? "pending" : "success",
    tool_use_id: id,
    ...extra,
  };
}

Deno.test("tool calls pair by id: ok, fail, stop, agent, wait, with target, duration and preview", () => {
  const records = [
    record("ToolUse", "1", { tool_name: "Read", tool_input_summary: { file_path: "src/a.ts" } }),
    record("ToolUse", "2", { tool_name: "Bash", tool_input_summary: { command: "just test" } }),
    record("ToolResult", "1", {
      duration_ms: 12,
      tool_response_summary: { content_preview: "line1\nline2" },
    }),
    record("ToolResult", "2", {
      status: "failure",
      duration_ms: 61_000,
      tool_response_summary: { stderr_preview: "boom" },
    }),
    record("ToolUse", "3", { tool_name: "Task" }),
    record("ToolUse", "4", { tool_name: "Edit" }),
    record("ToolResult", "4", { status: "interrupted" }),
    record("ToolUse", "5", { tool_name: "Grep", tool_input_summary: { pattern: "x" } }),
  ];
  assertEquals(toolCalls(records).map((c) => c.label), ["ok", "fail", "agent", "stop", "wait"]);
  const lines = toolLines({ records, loadedAt: new Date(2026, 2, 28, 12, 0, 5), refreshing: true });
  assertEquals(lines.map(lineText), [
    "5 calls · 1 failed · 1 interrupted · 12:00:05 (refreshing...)",
    "ok    Read src/a.ts 12ms",
    "      line1 line2",
    "fail  Bash just test 1m01s",
    "      boom",
    "agent Task",
    "stop  Edit",
    "wait  Grep x",
  ]);
  assertEquals(
    toolLines({ records: null, loadedAt: new Date(), refreshing: false }).map(lineText),
    [
      "No tools artifact available",
    ],
  );
  assertEquals(
    toolLines({ records: [], loadedAt: new Date(2026, 0, 1), refreshing: false }).map(lineText)[1],
    "No tool calls recorded",
  );
});

Deno.test("metadata: fields, timestamps in time order, output and workflow variables", () => {
  const [item] = items([agentRow({ name: "a--plan", status: "DONE" })]);
  const meta = {
    started_at: local(8, 0, 0),
    agent_spawned_at: local(8, 0, 5),
    plan_times: [local(8, 30, 0), local(8, 10, 0)],
    finished_at: local(9, 0, 0),
    output_variables: {
      pr_url: "https://x/1",
      notes: "two\nlines",
      meta_changespec: "feat_1",
      meta_review_depth: "deep",
      ignored: 3,
    },
  };
  assertEquals(metadataLines(item, meta, [[{ text: "reply", style: "plain" }]]).map(lineText), [
    "Name: a--plan",
    "Status: DONE",
    "Model: opus",
    "Provider: claude",
    "Project: proj",
    "CL: feat_1",
    "  WAIT  2026-03-28 08:00:00",
    "  BEGIN 2026-03-28 08:00:05",
    "  PLAN  2026-03-28 08:10:00",
    "  PLAN  2026-03-28 08:30:00",
    "  DONE  2026-03-28 09:00:00",
    "OUTPUT VARIABLES:",
    "  notes: two",
    "      lines",
    "  pr_url: https://x/1",
    "WORKFLOW VARIABLES:",
    "  Review Depth: deep",
    "AGENT REPLY:",
    "reply",
  ]);
});

Deno.test("phase members: a plan family in start order with labels; a lone agent is one phase", () => {
  const all = items([
    agentRow({ name: "a--code", timestamp: "3" }),
    agentRow({ name: "a", timestamp: "1" }),
    agentRow({ name: "a--2", timestamp: "2" }),
    agentRow({ name: "a--code", timestamp: "4", project: "elsewhere" }),
    agentRow({ name: "ab--code", timestamp: "5" }),
    agentRow({ name: "solo", timestamp: "6" }),
  ]);
  assertEquals(phaseMembers(all[0], all).map((p) => [p.item.row.timestamp, p.label]), [
    ["1", "PLANNER"],
    ["2", "PLANNER (round 2)"],
    ["3", "CODER"],
  ]);
  assertEquals(phaseMembers(all[5], all).map((p) => p.label), ["AGENT"]);
  assertEquals(phaseMembers(all[4], all).map((p) => p.label), ["CODER"]);
});
