/**
 * Jinja filters, tests and operators of the xprompt template runtime. Every
 * expected value is what Jinja 3 (with Python's semantics) renders for the
 * same template, written out by hand: a value that differs is a bug here.
 * Python prints floats with a `.0` that JavaScript numbers cannot carry, so
 * float results are compared inside the template (`... == 3`) rather than
 * printed. `round` is Python's: ties go to the even neighbour (2.5 -> 2).
 */
import { assertEquals, assertRejects } from "../../_helpers/assert.ts";
import { renderJinja, TemplateRenderError } from "../../../core/xprompt/jinja/render.ts";

const context = {
  xs: [3, 1, 2],
  words: ["b", "A", "c"],
  d: { k: "v", n: 2 },
  s: "Hello",
  none_value: null,
  empty: "",
};

/** Render every case; report all mismatches at once. */
async function check(cases: [string, string][]): Promise<void> {
  const wrong: string[] = [];
  for (const [template, expected] of cases) {
    let actual: string;
    try {
      actual = await renderJinja(template, context);
    } catch (error) {
      actual = `<${(error as Error).message}>`;
    }
    if (actual !== expected) {
      wrong.push(
        `${template}\n  expected ${JSON.stringify(expected)}\n  got      ${JSON.stringify(actual)}`,
      );
    }
  }
  assertEquals(wrong, []);
}

Deno.test("filters: tojson sorts keys and escapes HTML-unsafe and non-ASCII characters", async () => {
  await check([
    [
      '{{ {"b": [1, 2], "a": "<&\'>"} | tojson }}',
      '{"a": "\\u003c\\u0026\\u0027\\u003e", "b": [1, 2]}',
    ],
    ['{{ "é" | tojson }}', '"\\u00e9"'],
    ["{{ none | tojson }}{{ true | tojson }}{{ [] | tojson }}{{ {} | tojson }}", "nulltrue[]{}"],
    ['{{ {"a": 1, "b": [2]} | tojson(indent=2) }}', '{\n  "a": 1,\n  "b": [\n    2\n  ]\n}'],
  ]);
});

Deno.test("filters: length, count, first, last, list, string, join, reverse", async () => {
  await check([
    ['{{ "abc" | length }} {{ xs | count }} {{ d | length }}', "3 3 2"],
    ['{{ xs | first }} {{ xs | last }} {{ "abc" | first }}', "3 2 a"],
    ['{{ "ab" | list }}', "['a', 'b']"],
    ['{{ 1 | string ~ "x" }}', "1x"],
    [
      '{{ [1, 2, 3] | join("-") }}|{{ ["a", "b"] | join }}|{{ "abc" | join(",") }}',
      "1-2-3|ab|a,b,c",
    ],
    ['{{ "abc" | reverse }} {{ [1, 2, 3] | reverse | join(",") }}', "cba 3,2,1"],
  ]);
});

Deno.test("filters: default with and without boolean", async () => {
  await check([
    ['{{ missing | default("x") }}', "x"],
    ['[{{ empty | default("x") }}]', "[]"],
    ['{{ empty | default("x", true) }}', "x"],
    ['{{ empty | default("x", boolean=true) }}', "x"],
    ['{{ none_value | default("x") }}', "None"],
    ['{{ none_value | default("x", true) }}', "x"],
    ["[{{ missing | default }}]", "[]"],
  ]);
});

Deno.test("filters: upper, lower, trim, capitalize, title, replace, wordcount", async () => {
  await check([
    ['{{ "  Hi  " | trim }}|{{ s | upper }}|{{ s | lower }}', "Hi|HELLO|hello"],
    ['{{ "hELLO world" | capitalize }}', "Hello world"],
    [
      '{{ "hello wORLD-foo (bar) don\'t x1y hello_world" | title }}',
      "Hello World-Foo (Bar) Don't X1y Hello_world",
    ],
    ['{{ "aaa" | replace("a", "b") }} {{ "aaa" | replace("a", "b", 2) }}', "bbb bba"],
    ['{{ "hello, big-world!" | wordcount }}', "3"],
  ]);
});

Deno.test("filters: indent (width, first, blank, string prefix)", async () => {
  const render = (filter: string, text: string) => renderJinja(`{{ t | ${filter} }}`, { t: text });
  assertEquals(await render("indent(2)", "a\nb\n\nc"), "a\n  b\n\n  c");
  // Only empty lines are left alone; a line of spaces is a line and gets indented.
  assertEquals(await render("indent(2)", "a\n  \nb"), "a\n    \n  b");
  assertEquals(await render("indent(2, true)", "a\nb"), "  a\n  b");
  assertEquals(await render("indent(2, first=true)", "\nb"), "  \n  b");
  assertEquals(await render("indent(2, blank=true)", "a\n\nb"), "a\n  \n  b");
  assertEquals(await render('indent("> ")', "a\nb"), "a\n> b");
  assertEquals(await render("indent", "a\nb"), "a\n    b");
  assertEquals(await render("indent(2)", "a\nb\n"), "a\n  b\n");
});

