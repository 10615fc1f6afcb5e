import { SaseError } from "../../../core/errors.ts";
import { assertEquals, assertThrows } from "../../_helpers/assert.ts";
import {
  findReferences,
  parseWorkflowReference,
  referenceArgs,
} from "../../../core/xprompt/reference.ts";
import {
  findMatchingParen,
  NULL_ARG,
  parseArgList,
  processTextBlock,
} from "../../../core/xprompt/args.ts";
import { preprocessShorthand } from "../../../core/xprompt/shorthand.ts";
import { findWorkspaceRefs, normalizeWorkspaceRefs } from "../../../core/xprompt/workspace_refs.ts";
import { applyAliases, effectiveAliases } from "../../../core/xprompt/aliases.ts";

const first = (text: string) => findReferences(text)[0];

Deno.test("A8: reference names and argument kinds", () => {
  for (const text of ["#foo", "#foo_bar", "#foo123", "#mentor/aaa", "#foo/bar/baz"]) {
    assertEquals(first(text)?.name, text.slice(1));
  }
  assertEquals(first("#mentor/aaa(arg1)").argKind, "paren");
  assertEquals(referenceArgs(first("#foo/bar:value")).positional, ["value"]);
  assertEquals(first("#foo/bar+").argKind, "plus");
  assertEquals(referenceArgs(first("#clr:832098883.")).positional, ["832098883"]);
  assertEquals(findReferences("C#mentor"), []);
  assertEquals(first("#foo//bar").name, "foo");
  assertEquals(first("#foo/").name, "foo");
  assertEquals(findReferences("#/foo"), []);
  assertEquals(first("(#foo)").name, "foo");
  assertEquals(first('"#foo"').name, "foo");
  assertEquals(findReferences("# Heading"), []);
});

Deno.test("A8: shorthand for known names at line start only", () => {
  const names = new Set(["foo"]);
  assertEquals(preprocessShorthand("#foo: simple text", names), "#foo([[simple text]])");
  assertEquals(
    preprocessShorthand("#foo: line one\nline two\n\nother text", names),
    "#foo([[line one\n  line two]])\n\nother text",
  );
  assertEquals(preprocessShorthand("Use #foo: inline", names), "Use #foo: inline");
  assertEquals(preprocessShorthand("#unknown: x", names), "#unknown: x");
  assertEquals(preprocessShorthand("#foo:bar", names), "#foo:bar");
});

Deno.test("A9: workflow references, parens, double colon, paren shorthand, HITL", () => {
  const plus = parseWorkflowReference("myworkflow+");
  assertEquals([plus.name, plus.positional, plus.named], ["myworkflow", ["true"], {}]);
  const paren = parseWorkflowReference('myworkflow(a, key="b")');
  assertEquals([paren.positional, paren.named], [["a"], { key: "b" }]);
  assertEquals(referenceArgs(first("#x:Application+Support")).positional, ["Application Support"]);
  assertEquals(findMatchingParen("([[content]]))", 0), 12);
  const names = new Set(["foo", "bar", "test"]);
  assertEquals(
    preprocessShorthand("#foo:: line1\n\nline3\n#bar: other", names),
    "#foo([[line1\n\n  line3]])\n#bar([[other]])",
  );
  assertEquals(preprocessShorthand("#test():: hello world", names), "#test([[hello world]])");
  assertEquals(
    preprocessShorthand("expanded #test(arg1): hello world", names),
    "expanded #test(arg1, [[hello world]])",
  );
  assertEquals(parseWorkflowReference("foo!!").hitl, true);
  const q = parseWorkflowReference("foo??(a, b)");
  assertEquals([q.name, q.positional, q.hitl], ["foo", ["a", "b"], false]);
});

Deno.test("A9: workspace refs normalised outside code", () => {
  assertEquals(normalizeWorkspaceRefs("#gh_sase Fix"), "#gh:sase Fix");
  assertEquals(normalizeWorkspaceRefs("#gh@sase"), "#gh:sase");
  assertEquals(normalizeWorkspaceRefs("`#gh@sase`"), "`#gh@sase`");
  assertEquals(normalizeWorkspaceRefs("```\n#gh_sase\n```"), "```\n#gh_sase\n```");
  assertEquals(findWorkspaceRefs("%plan\n#gh:sase Fix the bug").map((r) => [r.kind, r.ref]), [[
    "gh",
    "sase",
  ]]);
  assertEquals(findWorkspaceRefs("#gh:@planner go")[0].agent, "planner");
  assertEquals(findWorkspaceRefs("#cd(/tmp/my project) x")[0].ref, "/tmp/my project");
});

Deno.test("A11: call parsing", () => {
  const a = referenceArgs(first("#foo(src/main.rs, enabled=true)"));
  assertEquals([a.positional, a.named], [["src/main.rs"], { enabled: "true" }]);
  assertEquals(referenceArgs(first("#foo+")).positional, ["true"]);
  assertEquals(referenceArgs(first("#foo:a,b")).positional, ["a", "b"]);
  assertEquals(first("#ns__foo!!(arg=1)").name, "ns/foo");
  const quoted = referenceArgs(first('#foo(text=[[a,b=c]], other="x,y=z")'));
  assertEquals(quoted.named, { text: "a,b=c", other: "x,y=z" });
  assertEquals(referenceArgs(first("#foo(planner,,coder,)")).positional, [
    "planner",
    "",
    "coder",
    "",
  ]);
  assertEquals(referenceArgs(first("#foo:`arg with spaces`")).positional, ["arg with spaces"]);
});

Deno.test("arguments: quotes, text blocks, null pass-through, ordering error", () => {
  const parsed = parseArgList(`"Hello, world!", priority=high`, "t");
  const none = { positional: [], named: [] };
  assertEquals(parsed, {
    positional: ["Hello, world!"],
    named: { priority: "high" },
    blanks: none,
  });
  assertEquals(parseArgList(`'key=value'`, "t").positional, ["key=value"]);
  assertEquals(parseArgList("null, x=null", "t"), {
    positional: [NULL_ARG],
    named: { x: NULL_ARG },
    blanks: none,
  });
  // Elements written as nothing are kept and listed; quoted empties are values.
  assertEquals(parseArgList(`a,,"",'',[[]],b,`, "t"), {
    positional: ["a", "", "", "", "", "b", ""],
    named: {},
    blanks: { positional: [1, 6], named: [] },
  });
  assertEquals(parseArgList(`k=, j="", m= `, "t").blanks, { positional: [], named: ["k", "m"] });
  assertEquals(
    processTextBlock(
      "[[\n  This is a multi-line\n  text block argument.\n\n  Blank lines are preserved.\n]]",
    ),
    "This is a multi-line\ntext block argument.\n\nBlank lines are preserved.",
  );
  assertThrows(
    () => parseArgList("a=1, b", "#x"),
    SaseError,
    "#x: positional argument 'b' comes after a named argument",
  );
});

Deno.test("aliases: defaults and config, whole names only", () => {
  const aliases = effectiveAliases({ gh_sase: "gh:sase" });
  assertEquals(applyAliases("#c then #p", aliases), "#commit then #propose");
  assertEquals(applyAliases("#commit #cx #c/x", aliases), "#commit #cx #c/x");
  assertEquals(applyAliases("#gh_sase fix", aliases), "#gh:sase fix");
});
