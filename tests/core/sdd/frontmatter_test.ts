import { assertEquals, assertThrows } from "../../_helpers/assert.ts";
import {
  parseFrontmatter,
  parseFrontmatterYaml,
  setFrontmatterFields,
} from "../../../core/sdd/frontmatter.ts";
import { SaseError } from "../../../core/errors.ts";

Deno.test("frontmatter edits keep comments, key order, the body, a BOM and CRLF line endings", () => {
  const text = "---\n# why\ntier: tale # inline\n---\n# Body\n";
  assertEquals(
    setFrontmatterFields(text, { prompt: "sdd/prompts/202605/a.md" }),
    "---\n# why\ntier: tale # inline\nprompt: sdd/prompts/202605/a.md\n---\n# Body\n",
  );
  const windows = "\uFEFF---\r\ntier: tale\r\n---\r\n# Body\r\nline two\r\n";
  assertEquals(
    setFrontmatterFields(windows, { prompt: "p.md" }),
    "\uFEFF---\r\ntier: tale\r\nprompt: p.md\r\n---\r\n# Body\r\nline two\r\n",
  );
  // A file without frontmatter gains a block in its own line-ending style.
  assertEquals(
    setFrontmatterFields("# Plan\r\n", { tier: "tale" }),
    "---\r\ntier: tale\r\n---\r\n# Plan\r\n",
  );
  assertEquals(
    setFrontmatterFields("# Plan\n", { tier: "tale" }),
    "---\ntier: tale\n---\n# Plan\n",
  );
  // Removing the last field leaves an empty block, not a broken one.
  assertEquals(
    setFrontmatterFields("---\ntier: tale\n---\nx\n", { tier: undefined }),
    "---\n---\nx\n",
  );
});

Deno.test("a BOM does not hide the frontmatter; a fence not at the start is body text", () => {
  const parsed = parseFrontmatter("\uFEFF---\ntier: epic\n---\nbody\n");
  assertEquals(parsed.ok && parsed.data, { tier: "epic" });
  const late = parseFrontmatter("\n---\ntier: epic\n---\n");
  assertEquals(late.ok && [late.hasFrontmatter, late.data], [false, {}]);
});

Deno.test("duplicate keys read as the original reads them (last wins) and are warned about", () => {
  const parsed = parseFrontmatter("---\nstatus: wip\ntier: tale\nstatus: done\n---\nx\n");
  assertEquals(parsed.ok && parsed.data, { status: "done", tier: "tale" });
  assertEquals(parsed.ok && parsed.warnings, [{
    message: "duplicate key: the last value wins",
    line: 4,
  }]);
});

Deno.test("every YAML problem is returned with its file line; none is an exception", () => {
  assertEquals(parseFrontmatterYaml("a: *missing\nb: *gone\n"), {
    ok: false,
    problems: [
      { message: "unknown alias '*missing' (no anchor '&missing' before it)", line: 2 },
      { message: "unknown alias '*gone' (no anchor '&gone' before it)", line: 3 },
    ],
  });
  // Nesting is bounded at 100 levels of lists and mappings (the mapping of
  // `k` is one), refused the same way wherever the caller's stack stands.
  const flow = (levels: number) => `k: ${"[".repeat(levels)}${"]".repeat(levels)}\n`;
  assertEquals(parseFrontmatterYaml(flow(99)).ok, true);
  const tooDeep = {
    ok: false,
    problems: [{ message: "lists and mappings nest deeper than 100 levels", line: 2 }],
  };
  assertEquals(parseFrontmatterYaml(flow(100)), tooDeep);
  const atDepth = (frames: number): unknown =>
    frames === 0 ? parseFrontmatterYaml(flow(5000)) : atDepth(frames - 1);
  for (const frames of [0, 500, 1500, 3000, 5000]) {
    assertEquals(atDepth(frames), tooDeep, `at ${frames} frames`);
  }
  const block = (levels: number) =>
    Array.from({ length: levels }, (_, level) => `${" ".repeat(level)}k${level}:`).join("\n") +
    " x\n";
  assertEquals(parseFrontmatterYaml(block(100)).ok, true);
  // The 101st mapping is the value of `k99`, which starts on the file's line 2 + 100.
  assertEquals(parseFrontmatterYaml(block(101)), {
    ok: false,
    problems: [{ message: "lists and mappings nest deeper than 100 levels", line: 102 }],
  });
  // Brackets in quoted text and comments are not nesting.
  const brackets = "[".repeat(100);
  assertEquals(
    parseFrontmatterYaml(`title: "${brackets}"\n# ${brackets}\nnote: '${brackets}'\n`).ok,
    true,
  );
  assertEquals(parseFrontmatterYaml("- a\n- b\n"), {
    ok: false,
    problems: [{ message: "frontmatter must be a mapping of `key: value` lines", line: 2 }],
  });
  assertEquals(parseFrontmatter("---\ntier: tale\n"), {
    ok: false,
    problems: [{ message: "frontmatter is missing its closing `---` marker", line: 1 }],
  });
  // The original's reader refuses a list or mapping as a key (the parser would stringify it).
  assertEquals(parseFrontmatterYaml("tier: tale\n[a, b]: 1\n"), {
    ok: false,
    problems: [{ message: "a key must be a plain value, not a list or mapping", line: 3 }],
  });
  const aliasesWithinReason = parseFrontmatterYaml("a: &x 1\nb: *x\n");
  assertEquals(aliasesWithinReason.ok && aliasesWithinReason.data, { a: 1, b: 1 });
});

Deno.test("an edit of unparsable frontmatter is refused, naming the file and every line", () => {
  const error = assertThrows(
    () => setFrontmatterFields("---\na: [x\nb: {\n---\nbody\n", { c: 1 }, "tales/x.md"),
    SaseError,
    "cannot edit the frontmatter of tales/x.md:",
  );
  assertEquals(error.message.split("\n").slice(1).map((line) => line.split(": ")[0]), [
    "tales/x.md:3",
    "tales/x.md:4",
  ]);
  assertThrows(
    () => setFrontmatterFields("---\na: 1\n", { c: 1 }, "tales/y.md"),
    SaseError,
    "tales/y.md:1: frontmatter is missing its closing `---`",
  );
});
