import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { runSase } from "../_helpers/cli.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";
import { GOLDEN, GOLDEN_ARCHIVE, QUERY_CASES } from "../core/changespec/_corpus.ts";

interface Cases {
  evaluation: Record<string, string[]>;
  errors: Record<string, { position: number; message: string }>;
  canonical: Record<string, string>;
}

const cases: Cases = JSON.parse(Deno.readTextFileSync(QUERY_CASES));

/** Run `fn` over `items` with at most `limit` in flight (the machine is small). */
async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: limit }, async () => {
    while (queue.length) await fn(queue.shift()!);
  }));
}

Deno.test("changespec search -j answers every oracle query like the library", async () => {
  await using sb = await makeSandbox();
  // The oracle's corpus lived in a directory named core_golden: that is its project name.
  await sb.write("home/.sase/projects/core_golden/core_golden.sase", Deno.readTextFileSync(GOLDEN));
  await sb.write(
    "home/.sase/projects/core_golden/core_golden-archive.sase",
    Deno.readTextFileSync(GOLDEN_ARCHIVE),
  );
  await pool(Object.entries(cases.evaluation), 3, async ([query, expected]) => {
    const result = await runSase(["changespec", "search", "-j", query], { env: sb.env });
    assertEquals(result.code, 0, `${query}: ${result.stderr}`);
    const out = JSON.parse(result.stdout);
    assertEquals(out.changespecs.map((s: { name: string }) => s.name), expected, query);
    assertEquals(out.canonical, cases.canonical[query], query);
  });
  await pool(Object.entries(cases.errors), 3, async ([query, expected]) => {
    const result = await runSase(["changespec", "search", "-j", query], { env: sb.env });
    assertEquals(result.code, 2, query);
    assertEquals(JSON.parse(result.stdout).error, expected, query);
  });
});

Deno.test("changespec search: table, markdown, archive flag, inactive projects hidden, bad query", async () => {
  await using sb = await makeSandbox();
  await sb.write("home/.sase/projects/core_golden/core_golden.sase", Deno.readTextFileSync(GOLDEN));
  await sb.write(
    "home/.sase/projects/core_golden/core_golden-archive.sase",
    Deno.readTextFileSync(GOLDEN_ARCHIVE),
  );
  await sb.write(
    "home/.sase/projects/dormant/dormant.sase",
    "PROJECT_STATE: inactive\n\nNAME: alpha_hidden\nSTATUS: WIP\n",
  );
  const table = await runSase(["changespec", "search", "%w"], { env: sb.env });
  assertEquals(table.code, 0, table.stderr);
  assertEquals(table.stdout.split("\n")[0].split(/\s+/), [
    "NAME",
    "PROJECT",
    "STATUS",
    "PARENT",
    "TITLE",
  ]);
  assertStringIncludes(table.stdout, "beta ");
  assert(!table.stdout.includes("alpha_hidden"));
  const md = await runSase(["changespec", "search", "-f", "markdown", "&gamma"], { env: sb.env });
  assertStringIncludes(md.stdout, "## gamma\n\n- **Project:** core_golden\n- **Status:** Ready");
  const archived = await runSase(["changespec", "search", "-j", "-a", "%s"], { env: sb.env });
  assertEquals(
    JSON.parse(archived.stdout).changespecs.map((s: { name: string }) => s.name),
    ["alpha", "release_blank_run_1"],
  );
  const bad = await runSase(["changespec", "search", "@bad"], { env: sb.env });
  assertEquals(bad.code, 2);
  assertStringIncludes(bad.stderr, "error: Unexpected character: @ at position 0 (at position 0)");
});
