import { SaseError } from "../../../core/errors.ts";
import { assertEquals, assertMatch, assertThrows } from "../../_helpers/assert.ts";
import { extractDirectives } from "../../../core/xprompt/directives.ts";
import { expandAlternatives } from "../../../core/xprompt/alt.ts";

Deno.test("§6 #12: directive example is extracted and stripped", () => {
  const { text, directives } = extractDirectives(
    "%model:`claude-sonnet-4-20250514`\n%name:code-reviewer\n%wait:planner\nReview the code changes and provide feedback.",
  );
  assertEquals(text, "Review the code changes and provide feedback.");
  assertEquals(directives.model, "claude-sonnet-4-20250514");
  assertEquals(directives.name, { kind: "explicit", value: "code-reviewer", forceReuse: false });
  assertEquals(directives.waits, ["planner"]);
});

Deno.test("§6 #12: multi-value waits, backticks, time errors and max duration", () => {
  assertEquals(extractDirectives("%wait:agent_a,agent_b go").directives.waits, [
    "agent_a",
    "agent_b",
  ]);
  assertEquals(extractDirectives("%w(a, b) go").directives.waits, ["a", "b"]);
  assertEquals(extractDirectives("%wait:`a,b` go").directives.waits, ["a,b"]);
  const wait = assertThrows(() => extractDirectives("%wait:5m go"), SaseError);
  assertMatch((wait as { hint?: string }).hint ?? "", /%time:5m/);
  assertMatch(assertThrows(() => extractDirectives("%time go"), SaseError).message, /bare %time/);
  assertEquals(extractDirectives("%time:5m %time:90s go").directives.time, {
    kind: "duration",
    seconds: 300,
  });
  assertEquals(extractDirectives("%t:1h30m x").directives.time, {
    kind: "duration",
    seconds: 5400,
  });
  const now = new Date(2026, 3, 10, 15, 0);
  const hhmm = extractDirectives("%time:1430 x", now).directives.time;
  assertEquals(hhmm?.kind === "absolute" && hhmm.at.getDate(), 11);
  assertMatch(
    assertThrows(() => extractDirectives("%time:250101/0900 x", now), SaseError).message,
    /in the past/,
  );
  assertMatch(
    assertThrows(() => extractDirectives("%time:1430 %time:5m x", now), SaseError).message,
    /cannot be combined/,
  );
});

Deno.test("flags, aliases, names, repeat, group; fences untouched", () => {
  const { text, directives } = extractDirectives(
    "%h %a %epic %e %g:review %r:3 %n:!old Do it\n```\n%model:x\n```",
  );
  assertEquals(text, "Do it\n```\n%model:x\n```");
  assertEquals([directives.hide, directives.approve, directives.epic, directives.edit], [
    true,
    true,
    true,
    true,
  ]);
  assertEquals([directives.group, directives.repeat], ["review", 3]);
  assertEquals(directives.name, { kind: "explicit", value: "old", forceReuse: true });
  assertEquals(extractDirectives("%name go").directives.name, { kind: "auto" });
  assertEquals(extractDirectives("%wait go").directives.waitPrevious, true);
  assertMatch(
    assertThrows(() => extractDirectives("%repeat:0 x"), SaseError).message,
    /positive integer/,
  );
  assertEquals(extractDirectives("50% done, %unknown stays").text, "50% done, %unknown stays");
});

Deno.test("A10: brace alt of model directives rewrites the name", () => {
  assertEquals(
    expandAlternatives("%n:foo\n%{%model:opus | %model:sonnet}\nReview this code").map((v) =>
      v.text
    ),
    [
      "%name:foo.cld_opus\n%model:opus\nReview this code",
      "%name:foo.cld_sonnet\n%model:sonnet\nReview this code",
    ],
  );
});

Deno.test("§6 #13/#14: correlated ids, splitting, numbering, with/without, product", () => {
  const zipped = expandAlternatives(
    "%name:repo %{a=Describe | b=Explain} how this repo works %{a=in detail}.",
  );
  assertEquals(zipped.map((v) => [v.suffixes.join("."), v.text]), [
    ["a", "%name:repo.a Describe how this repo works in detail."],
    ["b", "%name:repo.b Explain how this repo works."],
  ]);
  assertEquals(expandAlternatives("%{foo, bar | baz} x").map((v) => v.text), [
    "foo, bar x",
    "baz x",
  ]);
  assertEquals(expandAlternatives("%alt(#review, #test, #docs) x").length, 3);
  assertEquals(expandAlternatives("%(#review,#test) x").length, 2);
  assertEquals(
    expandAlternatives("%{2=[[named]] | [[first]] | [[second]]} go").map((
      v,
    ) => [v.suffixes[0], v.text]),
    [["2", "named go"], ["1", "first go"], ["3", "second go"]],
  );
  assertEquals(
    expandAlternatives("%{Also check for security issues.}\nReview this module.").map((v) =>
      v.text.trim()
    ),
    ["Also check for security issues.\nReview this module.", "Review this module."],
  );
  assertEquals(
    expandAlternatives("%{Focus on security | Focus on perf} %m(opus, sonnet)\nReview.").length,
    4,
  );
  assertEquals(expandAlternatives("%{a | b} `%{x | y}`").length, 2);
});
