import { assert, assertEquals, assertStringIncludes } from "../../../_helpers/assert.ts";
import { join } from "node:path";
import { RunRecorder } from "../../../../core/agent/records/recorder.ts";
import { readJsonl } from "../../../../core/fs/jsonl.ts";
import type { ToolCallRecord } from "../../../../core/agent/records/tool_calls.ts";
import { createProviderRegistry } from "../../../../providers/llm/registry.ts";

const registry = createProviderRegistry();

async function record(provider: string, fixture: string) {
  const dir = await Deno.makeTempDir({ prefix: "sase-recorder-" });
  const sessions: string[] = [];
  let echoed = "";
  const recorder = new RunRecorder({
    dir,
    runtime: provider,
    cwd: "/work",
    echo: (text) => echoed += text,
    onSession: (id) => Promise.resolve(void sessions.push(id)),
  });
  const parser = registry.get(provider).createStreamParser();
  const text = await Deno.readTextFile(
    new URL(`../../../fixtures/streams/${fixture}`, import.meta.url),
  );
  for (const line of text.split("\n")) {
    for (const event of parser.push(line)) await recorder.handle(event);
  }
  return { dir, recorder, sessions, echoed };
}

Deno.test("claude sample: tool calls deduped by id and redacted, usage.json, live reply + offsets", async () => {
  const { dir, recorder, sessions, echoed } = await record("claude", "claude.jsonl");
  try {
    assertEquals(sessions, ["5f2c1d3e-0000-4000-8000-000000000001"]);
    const rows = (await readJsonl<ToolCallRecord>(join(dir, "tool_calls.jsonl"))).records;
    assertEquals(rows.map((row) => [row.event, row.status, row.tool_use_id]), [
      ["ToolUse", "pending", "toolu_01"],
      ["ToolResult", "success", "toolu_01"],
    ]);
    assertEquals(rows[0].schema_version, 3);
    assertEquals(rows[0].runtime, "claude");
    assertEquals(rows[0].source, "stream");
    assertEquals(rows[0].session_id, "5f2c1d3e-0000-4000-8000-000000000001");
    assertEquals(rows[0].tool_input_summary, {
      command: "API_TOKEN=[REDACTED] ls -la",
      description: "List files",
    });
    assertEquals(rows[1].tool_name, "Bash");
    assertStringIncludes(String(rows[1].tool_response_summary?.stdout_preview), "README.md");
    assert(typeof rows[1].duration_ms === "number");

    assertEquals(JSON.parse(await Deno.readTextFile(join(dir, "usage.json"))), {
      input_tokens: 120,
      output_tokens: 45,
      cache_creation_input_tokens: 30,
      cache_read_input_tokens: 400,
    });
    const reply = await Deno.readTextFile(join(dir, "live_reply.md"));
    assertEquals(reply, "I'll list the files.\n\nThere are two files.");
    assertEquals(echoed, reply);
    assertEquals(recorder.reply, reply);
    const stamps =
      (await readJsonl<{ byte_offset: number }>(join(dir, "live_reply_timestamps.jsonl")))
        .records.map((row) => row.byte_offset);
    assertEquals(stamps, [0, new TextEncoder().encode("I'll list the files.").length]);
    const diagnostics = await readJsonl(join(dir, "stream_diagnostics.jsonl"));
    assertEquals(diagnostics.records.length, 1);
    assertEquals(recorder.result?.ok, true);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("codex sample: ToolUse/ToolResult rows with runtime codex; no usage.json", async () => {
  const { dir } = await record("codex", "codex.jsonl");
  try {
    const rows = (await readJsonl<ToolCallRecord>(join(dir, "tool_calls.jsonl"))).records;
    assertEquals(rows.length, 6);
    assert(rows.every((row) => row.runtime === "codex" && row.schema_version === 3));
    assertEquals(
      rows.find((row) => row.event === "ToolResult" && row.tool_use_id === "item_2")?.status,
      "failure",
    );
    assertEquals(rows[0].tool_input_summary, { command: "bash -lc ls" });
    assert(!(await Deno.stat(join(dir, "usage.json")).then(() => true, () => false)));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("opencode and gemini samples: usage lands in usage.json", async () => {
  for (
    const [provider, fixture, input] of [["opencode", "opencode.jsonl", 120], [
      "gemini",
      "gemini.jsonl",
      120,
    ]] as const
  ) {
    const { dir } = await record(provider, fixture);
    try {
      const usage = JSON.parse(await Deno.readTextFile(join(dir, "usage.json")));
      assertEquals(usage.input_tokens, input, provider);
      const rows = (await readJsonl<ToolCallRecord>(join(dir, "tool_calls.jsonl"))).records;
      assertEquals(rows.map((row) => row.event), ["ToolUse", "ToolResult"], provider);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  }
});

Deno.test("replies of several turns are separated by a blank line, with or without partial messages", async () => {
  for (
    const [provider, fixture, reply] of [
      ["claude", "claude.jsonl", "I'll list the files.\n\nThere are two files."],
      ["claude", "claude_partial.jsonl", "Let me look.\n\nOne file: a.txt."],
      ["gemini", "gemini.jsonl", "There is one file."],
    ]
  ) {
    const { dir, recorder, echoed } = await record(provider, fixture);
    try {
      assertEquals(await Deno.readTextFile(join(dir, "live_reply.md")), reply, fixture);
      assertEquals([recorder.reply, echoed], [reply, reply], fixture);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  }
});

Deno.test("a later invocation in the same run continues live_reply.md after a blank line", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sase-recorder-" });
  try {
    const texts: string[] = [];
    const first = new RunRecorder({ dir, runtime: "fakey", cwd: "/w", echo: (t) => texts.push(t) });
    await first.handle({ type: "text", text: "I wrote it.", delta: false });
    const second = new RunRecorder({
      dir,
      runtime: "fakey",
      cwd: "/w",
      echo: (t) => texts.push(t),
    });
    await second.handle({ type: "text", text: "Committed ", delta: true });
    await second.handle({ type: "text", text: "it.", delta: true });
    assertEquals(
      await Deno.readTextFile(join(dir, "live_reply.md")),
      "I wrote it.\n\nCommitted it.",
    );
    // Each recorder's reply is its own invocation's text; the echo shows the separator.
    assertEquals([first.reply, second.reply], ["I wrote it.", "Committed it."]);
    assertEquals(texts, ["I wrote it.", "\n\nCommitted ", "it."]);
    const offsets = (await readJsonl<{ byte_offset: number }>(
      join(dir, "live_reply_timestamps.jsonl"),
    )).records.map((row) => row.byte_offset);
    assertEquals(offsets, [0, 11, 23]);
    assertEquals(((await Deno.stat(join(dir, "live_reply.md"))).mode ?? 0) & 0o777, 0o600);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