Deno.test("filters: int and float parse like Python, else the default", async () => {
  await check([
    ['{{ "42" | int + 1 }}', "43"],
    ['{{ "3.7" | int }} {{ "-3.7" | int }} {{ 3.9 | int }} {{ " 7 " | int }}', "3 -3 3 7"],
    ['{{ "3abc" | int }} {{ "abc" | int(5) }} {{ "" | int }} {{ none_value | int }}', "0 5 0 0"],
    ['{{ "1e3" | int }} {{ true | int }} {{ false | int }}', "1000 1 0"],
    [
      '{{ "2.5" | float == 2.5 }} {{ "1e3" | float == 1000 }} {{ " 4 " | float == 4 }}',
      "True True True",
    ],
    [
      '{{ "3abc" | float == 0 }} {{ "x" | float(1.5) == 1.5 }} {{ true | float == 1 }}',
      "True True True",
    ],
  ]);
});

Deno.test("filters: sort (case-insensitive, numeric, reverse), unique, abs, round, sum", async () => {
  await check([
    ["{{ [3, 10, 1] | sort }}", "[1, 3, 10]"],
    ["{{ words | sort }}", "['A', 'b', 'c']"],
    [
      '{{ ["a", "B"] | sort }} {{ ["a", "B"] | sort(case_sensitive=true) }}',
      "['a', 'B'] ['B', 'a']",
    ],
    ["{{ [1, 3, 2] | sort(reverse=true) }} {{ [1, 3, 2] | sort(true) }}", "[3, 2, 1] [3, 2, 1]"],
    ['{{ ["a", "A", "b", "a"] | unique | join(",") }}', "a,b"],
    ["{{ [1, 2, 1] | unique | list }}", "[1, 2]"],
    ["{{ -3 | abs }} {{ (-3) | abs }} {{ 3 | abs }}", "3 3 3"],
    [
      "{{ 2.5 | round == 2 }} {{ 3.5 | round == 4 }} {{ -2.5 | round == -2 }} {{ 2.6 | round == 3 }}",
      "True True True True",
    ],
    [
      '{{ 3.14159 | round(2) == 3.14 }} {{ 2.7 | round(0, "floor") == 2 }} {{ 2.1 | round(0, "ceil") == 3 }}',
      "True True True",
    ],
    ["{{ [1, 2, 3] | sum }} {{ [1, 2, 3] | sum(start=10) }}", "6 16"],
  ]);
  await assertRejects(
    () => renderJinja("{{ xs | nosuch }}", context),
    TemplateRenderError,
    "no filter named 'nosuch'",
  );
});

Deno.test("tests: defined, none, types, truth, even/odd, divisibleby, eq, in", async () => {
  await check([
    [
      "{{ xs is defined }} {{ missing is defined }} {{ missing is undefined }} {{ missing is not defined }}",
      "True False True True",
    ],
    ["{{ none_value is none }} {{ empty is none }}", "True False"],
    [
      '{{ "a" is string }} {{ 1 is string }} {{ 1 is number }} {{ 1.5 is number }} {{ true is number }}',
      "True False True True True",
    ],
    ["{{ 3 is integer }} {{ 3.5 is integer }} {{ true is integer }}", "True False False"],
    [
      "{{ true is boolean }} {{ 1 is boolean }} {{ true is true }} {{ 1 is true }} {{ false is false }} {{ 0 is false }}",
      "True False True False True False",
    ],
    ["{{ d is mapping }} {{ xs is mapping }} {{ s is mapping }}", "True False False"],
    [
      "{{ s is iterable }} {{ xs is iterable }} {{ d is iterable }} {{ 1 is iterable }} {{ none_value is iterable }}",
      "True True True False False",
    ],
    [
      "{{ s is sequence }} {{ xs is sequence }} {{ d is sequence }} {{ 1 is sequence }}",
      "True True True False",
    ],
    [
      "{{ 4 is even }} {{ 3 is even }} {{ 3 is odd }} {{ -3 is odd }} {{ 0 is even }}",
      "True False True True True",
    ],
    ["{{ 9 is divisibleby 3 }} {{ 9 is divisibleby(2) }}", "True False"],
    [
      '{{ 1 is eq 1 }} {{ 1 is equalto 2 }} {{ "a" is in "abc" }} {{ 5 is in xs }}',
      "True False True False",
    ],
  ]);
  await assertRejects(
    () => renderJinja("{{ 1 is nosuch }}", context),
    TemplateRenderError,
    "no test named 'nosuch'",
  );
});

