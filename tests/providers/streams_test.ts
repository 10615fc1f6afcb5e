import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import type { AgentEvent } from "../../core/provider_events.ts";
import { createProviderRegistry } from "../../providers/llm/registry.ts";

const registry = createProviderRegistry();

async function parseFixture(provider: string, file: string): Promise<AgentEvent[]> {
  const text = await Deno.readTextFile(new URL(`../fixtures/streams/${file}`, import.meta.url));
  const parser = registry.get(provider).createStreamParser();
  const events: AgentEvent[] = [];
  for (const line of text.split("\n")) events.push(...parser.push(line.replace(/\r$/, "")));
  events.push(...parser.end());
  return events;
}

function kinds<K extends AgentEvent["type"]>(
  events: AgentEvent[],
  type: K,
): Extract<AgentEvent, { type: K }>[] {
  return events.filter((event): event is Extract<AgentEvent, { type: K }> => event.type === type);
}

Deno.test("claude stream-json: session, text, deduplicable tool calls, usage, result, malformed line", async () => {
  const events = await parseFixture("claude", "claude.jsonl");
  assertEquals(events[0], { type: "session", sessionId: "5f2c1d3e-0000-4000-8000-000000000001" });
  assertEquals(kinds(events, "session").length, 1);
  assertEquals(kinds(events, "text").map((event) => (event as { text: string }).text), [
    "I'll list the files.",
    "There are two files.",
  ]);
  const uses = kinds(events, "tool_use");
  // The stream repeats toolu_01; the artifact writer dedupes by id.
  assertEquals(uses.map((event) => (event as { id: string }).id), ["toolu_01", "toolu_01"]);
  assertEquals(kinds(events, "tool_result"), [{
    type: "tool_result",
    id: "toolu_01",
    status: "success",
    output: { stdout: "README.md\nmain.ts", stderr: "", interrupted: false, isImage: false },
  }]);
  assertEquals(kinds(events, "usage"), [{
    type: "usage",
    usage: {
      input_tokens: 120,
      output_tokens: 45,
      cache_creation_input_tokens: 30,
      cache_read_input_tokens: 400,
    },
  }]);
  assertEquals(kinds(events, "result"), [{
    type: "result",
    ok: true,
    text: "There are two files.",
  }]);
  const diagnostics = kinds(events, "diagnostic");
  assertEquals(diagnostics.length, 1);
  assertStringIncludes((diagnostics[0] as { message: string }).message, "malformed JSON");
});

Deno.test("claude partial messages: each text block starts a block; the full repeat is dropped", async () => {
  const events = await parseFixture("claude", "claude_partial.jsonl");
  assertEquals(kinds(events, "text"), [
    { type: "text", text: "Let me ", delta: false },
    { type: "text", text: "look.", delta: true },
    { type: "text", text: "One file: ", delta: false },
    { type: "text", text: "a.txt.", delta: true },
  ]);
  assertEquals(kinds(events, "tool_use").map((event) => event.id), ["toolu_02"]);
});

Deno.test("claude not logged in: the CLI's error text becomes the failed result", async () => {
  const events = await parseFixture("claude", "claude_not_logged_in.jsonl");
  assertEquals(kinds(events, "result"), [{
    type: "result",
    ok: false,
    error: "Invalid API key · Please run /login",
  }]);
});

Deno.test("qwen stream-json: nested tool blocks, failure status, malformed tool block diagnostic", async () => {
  const events = await parseFixture("qwen", "qwen.jsonl");
  assertEquals(events[0], { type: "session", sessionId: "qwen-session-7" });
  assertEquals(kinds(events, "tool_use"), [{
    type: "tool_use",
    id: "call_abc",
    name: "read_file",
    input: { absolute_path: "/work/README.md" },
  }]);
  assertEquals((kinds(events, "tool_result")[0] as { status: string }).status, "failure");
  assertEquals(kinds(events, "diagnostic").length, 1);
  assertEquals(
    (kinds(events, "usage")[0] as { usage: { cache_read_input_tokens: number } }).usage
      .cache_read_input_tokens,
    10,
  );
  assertEquals((kinds(events, "result")[0] as { ok: boolean }).ok, true);
});

