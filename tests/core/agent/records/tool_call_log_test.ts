import { assert, assertEquals } from "../../../_helpers/assert.ts";
import { join } from "node:path";
import { readJsonl } from "../../../../core/fs/jsonl.ts";
import {
  appendToolCallDiagnostic,
  appendToolCallRecord,
} from "../../../../core/agent/records/tool_call_log.ts";
import {
  claudeHookRecord,
  type ToolCallRecord,
  toolResultRecord,
  toolUseRecord,
} from "../../../../core/agent/records/tool_calls.ts";

const context = { runtime: "claude", now: new Date("2026-01-02T03:04:05.000Z") };

function streamUse(id: string): ToolCallRecord {
  return toolUseRecord({ type: "tool_use", id, name: "Bash", input: { command: "ls" } }, context);
}

function hookUse(id: string, at = "2026-01-02T03:04:05.500Z"): ToolCallRecord {
  return claudeHookRecord({
    hook_event_name: "PreToolUse",
    tool_name: "Bash",
    tool_use_id: id,
    tool_input: { command: "ls -la", description: "list" },
  }, { now: new Date(at) })!;
}

async function rows(path: string) {
  return (await readJsonl<ToolCallRecord>(path)).records;
}

async function withLog(fn: (path: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "sase-toolcalls-" });
  try {
    await fn(join(dir, "tool_calls.jsonl"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("a hook row replaces the stream row for the same call in place", () =>
  withLog(async (path) => {
    assertEquals(await appendToolCallRecord(path, streamUse("toolu_1")), "appended");
    assertEquals(await appendToolCallRecord(path, streamUse("toolu_2")), "appended");
    assertEquals(await appendToolCallRecord(path, hookUse("toolu_1")), "replaced");
    const written = await rows(path);
    assertEquals(written.map((row) => [row.tool_use_id, row.source]), [
      ["toolu_1", "hook"],
      ["toolu_2", "stream"],
    ]);
    assertEquals(written[0].tool_input_summary, { command: "ls -la", description: "list" });
  }));

Deno.test("a stream row after the hook row, or a repeated hook row, is dropped", () =>
  withLog(async (path) => {
    assertEquals(await appendToolCallRecord(path, hookUse("toolu_1")), "appended");
    assertEquals(await appendToolCallRecord(path, streamUse("toolu_1")), "duplicate");
    assertEquals(await appendToolCallRecord(path, hookUse("toolu_1")), "duplicate");
    // ToolUse and ToolResult of one call are different rows.
    const result = toolResultRecord(
      { type: "tool_result", id: "toolu_1", status: "success", output: "ok" },
      context,
    );
    assertEquals(await appendToolCallRecord(path, result), "appended");
    assertEquals((await rows(path)).map((row) => [row.event, row.source]), [
      ["ToolUse", "hook"],
      ["ToolResult", "stream"],
    ]);
  }));

Deno.test("a result row without a duration gets one from its ToolUse row", () =>
  withLog(async (path) => {
    await appendToolCallRecord(path, hookUse("toolu_9", "2026-01-02T03:04:05.000Z"));
    const post = claudeHookRecord({
      hook_event_name: "PostToolUse",
      tool_name: "Bash",
      tool_use_id: "toolu_9",
      tool_response: { stdout: "a\nb", stderr: "", interrupted: false },
    }, { now: new Date("2026-01-02T03:04:06.250Z") })!;
    await appendToolCallRecord(path, post);
    const [, result] = await rows(path);
    assertEquals(result.duration_ms, 1250);
    assertEquals(result.status, "success");
  }));

Deno.test("a torn last line is not glued to the next row", () =>
  withLog(async (path) => {
    await Deno.writeTextFile(path, '{"event":"ToolUse","tool_use_id":"x"');
    await appendToolCallRecord(path, streamUse("toolu_1"));
    const read = await readJsonl<ToolCallRecord>(path);
    assertEquals(read.records.map((row) => row.tool_use_id), ["toolu_1"]);
    assertEquals(read.problems.length, 1);
  }));

Deno.test("concurrent writers of both kinds leave exactly one row per call and event", () =>
  withLog(async (path) => {
    const ids = Array.from({ length: 20 }, (_, index) => `toolu_${index}`);
    await Promise.all(
      ids.flatMap((id) => [
        appendToolCallRecord(path, streamUse(id)),
        appendToolCallRecord(path, hookUse(id)),
        appendToolCallRecord(path, streamUse(id)),
      ]),
    );
    const written = await rows(path);
    assertEquals(written.length, ids.length);
    assert(written.every((row) => row.source === "hook"));
    assertEquals(new Set(written.map((row) => row.tool_use_id)).size, ids.length);
  }));

Deno.test("diagnostics are appended with bounded strings; no directory means no-op", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sase-toolcalls-" });
  try {
    await appendToolCallDiagnostic(undefined, "ignored");
    await appendToolCallDiagnostic(dir, "invalid_json", { raw_preview: "x".repeat(1000) });
    const [row] = (await readJsonl<Record<string, string>>(
      join(dir, "tool_calls_writer_errors.jsonl"),
    )).records;
    assertEquals(row.reason, "invalid_json");
    assert(row.raw_preview.length < 300);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
