import { assertEquals, assertThrows } from "../../_helpers/assert.ts";
import { SaseError } from "../../../core/errors.ts";
import { parseYamlText } from "../../../core/yaml/untrusted.ts";

const parse = (text: string, firstLine?: number) =>
  parseYamlText(text, "/cfg/sase.yml", { code: "test.yaml", firstLine }).value;

/** A mapping holding `lists` nested flow lists: `lists + 1` levels in all. */
const nested = (lists: number) => "a: " + "[".repeat(lists) + "]".repeat(lists) + "\n";

Deno.test("nesting: 100 levels of lists and mappings parse; 101 are refused naming file and line", () => {
  let value = parse(nested(99)) as { a: unknown };
  let depth = 1;
  for (let node: unknown = value.a; Array.isArray(node); node = node[0]) depth++;
  assertEquals(depth, 100);
  const error = assertThrows(
    () => parse("x: 1\n" + nested(100)),
    SaseError,
    "/cfg/sase.yml:2: lists and mappings nest deeper than 100 levels",
  );
  assertEquals((error as SaseError).code, "test.yaml");
  // Block style counts the same way: 101 indented mappings.
  const block = Array.from({ length: 101 }, (_, i) => " ".repeat(i) + "k:").join("\n") + " 1\n";
  assertThrows(() => parse(block), SaseError, "nest deeper than 100 levels");
  value = parse(
    Array.from({ length: 100 }, (_, i) => " ".repeat(i) + "k:").join("\n") + " 1\n",
  ) as {
    a: unknown;
  };
  assertEquals(typeof value, "object");
});

Deno.test("nesting: tens of thousands of levels are refused, never a stack overflow", () => {
  for (const text of [nested(100_000), "{a: ".repeat(30_000) + "1" + "}".repeat(30_000)]) {
    const error = assertThrows(() => parse(text), SaseError, "nest deeper than 100 levels");
    assertEquals(error.message.includes("call stack"), false, error.message);
    assertEquals(error.message.startsWith("/cfg/sase.yml:1:"), true, error.message);
  }
});

Deno.test("aliases: an alias bomb, an unknown alias and a self-enclosing alias are named errors", () => {
  const bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"];
  for (const [index, name] of ["b", "c", "d", "e", "f", "g"].entries()) {
    const prev = index === 0 ? "a" : ["b", "c", "d", "e", "f"][index - 1];
    bomb.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(", ")}]`);
  }
  assertThrows(
    () => parse(bomb.join("\n") + "\n"),
    SaseError,
    // Reported on the line of the first alias.
    "/cfg/sase.yml:2: aliases expand to too many values (more than 1000)",
  );
  assertThrows(
    () => parse("x: 1\ny: *nope\n"),
    SaseError,
    "/cfg/sase.yml:2: unknown alias '*nope' (no anchor '&nope' before it)",
  );
  // An alias used before its anchor is unknown at that point, as in YAML.
  assertThrows(() => parse("a: *x\nb: &x 1\n"), SaseError, "/cfg/sase.yml:1: unknown alias '*x'");
  assertThrows(
    () => parse("a: &x\n  b:\n    - *x\n"),
    SaseError,
    "/cfg/sase.yml:3: alias '*x' refers to a value that contains it",
  );
  assertThrows(() => parse("a: &x [1, *x]\n"), SaseError, "refers to a value that contains it");
});

Deno.test("aliases: ordinary reuse works, and a later anchor of the same name wins", () => {
  assertEquals(parse("base: &b {k: 1}\nuse: *b\nlist: [*b, *b]\n"), {
    base: { k: 1 },
    use: { k: 1 },
    list: [{ k: 1 }, { k: 1 }],
  });
  assertEquals(parse("a: &x 1\nb: &x 2\nc: *x\n"), { a: 1, b: 2, c: 2 });
  // Re-anchoring inside the enclosing node makes the alias point at the sibling, not the parent.
  assertEquals(parse("a: &x\n  s: &x 5\n  t: *x\n"), { a: { s: 5, t: 5 } });
});

Deno.test("aliases of aliases cannot build a value deeper than 100 levels", () => {
  // Each line nests 40 lists around the previous anchor: 3 lines reach 1 + 3 * 40 levels,
  // though the text itself nests only 41 deep.
  const wrap = (inner: string) => "[".repeat(40) + inner + "]".repeat(40);
  const lines = [`l0: &l0 ${wrap("x")}`];
  for (let i = 1; i < 3; i++) lines.push(`l${i}: &l${i} ${wrap(`*l${i - 1}`)}`);
  assertThrows(
    () => parse(lines.join("\n") + "\n"),
    SaseError,
    "/cfg/sase.yml: lists and mappings nest deeper than 100 levels",
  );
  // Two lines (81 levels) are fine.
  assertEquals(typeof parse(lines.slice(0, 2).join("\n") + "\n"), "object");
});

Deno.test("syntax errors name the file line, shifted by firstLine for front matter", () => {
  assertThrows(() => parse("ok: 1\nbad: [1\n"), SaseError, "/cfg/sase.yml:3: invalid YAML:");
  assertThrows(() => parse("ok: 1\nbad: [1\n", 2), SaseError, "/cfg/sase.yml:4: invalid YAML:");
  assertThrows(() => parse("a: 1\na: 2\n"), SaseError, "/cfg/sase.yml:2: invalid YAML:");
  assertEquals(parse(""), null);
});
