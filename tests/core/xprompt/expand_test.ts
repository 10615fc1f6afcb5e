import { SaseError } from "../../../core/errors.ts";
import {
  assert,
  assertEquals,
  assertMatch,
  assertRejects,
  assertThrows,
} from "../../_helpers/assert.ts";
import { expandXPrompts } from "../../../core/xprompt/expand.ts";
import { effectiveAliases } from "../../../core/xprompt/aliases.ts";
import { catalogOf } from "./_catalog.ts";

const expand = async (text: string, defs: Record<string, unknown>, extra = {}) =>
  (await expandXPrompts(text, { catalog: catalogOf(defs), ...extra })).text;

Deno.test("A10: unknown references stay; simple expansion is traced at iteration 0", async () => {
  assertEquals(await expand("Using #foo here", {}), "Using #foo here");
  const result = await expandXPrompts("#greet", { catalog: catalogOf({ greet: "Hello world" }) });
  assertEquals(result.text, "Hello world");
  assertEquals(result.trace.map((t) => [t.name, t.sourcePath, t.iteration]), [[
    "greet",
    "/t/sase.yml",
    0,
  ]]);
});

Deno.test("A10: legacy placeholders and $(cmd) substitution", async () => {
  assertEquals(await expand("#opt()", { opt: "Value is {1:DEFAULT}" }), "Value is DEFAULT");
  const runCommand = (cmd: string) => Promise.resolve(cmd === "branch_bug" ? "PROJ-42" : "");
  assertEquals(
    await expand("#bug:$(branch_bug)", { bug: "Bug ID: {1}" }, { runCommand }),
    "Bug ID: PROJ-42",
  );
  const x = { x: "Review the {1} module and check for {2:correctness}." };
  assertEquals(await expand("#x(auth)", x), "Review the auth module and check for correctness.");
  const error = await assertRejects(() => expand("#x", x), SaseError);
  assertMatch(error.message, /'#x' requires argument \{1\}/);
});

Deno.test("$(cmd) runs through the shell, is cached per pass, and \\$( is literal", async () => {
  let calls = 0;
  const runCommand = (cmd: string) => {
    calls++;
    return Promise.resolve(cmd);
  };
  const defs = { e: "[{1}]" };
  assertEquals(await expand("#e:$(a) #e:$(a)", defs, { runCommand }), "[a] [a]");
  assertEquals(calls, 1);
  assertEquals(await expand('#e("\\$(literal)")', defs, { runCommand }), "[$(literal)]");
  assertEquals(await expand("#e:$(echo $(echo nested))", defs), "[nested]");
  assertEquals(await expand("#e:$(exit 3)", { e: "[{1:}]" }), "[]");
});

Deno.test("§6: typed inputs through references (positional, named, colon, defaults)", async () => {
  const greet =
    "md:---\ninput:\n  user_name:\n    type: word\n---\n\nHello, {{ user_name }}! Welcome aboard.\n";
  for (const call of ["#greet(Alice)", "#greet(user_name=Alice)", "#greet:Alice"]) {
    assertEquals(await expand(call, { greet }), "Hello, Alice! Welcome aboard.");
  }
  const config = {
    greet: {
      input: { name: { type: "word" }, count: { type: "int", default: 1 } },
      content: "Hello {{ name }}, count is {{ count }}",
    },
  };
  assertEquals(await expand("#greet(Bob)", config), "Hello Bob, count is 1");
  assertEquals(await expand("#greet(Bob, count=3)", config), "Hello Bob, count is 3");
  assertEquals(await expand("#greet(Bob, count=null)", config), "Hello Bob, count is 1");
  const bad = await assertRejects(() => expand("#greet(Bob, count=abc)", config), SaseError);
  assertMatch(bad.message, /'#greet' input 'count': invalid value 'abc'/);
  const missing = await assertRejects(() => expand("#greet", config), SaseError);
  assertMatch(missing.message, /missing required input 'name'/);
  const space = await assertRejects(() => expand('#greet("Bob Smith")', config), SaseError);
  assertMatch(space.message, /input 'name'/);
});

