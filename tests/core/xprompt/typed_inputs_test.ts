/**
 * Typed xprompt inputs, pinned from the handbook (7.9.3 "Supported Types"):
 *
 *   word  -- no whitespace allowed      line  -- no newlines allowed (default type)
 *   text  -- any content                path  -- no whitespace
 *   int   (integer) must parse as an integer
 *   bool  (boolean) accepts true / false, yes / no, 1 / 0, on / off
 *   float -- must parse as a float
 *
 * and 7.7 (arguments are positional, then named; values map to inputs by
 * position). The words are spelled out here, not taken from the code.
 */
import { assertEquals, assertRejects, assertThrows } from "../../_helpers/assert.ts";
import { SaseError } from "../../../core/errors.ts";
import { expandXPrompts } from "../../../core/xprompt/expand.ts";
import { convertValue } from "../../../core/xprompt/bind_args.ts";
import { parseInputs } from "../../../core/xprompt/inputs.ts";
import { catalogOf } from "./_catalog.ts";

const expand = async (text: string, defs: Record<string, unknown>) =>
  (await expandXPrompts(text, { catalog: catalogOf(defs) })).text;

const flag = {
  f: {
    input: { v: { type: "bool" } },
    content: "{% if v %}TRUE{% else %}FALSE{% endif %}|{{ v }}",
  },
};

Deno.test("bool: exactly the handbook's words, each with its meaning (no is false, never true)", async () => {
  const truthy = ["true", "yes", "1", "on"];
  const falsy = ["false", "no", "0", "off"];
  for (const word of truthy) {
    assertEquals(await expand(`#f(${word})`, flag), "TRUE|True", word);
    assertEquals(await expand(`#f(v=${word})`, flag), "TRUE|True", word);
    assertEquals(convertValue("bool", word), true, word);
  }
  for (const word of falsy) {
    assertEquals(await expand(`#f(${word})`, flag), "FALSE|False", word);
    assertEquals(await expand(`#f(v=${word})`, flag), "FALSE|False", word);
    assertEquals(convertValue("bool", word), false, word);
  }
  // `#name+` is the handbook's shorthand for `#name:true`.
  assertEquals(await expand("#f+", flag), "TRUE|True");
  assertEquals(await expand("#f:no", flag), "FALSE|False");
  // The original compares the lowercased word: case does not matter.
  assertEquals(convertValue("bool", "YES"), true);
  assertEquals(convertValue("bool", "No"), false);
});

Deno.test("bool: every other word is refused, naming the xprompt and the input", async () => {
  for (
    const word of [
      "maybe",
      "y",
      "n",
      "t",
      "f",
      "2",
      "-1",
      "00",
      "enabled",
      "nope",
      "yes!",
      "true1",
      "none",
      "null_",
    ]
  ) {
    await assertRejects(
      () => expand(`#f(${word})`, flag),
      SaseError,
      `xprompt '#f' input 'v': invalid value '${word}'`,
    );
    assertThrows(() => convertValue("bool", word), Error, "expected true/false");
  }
  await assertRejects(() => expand(`#f("")`, flag), SaseError, "input 'v': invalid value ''");
});

Deno.test("int: integers only; 3abc, decimals and exponents are refused", async () => {
  const defs = { n: { input: { v: { type: "int" } }, content: "{{ v + 1 }}" } };
  for (const [word, next] of [["3", "4"], ["-3", "-2"], ["+3", "4"], ["0", "1"], ["007", "8"]]) {
    assertEquals(await expand(`#n(${word})`, defs), next, word);
  }
  assertEquals(convertValue("int", "42"), 42);
  for (const word of ["3abc", "abc", "3.0", "3.5", "1e3", "0x10", "3 4", "--3", "+-3", "٣", '""']) {
    await assertRejects(
      () => expand(`#n(${word})`, defs),
      SaseError,
      `xprompt '#n' input 'v': invalid value`,
    );
  }
  // `integer` is the handbook's alias of `int`.
  const aliased = { n: { input: { v: { type: "integer" } }, content: "{{ v * 2 }}" } };
  assertEquals(await expand("#n(21)", aliased), "42");
});

