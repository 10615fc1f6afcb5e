import { join } from "node:path";
import { assert, assertEquals, assertThrows } from "../../_helpers/assert.ts";
import { runSase } from "../../_helpers/cli.ts";
import { makeSandbox, type Sandbox } from "../../_helpers/sandbox.ts";
import { ParseCache, SETTLE_MS } from "../../../core/changespec/parse_cache.ts";
import { projectStore, searchChangeSpecs } from "../../../core/changespec/read.ts";
import { writeSearchDocument } from "../../../core/changespec/search_document.ts";
import { changeSpecSearchWire } from "../../../core/changespec/wire.ts";
import { QueryError } from "../../../core/query/types.ts";
import { GOLDEN, GOLDEN_ARCHIVE, QUERY_CASES } from "./_corpus.ts";

const decoder = new TextDecoder();

/** A clock far enough past every file's change that each parse is stored. */
const LATER = () => Date.now() + 10 * SETTLE_MS;

/** The streamed document of `query`, and what the cache did. */
function streamed(
  sb: Sandbox,
  query: string,
  options: { includeArchive?: boolean; now?: () => number } = {},
) {
  const cache = new ParseCache(join(sb.saseHome, "cache", "changespec"), {
    now: options.now ?? LATER,
  });
  const chunks: string[] = [];
  const count = writeSearchDocument(sb.env, query, (chunk) => chunks.push(decoder.decode(chunk)), {
    includeArchive: options.includeArchive,
    cache,
  });
  return { text: chunks.join(""), count, stats: cache.stats };
}

/** The document as the in-memory search lays it out. */
async function whole(sb: Sandbox, query: string, includeArchive = false): Promise<string> {
  const search = await searchChangeSpecs(projectStore(sb.env), query, { includeArchive });
  return JSON.stringify(changeSpecSearchWire(search), null, 2) + "\n";
}

function spec(name: string, status: string, extra = ""): string {
  return `NAME: ${name}\nDESCRIPTION:\n  About ${name}\n${extra}STATUS: ${status}\n`;
}

async function project(sb: Sandbox, name: string, specs: string[], header = ""): Promise<string> {
  const path = join(sb.saseHome, "projects", name, `${name}.sase`);
  await Deno.mkdir(join(sb.saseHome, "projects", name), { recursive: true });
  await Deno.writeTextFile(path, header + specs.join("\n\n"));
  return path;
}

/** Set a file's times to `seconds` ago (as if written long before the search). */
function age(path: string, seconds = 3600): void {
  const past = new Date(Date.now() - seconds * 1000);
  Deno.utimeSync(path, past, past);
}

Deno.test("the streamed document is byte for byte the whole one, cold and warm, for every oracle query", async () => {
  await using sb = await makeSandbox();
  const dir = join(sb.saseHome, "projects", "core_golden");
  await Deno.mkdir(dir, { recursive: true });
  await Deno.copyFile(GOLDEN, join(dir, "core_golden.sase"));
  await Deno.copyFile(GOLDEN_ARCHIVE, join(dir, "core_golden-archive.sase"));
  await project(sb, "zeta", [spec("zeta_a", "Ready"), spec("zeta_b", "WIP", "PARENT: zeta_a\n")]);
  await project(sb, "quiet", [spec("quiet_a", "Ready")], "PROJECT_STATE: inactive\n\n");
  const cases = JSON.parse(await Deno.readTextFile(QUERY_CASES));
  const queries = [...Object.keys(cases.evaluation), "status:Ready", "nothing-matches-this"];
  assert(queries.some((query) => query.includes("ancestor:")), "the oracle walks PARENT chains");
  for (const includeArchive of [false, true]) {
    const cold = streamed(sb, "status:Ready", { includeArchive });
    assertEquals(cold.text, await whole(sb, "status:Ready", includeArchive));
    for (const query of queries) {
      const warm = streamed(sb, query, { includeArchive });
      assertEquals(warm.text, await whole(sb, query, includeArchive), query);
      assertEquals(warm.stats.parsed, 0, `${query}: answered from the cache`);
      assertEquals(warm.count, JSON.parse(warm.text).count);
    }
  }
});

Deno.test("no match writes the empty document; a bad query throws before writing", async () => {
  await using sb = await makeSandbox();
  await project(sb, "p", [spec("p_a", "WIP")]);
  const empty = streamed(sb, "status:Ready");
  assertEquals(empty.count, 0);
  assertEquals(empty.text, await whole(sb, "status:Ready"));
  assertEquals(JSON.parse(empty.text).changespecs, []);
  const chunks: Uint8Array[] = [];
  assertThrows(
    () => writeSearchDocument(sb.env, "status:(", (chunk) => chunks.push(chunk)),
    QueryError,
    "Expected",
  );
  assertEquals(chunks, []);
});