Deno.test("operators: arithmetic with Python semantics", async () => {
  await check([
    ["{{ 1 + 2 }} {{ 7 - 10 }} {{ 2 * 3 }} {{ 7 / 2 }}", "3 -3 6 3.5"],
    ["{{ 7 // 2 }} {{ -7 // 2 }} {{ -7 % 3 }} {{ 7 % -3 }} {{ 7 % 3 }}", "3 -4 2 -2 1"],
    ["{{ 2 ** 10 }} {{ 2 ** 3 ** 2 }} {{ -2 ** 2 }}", "1024 64 4"],
    ['{{ "a" + "b" }} {{ [1] + [2] }} {{ "ab" * 2 }}', "ab [1, 2] abab"],
    ["{{ 1 + 2 * 3 }} {{ (1 + 2) * 3 }} {{ 2 * 3 ~ 4 }} {{ -1 | abs }}", "7 9 64 1"],
  ]);
  for (
    const template of [
      '{{ "a" + 1 }}',
      "{{ 1 / 0 }}",
      "{{ 1 // 0 }}",
      "{{ 1 % 0 }}",
      '{{ "a" - 1 }}',
    ]
  ) {
    await assertRejects(() => renderJinja(template, context), TemplateRenderError, "");
  }
  await assertRejects(
    () => renderJinja("{{ 1 / 0 }}", context),
    TemplateRenderError,
    "division by zero",
  );
});

Deno.test("operators: concatenation, comparison chains, in, logic, conditional", async () => {
  await check([
    ['{{ 1 ~ "a" ~ true }} {{ none_value ~ "x" }}', "1aTrue Nonex"],
    [
      "{{ 1 < 2 < 3 }} {{ 3 > 2 > 1 }} {{ 1 < 3 > 2 }} {{ 3 > 2 > 2 }} {{ 1 == 1 == 1 }}",
      "True True True False True",
    ],
    [
      '{{ 1 == 1.0 }} {{ "a" < "b" }} {{ 1 != 2 }} {{ [1, 2] == [1, 2] }} {{ 2 >= 2 }} {{ 2 <= 1 }}',
      "True True True True True False",
    ],
    [
      '{{ "b" in "abc" }} {{ "z" not in "abc" }} {{ 2 in [1, 2] }} {{ "k" in d }} {{ "v" in d }}',
      "True True True True False",
    ],
    [
      '{{ not 0 }} {{ 0 or "x" }} [{{ "" and "y" }}] {{ 1 and 2 }} {{ none_value or [] }} {{ not 1 == 2 }}',
      "True x [] 2 [] True",
    ],
    ['{{ "y" if 1 else "n" }} {{ "y" if 0 else "n" }} [{{ "y" if 0 }}]', "y n []"],
  ]);
});

Deno.test("values print as Python's str(); items, attributes, slices and methods", async () => {
  await check([
    [
      '{{ [1, "a", none, true] }} {{ {"a": 1} }} {{ none }} {{ true }} {{ false }}',
      "[1, 'a', None, True] {'a': 1} None True False",
    ],
    [
      '{{ d.k }} {{ d["n"] }} {{ xs[-1] }} {{ "abc"[1:] }} {{ xs[:2] }} {{ s[0] }}',
      "v 2 2 bc [3, 1] H",
    ],
    [
      '{{ "a,b".split(",") }} {{ " x ".strip() }} {{ s.startswith("He") }} {{ d.get("z", 5) }} {{ d.get("k") }}',
      "['a', 'b'] x True 5 v",
    ],
    ["{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}", "k=v;n=2;"],
    [
      "{% for x in xs %}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.first }}{{ loop.last }}{{ loop.length }} {% endfor %}",
      "103TrueFalse3 212FalseFalse3 321FalseTrue3 ",
    ],
    ["{% set total = xs | sum %}{{ total }}", "6"],
    ["{{ '{{' }} {% raw %}{{ not rendered }}{% endraw %}", "{{ {{ not rendered }}"],
  ]);
  await assertRejects(
    () => renderJinja("{{ missing }}", context),
    TemplateRenderError,
    "'missing' is undefined",
  );
  await assertRejects(
    () => renderJinja("{{ d.nope }}", context),
    TemplateRenderError,
    "is undefined",
  );
});
