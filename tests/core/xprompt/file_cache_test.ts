/**
 * The on-disk cache of parsed xprompt files: a later process gets the same
 * catalog without parsing, and only for the exact same text, sase version
 * and parser code.
 */

import { assert, assertEquals, assertMatch } from "../../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../../_helpers/sandbox.ts";
import { join } from "node:path";
import { type Catalog, discoverXPrompts } from "../../../core/xprompt/discovery.ts";
import {
  openXPromptFileCache,
  XPROMPT_CACHE_VERSION,
  type XPromptFileCache,
} from "../../../core/xprompt/file_cache.ts";

type Result = Parameters<XPromptFileCache<object>["store"]>[4];

/** A cache that counts the lookups it answered. */
async function countingCache(sb: Sandbox, env: Record<string, string> = sb.env) {
  const cache = (await openXPromptFileCache<Result>(env))!;
  const counts = { hits: 0, stores: 0 };
  const counted: XPromptFileCache<Result> = {
    lookup(...args) {
      const found = cache.lookup(...args);
      if (found) counts.hits++;
      return found;
    },
    store(...args) {
      counts.stores++;
      cache.store(...args);
    },
    save: () => cache.save(),
  };
  return { cache: counted, counts };
}

async function writeFiles(sb: Sandbox): Promise<void> {
  await sb.write(
    "work/.xprompts/review.md",
    "---\ndescription: Review it\ninput:\n  depth: { type: int, default: 2 }\n---\n" +
      "Review{% if depth > 1 %} deeply{% endif %}.",
  );
  await sb.write("work/.xprompts/plain.md", "Just text.");
  await sb.write("work/.xprompts/sync.yml", "steps:\n  - name: a\n    bash: echo hi\n");
  await sb.write("work/.xprompts/bad.md", "---\ninput: [unclosed\n---\nbody");
}

/**
 * Touch every file: the process's own memory of parsed files is keyed on
 * mtime, so only the file cache can answer afterwards, as in a new process.
 */
async function touchFiles(sb: Sandbox, seconds: number): Promise<void> {
  const dir = join(sb.cwd, ".xprompts");
  const later = new Date(Date.now() + seconds * 1000);
  for await (const entry of Deno.readDir(dir)) {
    await Deno.utime(join(dir, entry.name), later, later);
  }
}

function options(sb: Sandbox, cache?: XPromptFileCache<Result>) {
  return {
    cwd: sb.cwd,
    home: sb.home,
    configDir: sb.configDir,
    bundledDir: join(sb.root, "none"),
    cache: cache as Parameters<typeof discoverXPrompts>[0]["cache"],
  };
}

/** The catalog as a later process sees it (JSON drops members that are undefined). */
function plain(catalog: Catalog) {
  return JSON.parse(JSON.stringify({ all: catalog.all, problems: catalog.problems }));
}

Deno.test("xprompt file cache: a later process gets the same catalog without parsing a file", async () => {
  await using sb = await makeSandbox();
  await writeFiles(sb);
  const first = await countingCache(sb);
  const fresh = await discoverXPrompts(options(sb, first.cache));
  assertEquals(first.counts, { hits: 0, stores: 4 });
  await first.cache.save();
  assert(await Deno.stat(join(sb.saseHome, "cache", "xprompt", "files.json")));
  await touchFiles(sb, 10);
  const second = await countingCache(sb);
  const served = await discoverXPrompts(options(sb, second.cache));
  assertEquals(second.counts, { hits: 4, stores: 0 });
  assertEquals(plain(served), plain(fresh));
  assertMatch(served.problems[0].message, /bad\.md:\d+: invalid YAML front matter/);
  assertEquals(served.byName.get("review")?.inputs[0].default, 2);
});

Deno.test("xprompt file cache: an entry answers only for the same text, whatever size and mtime say", async () => {
  await using sb = await makeSandbox();
  await writeFiles(sb);
  const first = await countingCache(sb);
  await discoverXPrompts(options(sb, first.cache));
  await first.cache.save();
  const cache = (await openXPromptFileCache<Result>(sb.env))!;
  const path = join(sb.cwd, ".xprompts", "plain.md");
  const source = { priority: 1, label: ".xprompts/ (cwd)" };
  assertEquals(
    (cache.lookup(path, "plain.md", source, "Just text.") as { content: string }).content,
    "Just text.",
  );
  // Same length, one letter changed: a miss.
  assertEquals(cache.lookup(path, "plain.md", source, "Just TEXT."), undefined);
  // The same text under another source or name is another entry.
  assertEquals(cache.lookup(path, "plain.md", { ...source, priority: 2 }, "Just text."), undefined);
  assertEquals(cache.lookup(path, "other.md", source, "Just text."), undefined);
  await Deno.writeTextFile(path, "Just TEXT.");
  await touchFiles(sb, 10);
  const second = await countingCache(sb);
  const catalog = await discoverXPrompts(options(sb, second.cache));
  assertEquals(catalog.byName.get("plain")?.content, "Just TEXT.");
  assertEquals(second.counts, { hits: 3, stores: 1 });
});

Deno.test("xprompt file cache: another version's or a damaged cache is not used", async () => {
  await using sb = await makeSandbox();
  await writeFiles(sb);
  const first = await countingCache(sb);
  await discoverXPrompts(options(sb, first.cache));
  await first.cache.save();
  const file = join(sb.saseHome, "cache", "xprompt", "files.json");
  const stored = JSON.parse(await Deno.readTextFile(file));
  assertEquals(stored.cache_version, XPROMPT_CACHE_VERSION);
  let round = 0;
  for (
    const damaged of [
      JSON.stringify({ ...stored, sase_version: "0.0.0-other" }),
      JSON.stringify({ ...stored, code_stamp: "other code" }),
      JSON.stringify({ ...stored, cache_version: XPROMPT_CACHE_VERSION + 1 }),
      "{ not json",
    ]
  ) {
    await Deno.writeTextFile(file, damaged);
    await touchFiles(sb, 10 * ++round);
    const later = await countingCache(sb);
    await discoverXPrompts(options(sb, later.cache));
    assertEquals(later.counts, { hits: 0, stores: 4 }, damaged.slice(0, 40));
  }
});

Deno.test("xprompt file cache: switched off, or without a writable SASE_HOME, sase runs uncached", async () => {
  await using sb = await makeSandbox();
  await writeFiles(sb);
  for (const off of ["0", "false", " FALSE "]) {
    assertEquals(await openXPromptFileCache({ ...sb.env, SASE_XPROMPT_CACHE: off }), undefined);
  }
  const blocker = await sb.write("not-a-dir", "a file where SASE_HOME should be");
  const env = { ...sb.env, SASE_HOME: blocker };
  const cache = await countingCache(sb, env);
  const catalog = await discoverXPrompts(options(sb, cache.cache));
  await cache.cache.save(); // must not throw
  assertEquals(catalog.byName.get("plain")?.content, "Just text.");
});

Deno.test("xprompt file cache: a result JSON cannot carry exactly is not stored", async () => {
  await using sb = await makeSandbox();
  await sb.write(
    "work/.xprompts/odd.md",
    "---\ninput:\n  x: { type: float, default: .nan }\n---\nx",
  );
  const first = await countingCache(sb);
  const catalog = await discoverXPrompts(options(sb, first.cache));
  assert(Number.isNaN(catalog.byName.get("odd")?.inputs[0].default));
  await first.cache.save();
  const second = await countingCache(sb);
  const again = await discoverXPrompts(options(sb, second.cache));
  assertEquals(second.counts.hits, 0);
  assert(Number.isNaN(again.byName.get("odd")?.inputs[0].default));
});
