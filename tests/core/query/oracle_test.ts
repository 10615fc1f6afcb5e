import { assertEquals, assertThrows } from "../../_helpers/assert.ts";
import { parseProjectSpec } from "../../../core/changespec/parser.ts";
import { canonicalizeQuery } from "../../../core/query/canonical.ts";
import { QueryCorpus } from "../../../core/query/evaluator.ts";
import { tokenize } from "../../../core/query/tokenizer.ts";
import { QueryError } from "../../../core/query/types.ts";
import { GOLDEN, QUERY_CASES } from "../changespec/_corpus.ts";

interface Cases {
  canonical: Record<string, string>;
  evaluation: Record<string, string[]>;
  errors: Record<string, { position: number; message: string }>;
}

const cases: Cases = JSON.parse(Deno.readTextFileSync(QUERY_CASES));
// The oracle's corpus sat in a directory called core_golden, which is the project name it saw.
const specs = parseProjectSpec(Deno.readTextFileSync(GOLDEN), "/tmp/core_golden/myproj.sase").specs;
const corpus = new QueryCorpus(specs);

Deno.test("oracle: the fixture holds every case, so the loops below cannot pass empty", () => {
  assertEquals(
    [cases.canonical, cases.evaluation, cases.errors].map((group) => Object.keys(group).length),
    [39, 39, 14],
  );
});

Deno.test("oracle: every canonical form", () => {
  for (const [query, expected] of Object.entries(cases.canonical)) {
    assertEquals(canonicalizeQuery(query), expected, query);
  }
});

Deno.test("oracle: every evaluation over the golden corpus, in order", () => {
  for (const [query, expected] of Object.entries(cases.evaluation)) {
    assertEquals(corpus.filter(query).map((s) => s.name), expected, query);
  }
});

Deno.test("oracle: every error message and position", () => {
  for (const [query, expected] of Object.entries(cases.errors)) {
    const error = assertThrows(() => canonicalizeQuery(query), QueryError, expected.message);
    assertEquals({ position: (error as QueryError).position, message: error.message }, expected);
  }
});

Deno.test("tokenizer details (A6, A7)", () => {
  const kinds = (q: string) => tokenize(q).map((t) => t.kind);
  assertEquals(tokenize("%D")[0].value, "DRAFT");
  assertEquals(tokenize("+my-project")[0].value, "my-project");
  assertEquals(tokenize('status:"my status"')[0].value, "my status");
  assertEquals(tokenize('"hello\\nworld"')[0].value, "hello\nworld");
  assertEquals(kinds('!!"foo"'), ["NOT", "NOT", "STRING", "EOF"]);
  assertEquals(kinds("!! foo"), ["NOT_ERROR_SUFFIX", "STRING", "EOF"]);
  assertEquals(kinds('!@ "foo"'), ["NOT_RUNNING_AGENT", "STRING", "EOF"]);
  for (const bad of ["@", "$", "*"]) {
    assertThrows(
      () => tokenize(`${bad}foo`),
      QueryError,
      `Unexpected character: ${bad} at position 0 (at position 0)`,
    );
  }
  assertThrows(
    () => tokenize("%x"),
    QueryError,
    "Invalid status shorthand (use %d, %m, %r, %s, %w, or %y) at position 0 (at position 0)",
  );
});

Deno.test("precedence and canonical details (A6, A7)", () => {
  assertEquals(canonicalizeQuery('"a" ("b" OR "c")'), '"a" AND ("b" OR "c")');
  assertEquals(canonicalizeQuery('"a" OR "b" "c"'), '"a" OR ("b" AND "c")');
  assertEquals(canonicalizeQuery('* "foo"'), '(!!! OR @@@ OR $$$) AND "foo"');
  assertEquals(canonicalizeQuery('%d "foo"'), 'status:DRAFT AND "foo"');
  assertEquals(canonicalizeQuery("%d OR %m"), "status:DRAFT OR status:MAILED");
  assertEquals(canonicalizeQuery("NOT (a OR b)"), 'NOT ("a" OR "b")');
  assertEquals(canonicalizeQuery('status:"in progress"'), 'status:"in progress"');
  const error = assertThrows(() => canonicalizeQuery("(alpha"), QueryError);
  assertEquals(error.message, "Expected RPAREN, got EOF (at position 6)");
});

function spec(text: string, path = "/home/u/.sase/projects/myproject/myproject.sase") {
  return parseProjectSpec(text, path).specs;
}

Deno.test("property filters, ancestors, siblings and specials (guide §6 cases 13-17)", () => {
  const specs = [
    ...spec("NAME: base_cl\nSTATUS: WIP\n"),
    ...spec(
      "NAME: child_cl\nPARENT: base_cl\nSTATUS: Ready\nDESCRIPTION: readme tweaks\n",
      "/x/other/other.sase",
    ),
    ...spec("NAME: my_cl__1\nSTATUS: Reverted\n", "/x/other/other.sase"),
    ...spec(
      "NAME: my_cl\nSTATUS: Mailed\nHOOKS:\n  just test\n      | (1) [260101_120000] FAILED (3s) - (!: Hook Command Failed)\n",
      "/x/other/other.sase",
    ),
    ...spec("NAME: my_cl_2\nSTATUS: Draft (fig_1)\n", "/x/other/other.sase"),
    ...spec("NAME: legacy\nSTATUS: Ready - (!: READY TO MAIL)\n", "/x/other/other.sase"),
  ];
  const c = new QueryCorpus(specs);
  const names = (q: string) => c.filter(q).map((s) => s.name);
  assertEquals(names("^base_cl"), ["base_cl", "child_cl"]);
  assertEquals(names("^base_cl %w"), ["base_cl"]);
  assertEquals(names("status:Ready"), ["child_cl", "legacy"]);
  assertEquals(names("%y"), ["child_cl", "legacy"]);
  assertEquals(names("status:draft"), ["my_cl_2"]);
  // Like the original, `_N` and `__N` both count as sibling suffixes.
  assertEquals(names("~my_cl"), ["my_cl__1", "my_cl", "my_cl_2"]);
  assertEquals(names("!!! %m"), ["my_cl"]);
  assertEquals(names("&my_cl"), ["my_cl"]);
  assertEquals(names("+MYPROJECT"), ["base_cl"]);
  assertEquals(names('c"README"'), []);
  assertEquals(names("README"), ["child_cl"]);
  assertThrows(
    () => c.filter("foo:bar"),
    QueryError,
    "Unknown property key: foo (valid keys: status, project, ancestor, name, sibling, origin)",
  );
});

Deno.test("ancestor walks terminate on parent cycles", () => {
  const specs = spec("NAME: x\nPARENT: y\nSTATUS: WIP\n\n\nNAME: y\nPARENT: x\nSTATUS: WIP\n");
  const c = new QueryCorpus(specs);
  assertEquals(c.filter("^z").map((s) => s.name), []);
  assertEquals(c.filter("^x").map((s) => s.name), ["x", "y"]);
});