Deno.test("A8: positional maps to the declared input; explicit named wins", async () => {
  const defs = { p: { input: { prompt: "text" }, content: "<{{ prompt }}|{{ _1 }}>" } };
  assertEquals(await expand("#p(txt)", defs), "<txt|txt>");
  assertEquals(await expand("#p(txt, prompt=named)", defs), "<named|txt>");
});

Deno.test("§6: bool default with Jinja if", async () => {
  const x =
    "md:---\ninput: { user: word, verbose: { type: bool, default: false } }\n---\nHello, {{ user }}.\n\n{% if verbose %} Here is the detailed explanation... {% endif %}\n";
  const plain = await expand("#x(Ann)", { x });
  assert(plain.includes("Hello, Ann.") && !plain.includes("detailed"));
  assert((await expand("#x(Ann, verbose=yes)", { x })).includes("detailed explanation"));
  // Handbook 7.9.3: true/yes/1/on are true, false/no/0/off are false.
  const detailed = "Hello, Ann.\n\n Here is the detailed explanation...";
  for (const value of ["true", "yes", "1", "on"]) {
    assertEquals(await expand(`#x(Ann, verbose=${value})`, { x }), detailed, value);
  }
  for (const value of ["false", "no", "0", "off"]) {
    assertEquals(await expand(`#x(Ann, verbose=${value})`, { x }), "Hello, Ann.", value);
  }
  await assertRejects(
    () => expand("#x(Ann, verbose=maybe)", { x }),
    SaseError,
    "xprompt '#x' input 'verbose': invalid value 'maybe'",
  );
});

Deno.test("Jinja: if/elif/else, for, tojson, length, default, is defined render exactly", async () => {
  const report = [
    "---",
    "input:",
    "  items: text",
    "  level: { type: int, default: 2 }",
    "---",
    "{% if level > 2 %}High{% elif level == 2 %}Medium{% else %}Low{% endif %} priority.",
    "{% for item in items.split(',') %}- {{ loop.index }}. {{ item | trim | upper }}",
    "{% endfor %}Count: {{ items.split(',') | length }}",
    'Data: {{ {"b": [1, 2], "a": level} | tojson }}',
    'Owner: {{ owner | default("nobody") }}; {{ "has" if owner is defined else "no" }} owner.',
  ].join("\n");
  assertEquals(
    await expand("#report(items=[[a, b]])", { report: `md:${report}` }),
    'Medium priority.\n- 1. A\n- 2. B\nCount: 2\nData: {"a": 2, "b": [1, 2]}\nOwner: nobody; no owner.',
  );
  const error = await assertRejects(() => expand("#u", { u: "Hi {{ who }}" }), SaseError);
  assertMatch(error.message, /xprompt '#u' .* template error: 'who' is undefined/);
});

Deno.test("context variables: _1, _args, globals such as root and agents", async () => {
  const defs = { c: "{{ _1 }}/{{ _args | join('+') }}/{{ root }}/{{ agents[\"build\"].path }}" };
  const globals = { root: "/ws", agents: { build: { path: "dist/r.md" } } };
  assertEquals(await expand("#c(a, b)", defs, { globals }), "a/a+b//ws/dist/r.md");
});