Deno.test("codex exec --json: thread id, item lifecycle, failed file change, mcp call, no usage", async () => {
  const events = await parseFixture("codex", "codex.jsonl");
  assertEquals(events[0], { type: "session", sessionId: "0199a213-81c0-7800-8aa1-bbab2a035a53" });
  assertEquals(kinds(events, "tool_use").map((event) => (event as { name: string }).name), [
    "command_execution",
    "file_change",
    "mcp:docs/search",
  ]);
  assertEquals(
    kinds(events, "tool_result").map((
      event,
    ) => [(event as { id: string }).id, (event as { status: string }).status]),
    [["item_1", "success"], ["item_2", "failure"], ["item_3", "success"]],
  );
  assertEquals(kinds(events, "text"), [{
    type: "text",
    text: "Repo contains docs and src.",
    delta: false,
  }]);
  assertEquals(kinds(events, "usage"), []);
  assertEquals(kinds(events, "diagnostic").length, 2);
  assertEquals(kinds(events, "result"), [{ type: "result", ok: true }]);
});

Deno.test("codex turn.failed: the failure message is the result error", async () => {
  const events = await parseFixture("codex", "codex_failed.jsonl");
  assertEquals(kinds(events, "error"), [{
    type: "error",
    message: "Reconnecting... 1/5",
    fatal: false,
  }]);
  assertEquals(kinds(events, "result"), [{
    type: "result",
    ok: false,
    error: "exceeded retry limit, last status: 429 Too Many Requests",
  }]);
});

Deno.test("opencode json: tool state with duration, text, usage accumulated across step_finish", async () => {
  const events = await parseFixture("opencode", "opencode.jsonl");
  assertEquals(events[0], { type: "session", sessionId: "ses_abc123" });
  assertEquals(kinds(events, "tool_result"), [{
    type: "tool_result",
    id: "call_1",
    name: "bash",
    status: "success",
    output: "a.txt\n",
    durationMs: 250,
  }]);
  assertEquals(kinds(events, "text"), [{ type: "text", text: "Found a.txt.", delta: false }]);
  const usages = kinds(events, "usage");
  assertEquals(usages.at(-1)!.usage, {
    input_tokens: 120,
    output_tokens: 17,
    cache_creation_input_tokens: 1,
    cache_read_input_tokens: 8,
  });
  assertEquals(kinds(events, "diagnostic").length, 2);
  assertEquals(registry.get("opencode").createStreamParser().expectsResult, false);
});

Deno.test("gemini stream-json: deltas, tool use/result, warning is not fatal, stats usage", async () => {
  const events = await parseFixture("gemini", "gemini.jsonl");
  assertEquals(events[0], { type: "session", sessionId: "gem-123" });
  // The first message after a tool call starts a new turn: a block of its own.
  assertEquals(kinds(events, "text"), [
    { type: "text", text: "There is ", delta: false },
    { type: "text", text: "one file.", delta: true },
  ]);
  assertEquals(kinds(events, "tool_use").length, 1);
  assertEquals(kinds(events, "error"), [{
    type: "error",
    message: "Loop detection is slow",
    fatal: false,
  }]);
  assertEquals(kinds(events, "diagnostic").length, 1);
  assertEquals(kinds(events, "usage")[0].usage, {
    input_tokens: 120,
    output_tokens: 30,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 40,
  });
  assertEquals(kinds(events, "result"), [{ type: "result", ok: true }]);
});

Deno.test("agy plain text: every line is reply text, ANSI and CR stripped, no result expected", async () => {
  const events = await parseFixture("agy", "agy.txt");
  const text = (events as { text: string }[]).map((event) => event.text).join("");
  assert(text.startsWith("Thinking about it\nThe answer is 42.\nDone.\n"), JSON.stringify(text));
  assertEquals(registry.get("agy").createStreamParser().expectsResult, false);
});