Deno.test("float: numbers only; 3abc, 1e, inf and nan are refused", async () => {
  const defs = { x: { input: { v: { type: "float" } }, content: "{{ v * 2 }}" } };
  const accepted: [string, number][] = [
    ["3", 3],
    ["3.5", 3.5],
    ["-0.5", -0.5],
    ["+2.5", 2.5],
    [".5", 0.5],
    ["5.", 5],
    ["1e3", 1000],
    ["1E-3", 0.001],
    ["2.5e+2", 250],
  ];
  for (const [word, value] of accepted) assertEquals(convertValue("float", word), value, word);
  assertEquals(await expand("#x(1.25)", defs), "2.5");
  for (const word of ["3abc", "abc", "1e", "e3", "3.5.1", "0x1p3", "inf", "nan", "1,5", "3 .5"]) {
    await assertRejects(
      () => expand(`#x(${JSON.stringify(word)})`, defs),
      SaseError,
      `xprompt '#x' input 'v': invalid value '${word}'`,
    );
    assertThrows(() => convertValue("float", word), Error, "expected a number");
  }
});

Deno.test("word, path, line, text: whitespace and newline rules", () => {
  assertEquals(convertValue("word", "alice"), "alice");
  assertEquals(convertValue("path", "src/a.ts"), "src/a.ts");
  for (const type of ["word", "path"] as const) {
    for (const bad of ["two words", "tab\there", "new\nline"]) {
      assertThrows(() => convertValue(type, bad), Error, "may not contain whitespace");
    }
  }
  assertEquals(convertValue("line", "one line, with spaces"), "one line, with spaces");
  assertThrows(() => convertValue("line", "a\nb"), Error, "may not contain newlines");
  assertEquals(convertValue("text", "a\nb  c"), "a\nb  c");
});

Deno.test("calls: an empty argument or one positional too many is an error naming the input", async () => {
  const defs = {
    two: {
      input: { a: { type: "word" }, b: { type: "text", default: "B" } },
      content: "{{ a }}/{{ b }}",
    },
    free: "[{1}|{2:-}]",
  };
  assertEquals(await expand("#two(x)", defs), "x/B");
  assertEquals(await expand("#two(x, y)", defs), "x/y");
  assertEquals(await expand('#two(x, "")', defs), "x/");
  await assertRejects(
    () => expand("#two(x,,y)", defs),
    SaseError,
    "xprompt '#two' takes at most 2 positional arguments (a, b) but 3 were given",
  );
  await assertRejects(
    () => expand("#two(x,)", defs),
    SaseError,
    "xprompt '#two' input 'b' (argument 2) is empty",
  );
  await assertRejects(
    () => expand("#two(,y)", defs),
    SaseError,
    "xprompt '#two' input 'a' (argument 1) is empty",
  );
  await assertRejects(
    () => expand("#two(x, b=)", defs),
    SaseError,
    "xprompt '#two' input 'b' is empty",
  );
  await assertRejects(() => expand("#two:x,,y", defs), SaseError, "takes at most 2 positional");
  // A trailing comma is not part of a colon argument (it ends at the last word character).
  assertEquals(await expand("#two:x, then", defs), "x/B, then");
  await assertRejects(() => expand("#two:,x", defs), SaseError, "input 'a' (argument 1) is empty");
  await assertRejects(
    () => expand("#two(x, y, z)", defs),
    SaseError,
    "xprompt '#two' takes at most 2 positional arguments (a, b) but 3 were given",
  );
  // An xprompt without declared inputs takes any number of arguments, but none blank.
  assertEquals(await expand("#free(a, b)", defs), "[a|b]");
  assertEquals(await expand("#free(a)", defs), "[a|-]");
  await assertRejects(
    () => expand("#free(a,,b)", defs),
    SaseError,
    "xprompt '#free' argument 2 is empty",
  );
});

Deno.test("declarations: a mapping whose name, type or description is not text is refused", () => {
  const refused = [5, true, [], ["word"], { type: 3 }, { description: ["x"] }, { name: 7 }];
  for (const entry of refused) {
    assertThrows(
      () => parseInputs({ v: entry }, "f.md (#f)"),
      SaseError,
      "f.md (#f): input 'v' must be a type name or a mapping",
    );
  }
  // Other keys ride along; a mapping without a type is a line; a default makes it optional.
  assertEquals(parseInputs({ v: { type: "int", default: 3, note: "x" } }, "f.md"), [
    { name: "v", type: "int", required: false, description: undefined, default: 3 },
  ]);
  assertEquals(parseInputs({ v: { description: "why" } }, "f.md"), [
    { name: "v", type: "line", required: true, description: "why" },
  ]);
});
