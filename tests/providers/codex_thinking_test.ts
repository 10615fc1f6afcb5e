import { assert, assertEquals } from "../_helpers/assert.ts";
import { join } from "node:path";
import type { AgentEvent } from "../../core/provider_events.ts";
import { RunRecorder } from "../../core/agent/records/recorder.ts";
import { readJsonl } from "../../core/fs/jsonl.ts";
import { createCodexStreamParser } from "../../providers/llm/streams/codex_stream.ts";
import { createClaudeStreamParser } from "../../providers/llm/streams/claude_stream.ts";

const item = (kind: string, body: Record<string, unknown>) =>
  JSON.stringify({ type: kind, item: body });

const STREAM = [
  JSON.stringify({ type: "thread.started", thread_id: "thread-1" }),
  item("item.completed", { id: "r0", type: "reasoning", text: "**Listing files**" }),
  item("item.started", {
    id: "c1",
    type: "command_execution",
    command: "/bin/bash -lc 'ls -la src'",
    status: "in_progress",
  }),
  item("item.completed", {
    id: "c1",
    type: "command_execution",
    command: "bash -lc ls",
    aggregated_output: "src\n",
    exit_code: 0,
    status: "completed",
  }),
  // Older builds: summary parts instead of text.
  item("item.completed", {
    id: "r1",
    type: "reasoning",
    summary: [{ type: "summary_text", text: "Plan edit" }, { type: "summary_text", text: "then" }],
  }),
  item("item.started", { id: "f2", type: "file_change", changes: [{ path: "src/a.ts" }] }),
  item("item.completed", { id: "r2", type: "reasoning", text: "superseded" }),
  item("item.completed", { id: "r3", type: "reasoning", text: "Ready to answer" }),
  item("item.completed", { id: "m4", type: "agent_message", text: "Repo has src." }),
  item("item.completed", { id: "r5", type: "reasoning", text: "trailing thought" }),
  JSON.stringify({ type: "turn.completed", usage: {} }),
];

async function record(lines: string[], runtime: string, parser = createCodexStreamParser()) {
  const dir = await Deno.makeTempDir({ prefix: "sase-thinking-" });
  const recorder = new RunRecorder({ dir, runtime, cwd: "/work" });
  const events: AgentEvent[] = [];
  for (const line of lines) events.push(...parser.push(line));
  events.push(...parser.end());
  for (const event of events) await recorder.handle(event);
  return { dir, events };
}

Deno.test("codex reasoning items land in codex_thinking.jsonl with the action they led to", async () => {
  const { dir, events } = await record(STREAM, "codex");
  try {
    const rows = (await readJsonl<Record<string, string>>(join(dir, "codex_thinking.jsonl")))
      .records;
    assertEquals(rows.map(({ text, following_action }) => ({ text, following_action })), [
      { text: "**Listing files**", following_action: "Bash `ls`" },
      { text: "Plan edit\nthen", following_action: "Edit a.ts" },
      { text: "superseded", following_action: undefined },
      { text: "Ready to answer", following_action: "Repo has src." },
      { text: "trailing thought", following_action: undefined },
    ]);
    assert(rows.every((row) => !Number.isNaN(Date.parse(row.timestamp))));
    // The thinking event comes right before the action it describes.
    const order = events.map((event) => event.type);
    assertEquals(order.indexOf("thinking") + 1, order.indexOf("tool_use"));
    assertEquals(await Deno.readTextFile(join(dir, "live_reply.md")), "Repo has src.");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a reasoning item pending when the stream ends is still written", async () => {
  const lines = [item("item.completed", { id: "r0", type: "reasoning", text: "cut off" })];
  const { dir } = await record(lines, "codex");
  try {
    const rows = (await readJsonl<Record<string, string>>(join(dir, "codex_thinking.jsonl")))
      .records;
    assertEquals(rows.map((row) => row.text), ["cut off"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("providers that emit no reasoning write no thinking artifact", async () => {
  const claude = [
    JSON.stringify({ type: "system", subtype: "init", session_id: "s" }),
    JSON.stringify({
      type: "assistant",
      message: {
        content: [{ type: "thinking", thinking: "hidden" }, { type: "text", text: "hi" }],
      },
    }),
  ];
  const { dir } = await record(claude, "claude", createClaudeStreamParser());
  try {
    const names = (await Array.fromAsync(Deno.readDir(dir))).map((entry) => entry.name);
    assert(!names.some((name) => name.endsWith("_thinking.jsonl")), names.join(","));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
