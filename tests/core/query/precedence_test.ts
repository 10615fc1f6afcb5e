/**
 * Operator precedence of the ChangeSpec query language, pinned from the
 * handbook (chapter 25, "25.4.4 Precedence": `!`/`NOT` binds tightest, then
 * AND, explicit or by juxtaposition, then OR; parentheses override) rather
 * than from the parser. Each query is checked twice: its canonical form and
 * what it selects from a corpus where every reading gives a different answer.
 */

import { assertEquals } from "../../_helpers/assert.ts";
import { parseProjectSpec } from "../../../core/changespec/parser.ts";
import { canonicalizeQuery } from "../../../core/query/canonical.ts";
import { QueryCorpus } from "../../../core/query/evaluator.ts";

// The words live only in descriptions, so names, project and status never match them.
const corpus = new QueryCorpus(
  parseProjectSpec(
    [
      "NAME: both\nDESCRIPTION: alpha beta\nSTATUS: WIP\n",
      "NAME: first\nDESCRIPTION: alpha\nSTATUS: WIP\n",
      "NAME: second\nDESCRIPTION: beta\nSTATUS: WIP\n",
      "NAME: third\nDESCRIPTION: gamma\nSTATUS: WIP\n",
      "NAME: last\nDESCRIPTION: beta gamma\nSTATUS: WIP\n",
    ].join("\n\n"),
    "/home/u/.sase/projects/proj/proj.sase",
  ).specs,
);

function selects(query: string): string[] {
  return corpus.filter(query).map((spec) => spec.name);
}

Deno.test("NOT applies to the next operand only, never to a whole AND", () => {
  // (NOT alpha) AND beta — not NOT (alpha AND beta), which would select first, second, third, last.
  for (const query of ["NOT alpha beta", "!alpha beta", "NOT alpha AND beta"]) {
    assertEquals(selects(query), ["second", "last"], query);
  }
  assertEquals(canonicalizeQuery('NOT "a" "b"'), 'NOT "a" AND "b"');
  assertEquals(canonicalizeQuery('!"a" "b"'), 'NOT "a" AND "b"');
  assertEquals(canonicalizeQuery('NOT "a" AND "b"'), 'NOT "a" AND "b"');
  // A standalone `!` is not NOT but the error-suffix filter (handbook 25.5.1).
  assertEquals(canonicalizeQuery('! "a" "b"'), '!!! AND "a" AND "b"');
  // NOT in the middle of a conjunction negates its own operand.
  assertEquals(selects("beta NOT gamma alpha"), ["both"]);
  assertEquals(canonicalizeQuery('"a" NOT "b" "c"'), '"a" AND NOT "b" AND "c"');
  // Parentheses make NOT cover the conjunction.
  assertEquals(selects("NOT (alpha beta)"), ["first", "second", "third", "last"]);
  assertEquals(canonicalizeQuery('NOT ("a" "b")'), 'NOT ("a" AND "b")');
});

Deno.test("NOT binds tighter than OR", () => {
  // (NOT alpha) OR beta — not NOT (alpha OR beta), which would select only third.
  assertEquals(selects("NOT alpha OR beta"), ["both", "second", "third", "last"]);
  assertEquals(canonicalizeQuery('NOT "a" OR "b"'), 'NOT "a" OR "b"');
  assertEquals(selects("NOT (alpha OR beta)"), ["third"]);
});

Deno.test("stacked negations cancel and still take one operand", () => {
  assertEquals(selects("NOT NOT alpha beta"), ["both"]);
  assertEquals(selects('!!"alpha" beta'), ["both"]);
  assertEquals(canonicalizeQuery('NOT NOT "a" "b"'), 'NOT NOT "a" AND "b"');
});

Deno.test("AND (explicit or by juxtaposition) binds tighter than OR", () => {
  // alpha OR (beta AND gamma) — not (alpha OR beta) AND gamma, which would select only last.
  assertEquals(selects("alpha OR beta gamma"), ["both", "first", "last"]);
  assertEquals(selects("alpha OR beta AND gamma"), ["both", "first", "last"]);
  assertEquals(selects("beta gamma OR alpha"), ["both", "first", "last"]);
  assertEquals(selects("(alpha OR beta) gamma"), ["last"]);
  assertEquals(canonicalizeQuery('"a" OR "b" "c"'), '"a" OR ("b" AND "c")');
});
