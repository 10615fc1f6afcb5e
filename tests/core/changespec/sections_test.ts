/**
 * The line rules the ProjectSpec parser reads fastest, written out: LINES
 * counts, TIMESTAMPS forms, blank lines (whatever whitespace they hold) and
 * the reading of files by the store.
 */

import { assertEquals, assertRejects } from "../../_helpers/assert.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { parseLineStats, parseTimestampLine } from "../../../core/changespec/sections.ts";
import { parseProjectSpec } from "../../../core/changespec/parser.ts";
import { ChangeSpecStore } from "../../../core/changespec/store.ts";
import { SaseError } from "../../../core/errors.ts";

const counts = (added: number, modified: number, removed: number) => ({
  kind: "counts",
  added,
  modified,
  removed,
});

Deno.test("LINES: binary, zero, or whitespace-separated +N ~N -N counts; anything else is refused", () => {
  const cases: [string, unknown][] = [
    ["binary", { kind: "binary" }],
    [" binary ", { kind: "binary" }],
    ["0", counts(0, 0, 0)],
    ["0 lines", counts(0, 0, 0)],
    ["+120", counts(120, 0, 0)],
    ["+3 ~2 -1", counts(3, 2, 1)],
    ["-1 ~2 +3", counts(3, 2, 1)],
    // Any whitespace run separates counts (tabs, no-break and ideographic spaces).
    ["+3\t~2 \u00a0 -1", counts(3, 2, 1)],
    ["+3\u3000-1", counts(3, 0, 1)],
    // A later count of the same sign wins.
    ["+1 +7", counts(7, 0, 0)],
    ["+007", counts(7, 0, 0)],
    ["", null],
    ["   ", null],
    ["lines", null],
    ["0 lines extra", null],
    ["+3,~2", null],
    ["+3 ~", null],
    ["+ 3", null],
    ["+-3", null],
    ["3", null],
    ["+3 ~2 x", null],
    // Only ASCII digits count.
    ["+\u0663", null],
    // A zero-width space is not whitespace.
    ["+3\u200b~2", null],
  ];
  for (const [text, expected] of cases) {
    assertEquals(parseLineStats(text), expected, JSON.stringify(text));
  }
});

Deno.test("TIMESTAMPS: bare, bracketed and ISO bracketed forms; a half form is no timestamp", () => {
  const entry = (timestamp: string, eventType: string, detail: string) => ({
    timestamp,
    eventType,
    detail,
  });
  const cases: [string, unknown][] = [
    ["  260101_120000 STATUS WIP -> Draft", entry("260101_120000", "STATUS", "WIP -> Draft")],
    ["  [260101_120000] COMMIT (1)  ", entry("260101_120000", "COMMIT", "(1)")],
    ["  [2026-01-01 12:00:00] REWORD x", entry("2026-01-01 12:00:00", "REWORD", "x")],
    ["  [260101_120000 STATUS x", null],
    ["  260101_120000] STATUS x", null],
    ["  [260101_120000] UNKNOWN x", null],
    ["  2026-01-01 12:00:00 STATUS x", null],
    ["  [2026-01-01 12:00] STATUS x", null],
    ["260101_120000 STATUS x", null],
  ];
  for (const [line, expected] of cases) {
    assertEquals(parseTimestampLine(line), expected, JSON.stringify(line));
  }
});

Deno.test("a line of any whitespace is blank: a paragraph break in DESCRIPTION, nothing elsewhere", () => {
  const text = [
    "NAME: a",
    "DESCRIPTION:",
    "  First paragraph.",
    "\u00a0\t ",
    "  Second paragraph.",
    "\u3000",
    "  \u200b",
    "STATUS: WIP",
    "\u2028",
    "COMMITS:",
    "  (1) note",
    "  \ufeff",
    "      body",
  ].join("\n");
  const file = parseProjectSpec(text, "/p/a/a.sase");
  const [spec] = file.specs;
  // A zero-width space is not whitespace: it is a description line of its own.
  assertEquals(spec.description, "First paragraph.\n\nSecond paragraph.\n\n\u200b");
  assertEquals(spec.commits.map((commit) => [commit.note, commit.body]), [["note", ["body"]]]);
  assertEquals(file.warnings, []);
});

Deno.test("the store reads a missing file as none, and refuses a directory by rejecting", async () => {
  await using sb = await makeSandbox();
  const store = new ChangeSpecStore(sb.root);
  assertEquals(await store.load(`${sb.root}/nope/nope.sase`), null);
  const dir = await Deno.makeTempDir({ dir: sb.root });
  const loading = store.load(dir);
  await assertRejects(() => loading, SaseError, dir);
  const path = await sb.write("p/p.sase", "NAME: a\nSTATUS: WIP\n");
  assertEquals((await store.load(path))?.specs.map((spec) => spec.name), ["a"]);
});