/** Swap the first Ready and Draft statuses of `path` in place: same size, same inode. */
async function swapStatuses(path: string): Promise<void> {
  const text = await Deno.readTextFile(path);
  const edited = text.replace("STATUS: Ready", "STATUS: @@@@@")
    .replace("STATUS: Draft", "STATUS: Ready")
    .replace("STATUS: @@@@@", "STATUS: Draft");
  assertEquals(edited.length, text.length);
  const file = await Deno.open(path, { write: true });
  await file.write(new TextEncoder().encode(edited));
  file.close();
}

function readyNames(text: string): string[] {
  return JSON.parse(text).changespecs.map((found: { name: string }) => found.name);
}

Deno.test("an edit in place that keeps the size is seen, with another mtime or the same one", async () => {
  await using sb = await makeSandbox();
  const path = await project(sb, "p", [spec("p_a", "Ready"), spec("p_b", "Draft")]);
  age(path);
  assertEquals(readyNames(streamed(sb, "status:Ready").text), ["p_a"]);
  assertEquals(streamed(sb, "status:Ready").stats.hits, 1);
  const before = await Deno.stat(path);
  // Another mtime, well in the past.
  await swapStatuses(path);
  age(path, 7200);
  const after = await Deno.stat(path);
  assertEquals([after.size, after.ino], [before.size, before.ino]);
  const changed = streamed(sb, "status:Ready");
  assertEquals([changed.stats.parsed, readyNames(changed.text)], [1, ["p_b"]]);
  // Back again, and the mtime the cached entry was made with put back exactly:
  // only the change time tells.
  const cached = await Deno.stat(path);
  assertEquals(streamed(sb, "status:Ready").stats.hits, 1);
  // A real clock stores only entries whose change time is SETTLE_MS old, so
  // any later change has another one. This clock says so: let the change time
  // (whole seconds, as Deno reports it) move on as the real one would.
  const nextSecond = Math.floor(cached.ctime!.getTime() / 1000) * 1000 + 1000;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, nextSecond - Date.now() + 20)));
  await swapStatuses(path);
  Deno.utimeSync(path, cached.atime!, cached.mtime!);
  const restored = await Deno.stat(path);
  assertEquals(
    [restored.size, restored.ino, restored.mtime?.getTime()],
    [cached.size, cached.ino, cached.mtime?.getTime()],
  );
  const again = streamed(sb, "status:Ready");
  assertEquals([again.stats.parsed, readyNames(again.text)], [1, ["p_a"]]);
});

Deno.test("a spec appended by another process is found", async () => {
  await using sb = await makeSandbox();
  const path = await project(sb, "p", [spec("p_a", "Ready")]);
  age(path);
  assertEquals(streamed(sb, "status:Ready").count, 1);
  const append = new Deno.Command(Deno.execPath(), {
    args: [
      "eval",
      `Deno.writeTextFileSync(${JSON.stringify(path)}, ${
        JSON.stringify("\n\n" + spec("p_late", "Ready"))
      }, { append: true })`,
    ],
  });
  assert((await append.output()).success);
  const after = streamed(sb, "status:Ready");
  assertEquals(JSON.parse(after.text).changespecs.map((s: { name: string }) => s.name), [
    "p_a",
    "p_late",
  ]);
  assertEquals(after.text, await whole(sb, "status:Ready"));
});

Deno.test("a file renamed over another, or a project renamed, is read afresh", async () => {
  await using sb = await makeSandbox();
  const path = await project(sb, "p", [spec("p_a", "Ready")]);
  age(path);
  assertEquals(streamed(sb, "status:Ready").count, 1);
  // A replacement of the same size and times, renamed into place (a new inode).
  const replacement = `${path}.new`;
  await Deno.writeTextFile(replacement, (await Deno.readTextFile(path)).replace("p_a", "p_z"));
  const old = await Deno.stat(path);
  Deno.utimeSync(replacement, old.atime!, old.mtime!);
  await Deno.rename(replacement, path);
  const swapped = streamed(sb, "status:Ready");
  assertEquals(JSON.parse(swapped.text).changespecs[0].name, "p_z");
  // The whole project moves: its specs now come from the new path.
  await Deno.rename(join(sb.saseHome, "projects", "p"), join(sb.saseHome, "projects", "q"));
  await Deno.rename(
    join(sb.saseHome, "projects", "q", "p.sase"),
    join(sb.saseHome, "projects", "q", "q.sase"),
  );
  const moved = streamed(sb, "status:Ready");
  assertEquals(moved.text, await whole(sb, "status:Ready"));
  assertEquals(JSON.parse(moved.text).changespecs[0].project, "q");
});

