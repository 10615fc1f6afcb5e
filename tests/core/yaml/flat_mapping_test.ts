import { parse } from "yaml";
import { assertEquals } from "../../_helpers/assert.ts";
import { parseFlatMapping } from "../../../core/yaml/flat_mapping.ts";

Deno.test("flat `key: plain value` lines read as the YAML 1.2 core schema reads them", () => {
  const text = [
    "tier: tale",
    "create_time: 2026-05-01 12:00:00",
    "prompt: sdd/prompts/202605/plan_1.md",
    "",
    "title: Fix the parser, then ship it",
    "url: https://example.test/a?b=c",
    "empty:",
    "tilde: ~",
    "upper_null: NULL",
    "yes_flag: true",
    "no_flag: False",
    "spaced:   two  inner  spaces   ",
    "quote_inside: it's fine",
    "date_only: 2026-05-01",
    "clock: 12:30",
    "version_like: 1.2.3",
    "_private: x",
  ].join("\n") + "\n";
  const expected = {
    tier: "tale",
    create_time: "2026-05-01 12:00:00",
    prompt: "sdd/prompts/202605/plan_1.md",
    title: "Fix the parser, then ship it",
    url: "https://example.test/a?b=c",
    empty: null,
    tilde: null,
    upper_null: null,
    yes_flag: true,
    no_flag: false,
    spaced: "two  inner  spaces",
    quote_inside: "it's fine",
    date_only: "2026-05-01",
    clock: "12:30",
    version_like: "1.2.3",
    _private: "x",
  };
  assertEquals(parseFlatMapping(text), expected);
  // The full parser agrees on every value.
  assertEquals(parse(text), expected);
});

Deno.test("an empty block or blank lines are an empty mapping", () => {
  assertEquals(parseFlatMapping(""), {});
  assertEquals(parseFlatMapping("\n\n"), {});
});

Deno.test("anything but flat plain scalars is left to the full parser", () => {
  const refused = [
    "a: 1", // numbers
    "a: -1",
    "a: +1",
    "a: 1.5",
    "a: 1e3",
    "a: 0x1f",
    "a: 0o17",
    "a: .inf",
    "a: .5",
    "a: 'quoted'",
    'a: "quoted"',
    "a: value # comment",
    "# comment",
    "a: [1, 2]",
    "a: {b: c}",
    "a: b]",
    "a: &anchor x",
    "a: *alias",
    "a: !tag x",
    "a: |",
    "a: >",
    "a: -item",
    "a: ?x",
    "a: %x",
    "a: @x",
    "a: `x",
    "a: b: c", // a mapping inside a plain scalar is an error
    "a: b:",
    "a:b", // a plain scalar, not a mapping
    "a:\n  b: c", // nesting
    "a:\n- b", // a sequence value
    "  a: b", // indentation
    "a: b\n  continued", // a multi-line scalar
    "a: b\na: c", // duplicate keys (a warning with its line)
    "a: tab\there",
    "a: bell\x07",
    "a: next\u0085line",
    "a: line\u2028separator",
    "a: b\r\nc: d", // CR line ends
    "my key: v", // spaces in keys
    "1a: v",
    "a-b: v",
    "true: v", // keys the schema reads as non-strings
    "null: v",
    "__proto__: v",
    "- a", // not a mapping
    "just text",
  ];
  for (const text of refused) {
    assertEquals(parseFlatMapping(text), undefined, JSON.stringify(text));
  }
});

Deno.test("whatever it accepts, the YAML parser reads the same way", () => {
  // Generated lines over the characters that matter: every accepted text must
  // give exactly what the full parser gives.
  const keys = ["a", "tier", "x_1", "B"];
  const values = [
    "",
    "plain",
    "two words",
    "2026-05-01 12:00:00",
    "12abc",
    "1.2.3",
    "0x",
    "0o9",
    "~x",
    "x~",
    "a,b",
    "a, b",
    "it's",
    'say "hi"',
    "http://h/p",
    "a:b",
    "x -y",
    "trailing   ",
    "Null",
    "TRUE",
    "falsey",
    "é ü 日本 🎉",
    "=",
    "<",
    "a?",
    "a!b",
    "a&b",
    "a*b",
    "a|b",
    "a>b",
    "a%b",
    "a@b",
    "100%",
  ];
  let accepted = 0;
  for (const key of keys) {
    for (const value of values) {
      for (const other of ["", "\nother: thing", "\n\nother: two words\n"]) {
        const text = `${key}: ${value}${other}\n`;
        const flat = parseFlatMapping(text);
        if (flat === undefined) continue;
        accepted++;
        assertEquals(flat, parse(text), JSON.stringify(text));
      }
    }
  }
  // Every value above is one the reader accepts.
  assertEquals(accepted, keys.length * values.length * 3);
});
