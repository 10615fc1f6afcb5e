/**
 * Output parsing (JSON → key=value → raw), coercion to declared types,
 * validation, joins, and the workflow template conventions.
 */

import { assertEquals, assertThrows } from "../../_helpers/assert.ts";
import {
  checkOutput,
  coerceValue,
  OutputValidationError,
  parseOutputText,
  parseStepOutput,
} from "../../../core/workflow/output_parse.ts";
import { parseOutputSpec } from "../../../core/workflow/output_spec.ts";
import { joinIterations, joinParallel, resultText } from "../../../core/workflow/joins.ts";
import {
  evaluateCondition,
  evaluateList,
  jsonDumps,
  renderTemplate,
} from "../../../core/workflow/render.ts";

const spec = (raw: unknown) => parseOutputSpec(raw, "test")!;

Deno.test("output: JSON first, then key=value lines, then the raw text", () => {
  assertEquals(parseOutputText('{"a": 1, "b": [2]}', "script"), { a: 1, b: [2] });
  assertEquals(parseOutputText("[1, 2]", "script"), [1, 2]);
  // Lines that are not key=value are ignored once any is.
  assertEquals(parseOutputText("compiling...\nstatus=ok\n  count = 3\nname=a=b", "script"), {
    status: "ok",
    name: "a=b",
  });
  assertEquals(parseOutputText("just text\n", "script"), { _output: "just text" });
  assertEquals(parseOutputText("   ", "script"), {});
  assertEquals(parseOutputText("{not json", "script"), { _output: "{not json" });
});

Deno.test("output: agents may carry JSON in a fenced block; the last valid block wins", () => {
  const reply = 'Plan:\n```json\n{"plan": "old"}\n```\nRevised:\n```json\n{"plan": "new"}\n```';
  assertEquals(parseOutputText(reply, "agent"), { plan: "new" });
  assertEquals(parseOutputText("I am done.", "agent"), { _raw: "I am done." });
  // Without an output spec an agent's reply is kept whole.
  assertEquals(parseStepOutput("x=1", undefined, "agent"), { _raw: "x=1" });
});

Deno.test("output: key=value strings are coerced to the declared types", () => {
  const parsed = parseStepOutput(
    "ok=true\nno=0\nn=-42\nf=2.5\nw=word\n",
    spec({ ok: "bool", no: "bool", n: "int", f: "float", w: "word" }),
    "script",
  );
  assertEquals(parsed, { ok: true, no: false, n: -42, f: 2.5, w: "word" });
  for (const [text, value] of [["yes", true], ["On", true], ["off", false], ["", false]] as const) {
    assertEquals(coerceValue(text, "bool"), value);
  }
  assertEquals(coerceValue("maybe", "bool"), "maybe");
  assertEquals(coerceValue("1.5", "int"), "1.5");
  assertEquals(coerceValue(7, "int"), 7);
});

Deno.test("output: defaults fill missing optional fields; violations name the field", () => {
  const withDefault = spec({ name: "word", priority: { type: "int", default: 0 } });
  assertEquals(parseStepOutput("name=x", withDefault, "script"), { name: "x", priority: 0 });
  assertThrows(
    () => parseStepOutput("priority=1", withDefault, "script"),
    OutputValidationError,
    "field 'name' is missing",
  );
  assertThrows(
    () => parseStepOutput("name=two words", withDefault, "script"),
    OutputValidationError,
    `field 'name' must be one word (no whitespace), got "two words"`,
  );
  const lines = spec({ text: "line" });
  assertThrows(
    () => checkOutput({ text: "a\nb" }, lines),
    OutputValidationError,
    `field 'text' must be one line, got "a\\nb"`,
  );
});

Deno.test("output: list specs take a JSON list of objects, each coerced", () => {
  const items = spec([{ name: "word", priority: { type: "int", default: 0 } }]);
  assertEquals(
    parseStepOutput('[{"name": "a", "priority": "2"}, {"name": "b"}]', items, "script"),
    [{ name: "a", priority: 2 }, { name: "b", priority: 0 }],
  );
  assertThrows(
    () => parseStepOutput('[{"priority": 1}]', items, "script"),
    OutputValidationError,
    "field '0.name' is missing",
  );
});

Deno.test("joins: loops default to array; text, lastOf and object joins", () => {
  const results = [{ line: "a" }, { line: "b", n: 2 }, { _output: "raw c" }];
  assertEquals(joinIterations(results, "array"), results);
  assertEquals(joinIterations(results, "lastOf"), { _output: "raw c" });
  assertEquals(joinIterations(results, "text"), "line=a\nline=b\nn=2\nraw c");
  assertEquals(joinIterations([{ a: 1 }, { b: 2 }, { a: 3 }], "object"), { a: 3, b: 2 });
  assertEquals(joinIterations([], "lastOf"), []);
  assertEquals(resultText({ list: [1, "x"] }), 'list=[1, "x"]');
  const entries: [string, unknown][] = [["a", { k: 1 }], ["b", { k: 2 }]];
  assertEquals(joinParallel(entries, "object"), { a: { k: 1 }, b: { k: 2 } });
  assertEquals(joinParallel(entries, "array"), [{ k: 1 }, { k: 2 }]);
  assertEquals(joinParallel(entries, "lastOf"), { k: 2 });
  assertEquals(joinParallel(entries, "text"), "k=1\nk=2");
});

Deno.test("templates: booleans print lowercase; tojson is Python-aware at the top level", async () => {
  const context = { ok: true, none: null, items: [true, null, "é"], name: "x" };
  assertEquals(await renderTemplate("{{ ok }} {{ not ok }}", context), "true false");
  assertEquals(
    await renderTemplate("{{ ok | tojson }} {{ none | tojson }} {{ items | tojson }}", context),
    'True None [true, null, "\\u00e9"]',
  );
  assertEquals(await renderTemplate("plain {text}", context), "plain {text}");
  assertEquals(jsonDumps({ b: 1, a: "x" }), '{"b": 1, "a": "x"}');
});

Deno.test("conditions: empty, false, none, 0, [] and {} are false; render errors are false", async () => {
  const context = { zero: 0, empty: [], map: {}, text: "False", step: {} };
  for (const condition of ["", "{{ zero }}", "{{ empty }}", "{{ map }}", "{{ text }}", "None"]) {
    assertEquals(await evaluateCondition(condition, context), false, condition);
  }
  assertEquals(await evaluateCondition("{{ step.approved }}", context), false);
  for (const condition of ["{{ 1 }}", "yes", "{{ [0] }}", "{{ text == 'False' }}"]) {
    assertEquals(await evaluateCondition(condition, context), true, condition);
  }
});

Deno.test("for lists: expressions, literal lists, JSON and Python list text", () => {
  const context = { json: '["a", "b"]', python: "['c', 'd']", list: [1, 2], word: "solo" };
  assertEquals(evaluateList("{{ json }}", context), ["a", "b"]);
  assertEquals(evaluateList("{{ python }}", context), ["c", "d"]);
  assertEquals(evaluateList("{{ list }}", context), [1, 2]);
  assertEquals(evaluateList("[1, 2, 3]", context), [1, 2, 3]);
  assertEquals(evaluateList("['x', 'y']", context), ["x", "y"]);
  assertEquals(evaluateList("{{ word }}", context), ["solo"]);
  assertEquals(evaluateList("{{ list | length }}", context), [2]);
});