Deno.test("recursion, cycles with the chain, and the 100-round limit", async () => {
  assertEquals(await expand("#a", { a: "A(#b)", b: "B(#c:x)", c: "C{1}" }), "A(B(Cx))");
  const cycle = await assertRejects(() => expand("#a", { a: "#b", b: "#c", c: "#a" }), SaseError);
  assertMatch(cycle.message, /cycle: #a → #b → #c → #a/);
  const chain: Record<string, string> = {};
  for (let i = 0; i <= 101; i++) chain[`n${i}`] = i === 101 ? "end" : `#n${i + 1}`;
  const deep = await assertRejects(() => expand("#n0", chain), SaseError);
  assertMatch(deep.message, /exceeded 100 rounds/);
  const ok: Record<string, string> = {};
  for (let i = 0; i <= 99; i++) ok[`n${i}`] = i === 99 ? "end" : `#n${i + 1}`;
  assertEquals(await expand("#n0", ok), "end");
});

Deno.test("§6: protection of fences and disabled regions", async () => {
  const defs = { foo: "FOO" };
  assertEquals(await expand("```\n#foo\n```\n#foo", defs), "```\n#foo\n```\nFOO");
  assertEquals(
    await expand("%xprompts_enabled:false\n#foo raw\n%xprompts_enabled:true\n#foo", defs),
    "#foo raw\nFOO",
  );
  assertEquals(
    await expand(
      "%xprompts_enabled:false\nraw #foo verbatim. %xprompts_enabled:true\nNow #foo",
      defs,
    ),
    "raw #foo verbatim.\nNow FOO",
  );
});

Deno.test("§6: shorthand, plus, __ namespaces, aliases, headings", async () => {
  const defs = {
    review: "R[{{ _1 }}]",
    flag: "F={1}",
    "foo/bar": "FB",
    "a/b/c": "ABC",
    commit: "COMMIT",
    propose: "PROPOSE",
  };
  assertEquals(
    await expand("#review: Please check this code for correctness\nand performance issues.", defs),
    "R[Please check this code for correctness\nand performance issues.]",
  );
  assertEquals(await expand("#flag+", defs), "F=true");
  assertEquals(await expand("#foo__bar #a__b__c #foo/bar", defs), "FB ABC FB");
  assertEquals(
    await expand("#c and #p", defs, { aliases: effectiveAliases() }),
    "COMMIT and PROPOSE",
  );
  assertEquals(await expand("# Heading\n#gh_sase go", defs), "# Heading\n#gh:sase go");
});

Deno.test("file-local helpers: visible only inside their xprompt, inherit scope", async () => {
  const outer =
    'md:---\ninput: { topic: word }\nxprompts:\n  _rules: "Rules for {{ topic }}"\n---\nCheck: #_rules';
  assertEquals(await expand("#outer(auth) #_rules", { outer }), "Check: Rules for auth #_rules");
  assertThrows(
    () => catalogOf({ o: "md:---\nxprompts:\n  rules: x\n---\nbody" }),
    SaseError,
    "local xprompt 'rules' must start with '_'",
  );
});

Deno.test("standalone workflows are rejected inline and kept with #!", async () => {
  const { workflowXPrompt } = await import("../../../core/xprompt/file_loader.ts");
  const wf = workflowXPrompt("steps:\n  - name: a\n    bash: echo hi\n", "sync", {
    priority: 1,
    label: "t",
    path: "/t/sync.yml",
  });
  const catalog = { byName: new Map([["sync", wf]]), all: [wf], problems: [] };
  assertEquals((await expandXPrompts("#!sync now", { catalog })).text, "#!sync now");
  const error = await assertRejects(() => expandXPrompts("#sync", { catalog }), SaseError);
  assertMatch(error.message, /standalone workflow/);
});

Deno.test("unknown calls: #name(...) with no such xprompt is listed once; bare #words are not", async () => {
  const defs = { known: "K({{ _1 }})", wrap: "[#inner(x)]" };
  const result = await expandXPrompts(
    "#known(a) #typo(b) #typo(b) #typo(c) #tag #!wf(x) #gh:repo\n#more(\n  multi)",
    { catalog: catalogOf(defs) },
  );
  assertEquals(result.unknown, ["#typo(b)", "#typo(c)", "#more("]);
  assertEquals(
    result.text,
    "K(a) #typo(b) #typo(b) #typo(c) #tag #!wf(x) #gh:repo\n#more(\n  multi)",
  );
  // Calls inside an expanded body count too.
  assertEquals((await expandXPrompts("#wrap", { catalog: catalogOf(defs) })).unknown, [
    "#inner(x)",
  ]);
});

Deno.test("$(cmd) output is bounded: an endless command stops with an error naming it", async () => {
  const { runShellCommand } = await import("../../../core/xprompt/command_subst.ts");
  assertEquals(await runShellCommand("printf 'a b\\n\\n'"), "a b");
  assertEquals(await runShellCommand("printf x; exit 3"), "");
  await assertRejects(
    () => runShellCommand("yes", undefined, 1024 * 1024),
    SaseError,
    "$(yes): larger than 1 MiB, the most sase reads from it",
  );
  await assertRejects(
    () => expand("#e:$(yes)", { e: "[{1}]" }),
    SaseError,
    "$(yes): larger than 16 MiB",
  );
});
