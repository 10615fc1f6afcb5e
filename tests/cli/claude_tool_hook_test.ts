import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { join } from "node:path";
import { readJsonl } from "../../core/fs/jsonl.ts";
import { RunRecorder } from "../../core/agent/records/recorder.ts";
import type { ToolCallRecord } from "../../core/agent/records/tool_calls.ts";

const SESSION = "6a1b2c3d-0000-4000-8000-00000000abcd";

function pre(id: string, command = "API_TOKEN=abc ls -la") {
  return {
    session_id: SESSION,
    transcript_path: "/tmp/transcript.jsonl",
    cwd: "/work/ws",
    permission_mode: "bypassPermissions",
    hook_event_name: "PreToolUse",
    tool_name: "Bash",
    tool_input: { command, description: "List files" },
    tool_use_id: id,
  };
}

function post(id: string, response: Record<string, unknown> = {}) {
  return {
    ...pre(id),
    hook_event_name: "PostToolUse",
    tool_response: { stdout: "README.md\nmain.ts", stderr: "", interrupted: false, ...response },
  };
}

async function hook(sandbox: Sandbox, artifactsDir: string | undefined, stdin: string) {
  const env = artifactsDir ? { ...sandbox.env, SASE_ARTIFACTS_DIR: artifactsDir } : sandbox.env;
  return await runSase(["__claude-tool-hook"], { env, cwd: sandbox.cwd, stdin });
}

async function toolRows(dir: string): Promise<ToolCallRecord[]> {
  return (await readJsonl<ToolCallRecord>(join(dir, "tool_calls.jsonl"))).records;
}

async function diagnostics(dir: string): Promise<Record<string, unknown>[]> {
  return (await readJsonl<Record<string, unknown>>(join(dir, "tool_calls_writer_errors.jsonl")))
    .records;
}

Deno.test("PreToolUse then PostToolUse payloads become one hook row each (schema 3)", async () => {
  await using sandbox = await makeSandbox();
  const dir = join(sandbox.root, "artifacts");
  const started = await hook(sandbox, dir, JSON.stringify(pre("toolu_A")));
  assertEquals([started.code, started.stdout], [0, ""]);
  const ended = await hook(sandbox, dir, JSON.stringify(post("toolu_A")));
  assertEquals([ended.code, ended.stdout], [0, ""]);

  const [use, result] = await toolRows(dir);
  assertEquals(use.schema_version, 3);
  assertEquals([use.source, use.runtime, use.hook_event, use.event], [
    "hook",
    "claude",
    "PreToolUse",
    "ToolUse",
  ]);
  assertEquals([use.status, use.tool_name, use.tool_use_id, use.session_id], [
    "pending",
    "Bash",
    "toolu_A",
    SESSION,
  ]);
  assertEquals(use.tool_input_summary, {
    command: "API_TOKEN=[REDACTED] ls -la",
    description: "List files",
  });
  assertEquals([result.event, result.status, result.hook_event], [
    "ToolResult",
    "success",
    "PostToolUse",
  ]);
  assertStringIncludes(String(result.tool_response_summary?.stdout_preview), "README.md");
  assert(typeof result.duration_ms === "number" && result.duration_ms >= 0);
  assertEquals(await diagnostics(dir), []);
});

Deno.test("hook rows win over stream rows for the same tool-use id, whichever lands first", async () => {
  await using sandbox = await makeSandbox();
  const dir = join(sandbox.root, "artifacts");
  const recorder = new RunRecorder({ dir, runtime: "claude", cwd: sandbox.cwd });
  // The stream announces the call before the hook runs...
  await recorder.handle({
    type: "tool_use",
    id: "toolu_B",
    name: "Bash",
    input: { command: "ls" },
  });
  assertEquals((await toolRows(dir)).map((row) => row.source), ["stream"]);
  assertEquals((await hook(sandbox, dir, JSON.stringify(pre("toolu_B")))).code, 0);
  // ...and reports the result after the PostToolUse hook did.
  assertEquals((await hook(sandbox, dir, JSON.stringify(post("toolu_B")))).code, 0);
  await recorder.handle({ type: "tool_result", id: "toolu_B", status: "success", output: "x" });

  const rows = await toolRows(dir);
  assertEquals(rows.map((row) => [row.event, row.source, row.tool_use_id]), [
    ["ToolUse", "hook", "toolu_B"],
    ["ToolResult", "hook", "toolu_B"],
  ]);
});

Deno.test("hook processes racing the stream writer: one row per call and event", async () => {
  await using sandbox = await makeSandbox();
  const dir = join(sandbox.root, "artifacts");
  const recorder = new RunRecorder({ dir, runtime: "claude", cwd: sandbox.cwd });
  const ids = ["toolu_1", "toolu_2", "toolu_3"];
  await Promise.all([
    ...ids.map((id) => hook(sandbox, dir, JSON.stringify(pre(id)))),
    (async () => {
      for (const id of ids) {
        await recorder.handle({ type: "tool_use", id, name: "Bash", input: { command: "ls" } });
      }
    })(),
  ]);
  const rows = await toolRows(dir);
  assertEquals(rows.map((row) => row.tool_use_id).sort(), ids);
  assert(rows.every((row) => row.source === "hook"));
});

Deno.test("bad input never fails the tool call: exit 0, diagnostics instead of rows", async () => {
  await using sandbox = await makeSandbox();
  const dir = join(sandbox.root, "artifacts");
  const results = await Promise.all([
    hook(sandbox, dir, "{not json"),
    hook(sandbox, dir, JSON.stringify({ hook_event_name: "Notification", message: "hi" })),
    hook(sandbox, dir, JSON.stringify([1, 2])),
    hook(sandbox, dir, JSON.stringify({ ...pre("x"), tool_use_id: undefined })),
    hook(sandbox, dir, ""),
    hook(sandbox, undefined, JSON.stringify(pre("toolu_nodir"))),
  ]);
  assertEquals(results.map((result) => result.code), [0, 0, 0, 0, 0, 0]);
  assertEquals(results.map((result) => result.stdout + result.stderr).join(""), "");
  assertEquals(await toolRows(dir), []);
  const reasons = (await diagnostics(dir)).map((row) => row.reason).sort();
  assertEquals(reasons, [
    "invalid_json",
    "invalid_payload",
    "missing_tool_use_id",
    "unsupported_hook_event",
  ]);
});

Deno.test("a failed or interrupted call is recorded with that status", async () => {
  await using sandbox = await makeSandbox();
  const dir = join(sandbox.root, "artifacts");
  await hook(sandbox, dir, JSON.stringify(post("toolu_F", { is_error: true })));
  await hook(sandbox, dir, JSON.stringify(post("toolu_I", { interrupted: true })));
  const rows = await toolRows(dir);
  const byId = Object.fromEntries(rows.map((row) => [row.tool_use_id, row]));
  assertEquals(byId.toolu_F.status, "failure");
  assertEquals(byId.toolu_I.status, "interrupted");
  assertEquals(byId.toolu_I.is_interrupt, true);
});
