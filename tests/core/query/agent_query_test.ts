import { assertEquals, assertThrows } from "../../_helpers/assert.ts";
import { AgentQueryError, parseAgentQuery } from "../../../core/query/agent/parse.ts";
import { type AgentQueryTarget, matchesAgentQuery } from "../../../core/query/agent/evaluate.ts";

const NOW = Date.parse("2026-03-28T12:00:00Z");

function target(overrides: Partial<AgentQueryTarget> = {}): AgentQueryTarget {
  return {
    clName: "auth_fix_1",
    displayName: "build-0",
    agentName: "build-0",
    status: "RUNNING",
    project: "sase",
    model: "opus",
    provider: "claude",
    tag: null,
    hidden: false,
    isWorkflow: false,
    fromAxe: false,
    attention: false,
    startedMs: NOW - 10 * 60_000,
    ...overrides,
  };
}

function matches(query: string, t = target(), content?: string): boolean {
  return matchesAgentQuery(
    parseAgentQuery(query),
    t,
    NOW,
    content === undefined ? undefined : () => content,
  );
}

Deno.test("agent query: keys match substrings, tag exactly, booleans and enums by value", () => {
  assertEquals(matches("status:run"), true);
  assertEquals(matches("status:done"), false);
  assertEquals(matches("cl:AUTH"), true);
  assertEquals(matches("name:build"), true);
  assertEquals(matches("provider:cla model:opu project:sa"), true);
  assertEquals(matches("tag:pin", target({ tag: "pinned" })), false);
  assertEquals(matches("tag:PINNED", target({ tag: "pinned" })), true);
  assertEquals(matches("tag:", target({ tag: "x" })), true);
  assertEquals(matches("tag:", target()), false);
  assertEquals(matches("pinned:true", target({ tag: "pinned" })), true);
  assertEquals(matches("pinned:false", target({ tag: "pinned" })), false);
  assertEquals(matches("hidden:true"), false);
  assertEquals(matches("attention:true", target({ attention: true })), true);
  assertEquals(matches("needs:input", target({ status: "QUESTION" })), true);
  assertEquals(matches("needs:input"), false);
  assertEquals(matches("type:workflow", target({ isWorkflow: true })), true);
  assertEquals(matches("type:run", target({ isWorkflow: true })), false);
  assertEquals(matches("source:axe", target({ fromAxe: true })), true);
  assertEquals(matches("source:manual"), true);
});

Deno.test("agent query: age compares the time since start; ':' means >=; no start never matches", () => {
  assertEquals(matches("age<5m"), false);
  assertEquals(matches("age<11m"), true);
  assertEquals(matches("age>=10m"), true);
  assertEquals(matches("age>10m"), false);
  assertEquals(matches("age:600s"), true);
  assertEquals(matches("age:1d"), false);
  assertEquals(matches("age<=1h"), true);
  assertEquals(matches("age<1d", target({ startedMs: null })), false);
});

Deno.test('agent query: bare words search metadata then content; c"" is case-sensitive on metadata', () => {
  assertEquals(matches("BUILD"), true);
  assertEquals(matches("parser"), false);
  assertEquals(matches("parser", target(), "fix the Parser"), true);
  assertEquals(matches("text:parser", target(), "fix the parser"), true);
  assertEquals(matches('c"BUILD"'), false);
  assertEquals(matches('c"build"'), true);
  assertEquals(matches('"build-0"'), true);
});

Deno.test("agent query: NOT > AND > OR, juxtaposition is AND, ! is NOT", () => {
  assertEquals(matches("status:done OR status:running model:gpt"), false);
  assertEquals(matches("status:running model:gpt OR status:running"), true);
  assertEquals(matches("NOT status:done AND model:opus"), true);
  assertEquals(matches("!status:running OR model:opus"), true);
  assertEquals(matches("!(status:running OR model:gpt)"), false);
});

Deno.test("agent query: errors name the fault and its position", () => {
  assertThrows(
    () => parseAgentQuery("(status:running"),
    AgentQueryError,
    "Expected ')', got end of query (at position 15)",
  );
  assertThrows(() => parseAgentQuery(""), AgentQueryError, "Empty query (at position 0)");
  assertThrows(
    () => parseAgentQuery("color:red"),
    AgentQueryError,
    "Unknown key 'color' (at position 0)",
  );
  assertThrows(
    () => parseAgentQuery("pinned:yes"),
    AgentQueryError,
    "'pinned' takes true or false, got 'yes'",
  );
  assertThrows(
    () => parseAgentQuery("x age<5y"),
    AgentQueryError,
    "Expected age<N, age>=N or age:N with s/m/h/d, got 'age<5y' (at position 2)",
  );
  assertThrows(
    () => parseAgentQuery('"open'),
    AgentQueryError,
    "Unterminated string (at position 0)",
  );
  assertThrows(() => parseAgentQuery("a )"), AgentQueryError, "Unexpected ')' (at position 2)");
  assertThrows(
    () => parseAgentQuery("a OR"),
    AgentQueryError,
    "Unexpected end of query (at position 4)",
  );
});