Deno.test("a file changed within the settle window is answered but not stored", async () => {
  await using sb = await makeSandbox();
  const path = await project(sb, "p", [spec("p_a", "Ready")]);
  const justNow = () => Date.now();
  const first = streamed(sb, "status:Ready", { now: justNow });
  assertEquals([first.count, first.stats.parsed, first.stats.stored], [1, 1, 0]);
  const second = streamed(sb, "status:Ready", { now: justNow });
  assertEquals([second.stats.hits, second.stats.parsed], [0, 1]);
  // Once it has settled (its mtime and its change time), the parse is stored and then served.
  age(path);
  assertEquals(streamed(sb, "status:Ready", { now: justNow }).stats.stored, 0, "ctime is new");
  const settled = () => Date.now() + SETTLE_MS + 1000;
  assertEquals(streamed(sb, "status:Ready", { now: settled }).stats.stored, 1);
  assertEquals(streamed(sb, "status:Ready", { now: justNow }).stats.hits, 1);
});

Deno.test("a damaged, foreign or missing cache is rebuilt; one that cannot be written still answers", async () => {
  await using sb = await makeSandbox();
  const path = await project(sb, "p", [spec("p_a", "Ready"), spec("p_b", "Ready")]);
  age(path);
  const expected = await whole(sb, "status:Ready");
  assertEquals(streamed(sb, "status:Ready").text, expected);
  const dir = join(sb.saseHome, "cache", "changespec");
  const [entry] = [...Deno.readDirSync(dir)].map((item) => join(dir, item.name));
  const bytes = await Deno.readFile(entry);
  for (
    const damaged of [
      bytes.subarray(0, bytes.length - 7), // cut short
      new TextEncoder().encode("not an entry at all"),
      // Another file's entry: its header names another path.
      new TextEncoder().encode(new TextDecoder().decode(bytes).replace("/p.sase", "/x.sase")),
    ]
  ) {
    await Deno.writeFile(entry, damaged);
    const again = streamed(sb, "status:Ready");
    assertEquals(again.text, expected);
  }
  await Deno.remove(dir, { recursive: true });
  assertEquals(streamed(sb, "status:Ready").text, expected);
  // A file where the cache directory should be: nothing can be stored.
  await Deno.remove(dir, { recursive: true });
  await Deno.mkdir(join(sb.saseHome, "cache"), { recursive: true });
  await Deno.writeTextFile(dir, "in the way");
  const unstored = streamed(sb, "status:Ready");
  assertEquals([unstored.text, unstored.stats.stored], [expected, 0]);
});

Deno.test("entries of ProjectSpecs that are gone are pruned once they pile up", async () => {
  await using sb = await makeSandbox();
  for (let index = 0; index < 5; index++) {
    age(await project(sb, `p${index}`, [spec(`p${index}_a`, "Ready")]));
  }
  const dir = join(sb.saseHome, "cache", "changespec");
  const cache = new ParseCache(dir, { now: LATER });
  writeSearchDocument(sb.env, "status:Ready", () => {}, { cache });
  assertEquals([...Deno.readDirSync(dir)].length, 5);
  for (let index = 0; index < 3; index++) {
    await Deno.remove(join(sb.saseHome, "projects", `p${index}`), { recursive: true });
  }
  cache.prune(10);
  assertEquals([...Deno.readDirSync(dir)].length, 5, "under the limit: kept");
  cache.prune(2);
  assertEquals([...Deno.readDirSync(dir)].length, 2, "over it: the entries of deleted files go");
  assertEquals(streamed(sb, "status:Ready").stats.hits, 2);
});

Deno.test("concurrent searches on a cold cache all give the whole document", async () => {
  await using sb = await makeSandbox();
  for (let index = 0; index < 6; index++) {
    const specs = Array.from(
      { length: 40 },
      (_, n) => spec(`p${index}_${n}`, n % 2 ? "Ready" : "WIP"),
    );
    age(await project(sb, `p${index}`, specs));
  }
  const expected = await whole(sb, "status:Ready");
  const runs = Array.from(
    { length: 4 },
    () => runSase(["changespec", "search", "status:Ready", "-j"], { env: sb.env }),
  );
  for (const result of await Promise.all(runs)) {
    assertEquals([result.code, result.stdout], [0, expected], result.stderr);
  }
});
