import {
  assert,
  assertEquals,
  assertRejects,
  assertStringIncludes,
} from "../../_helpers/assert.ts";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { makeSandbox, type Sandbox } from "../../_helpers/sandbox.ts";
import { loadConfig } from "../../../core/config/load.ts";
import type { LoadedConfig } from "../../../core/config/loaded.ts";
import { configCacheDir } from "../../../core/config/cache.ts";
import type { DiscoverOptions } from "../../../core/config/layers.ts";
import { SaseError } from "../../../core/errors.ts";

const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** The `.json` entries currently in the sandbox's config cache (sorted names). */
async function cacheEntries(sb: Sandbox, env: Record<string, string> = sb.env): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(configCacheDir(env))) {
      if (entry.name.endsWith(".json")) names.push(entry.name);
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return names.sort();
}

/** Everything of a load result that must survive the cache (line lookups aside). */
function comparable(loaded: LoadedConfig) {
  return {
    config: loaded.config,
    raw: loaded.raw,
    warnings: loaded.warnings,
    layers: loaded.layers.map(({ lineOf: _lineOf, ...layer }) => layer),
  };
}

function load(sb: Sandbox, extra: DiscoverOptions = {}): Promise<LoadedConfig> {
  return loadConfig({ env: sb.env, cwd: sb.cwd, ...extra });
}

Deno.test("a repeat load is served from the cache and equals the fresh load", async () => {
  await using sb = await makeSandbox();
  await sb.write(
    "home/.config/sase/sase.yml",
    "timezone: UTC\ntypo_key: 1\nsibling_repos:\n  - {name: dep, path: ../d}\n",
  );
  await sb.write("home/.config/sase/sase_a.yml", "axe:\n  chop_script_dirs: [c]\n");
  await sb.write("work/sase.yml", "use_chezmoi: true\n");
  const options: DiscoverOptions = {
    pluginLayers: [{ name: "demo", path: "/plugins/demo.yml", text: "axe:\n  query: x\n" }],
  };
  const fresh = await load(sb, options);
  assertEquals((await cacheEntries(sb)).length, 1);
  const cached = await load(sb, options);
  assertEquals(comparable(cached), comparable(fresh));
  assertEquals(cached.warnings.map((warning) => [warning.key, warning.line]), [
    ["typo_key", 2],
    ["sibling_repos", 3],
  ]);
  // Only a fresh load can locate keys: the second one really was a hit.
  const user = (loaded: LoadedConfig) => loaded.layers.find((layer) => layer.name === "user")!;
  assertEquals(user(fresh).lineOf(["timezone"]), 1);
  assertEquals(user(cached).lineOf(["timezone"]), undefined);
  assertEquals((await cacheEntries(sb)).length, 1);

  // And the hit returns what the entry says, without re-reading the YAML.
  const [name] = await cacheEntries(sb);
  const entryPath = join(configCacheDir(sb.env), name);
  const entry = JSON.parse(await Deno.readTextFile(entryPath));
  entry.config.timezone = "Cached/Zone";
  await Deno.writeTextFile(entryPath, JSON.stringify(entry));
  assertEquals((await load(sb, options)).config.timezone, "Cached/Zone");
});

Deno.test("the key is the content: a same-size, same-mtime edit is a miss", async () => {
  await using sb = await makeSandbox();
  const path = await sb.write("home/.config/sase/sase.yml", "timezone: UTC\n");
  assertEquals((await load(sb)).config.timezone, "UTC");
  const { mtime } = await Deno.stat(path);
  await Deno.writeTextFile(path, "timezone: GMT\n");
  await Deno.utime(path, mtime!, mtime!);
  assertEquals((await load(sb)).config.timezone, "GMT");
  assertEquals((await cacheEntries(sb)).length, 2);
});

Deno.test("edits, overlays, the local file, includeLocal and plugins are all seen", async () => {
  await using sb = await makeSandbox();
  const user = await sb.write("home/.config/sase/sase.yml", "precommit_command: a\n");
  assertEquals((await load(sb)).raw.precommit_command, "a");
  await Deno.writeTextFile(user, "precommit_command: bb\n");
  assertEquals((await load(sb)).raw.precommit_command, "bb");

  const overlay = await sb.write("home/.config/sase/sase_x.yml", "precommit_command: overlay\n");
  assertEquals((await load(sb)).raw.precommit_command, "overlay");
  await Deno.remove(overlay);
  assertEquals((await load(sb)).raw.precommit_command, "bb");

  await sb.write("work/sase.yml", "precommit_command: local\n");
  const withLocal = await load(sb);
  assertEquals(withLocal.raw.precommit_command, "local");
  assertEquals(withLocal.layers.at(-1)!.exists, true);
  const withoutLocal = await load(sb, { includeLocal: false });
  assertEquals(withoutLocal.raw.precommit_command, "bb");
  assertEquals(withoutLocal.layers.map((layer) => layer.name), ["default", "user"]);

  const plugin = (text: string) => [{ name: "p", path: "/p.yml", text }];
  assertEquals((await load(sb, { pluginLayers: plugin("timezone: A\n") })).raw.timezone, "A");
  assertEquals((await load(sb, { pluginLayers: plugin("timezone: B\n") })).raw.timezone, "B");
  const disabled = await loadConfig({
    env: { ...sb.env, SASE_DISABLE_PLUGINS: "1" },
    cwd: sb.cwd,
    pluginLayers: plugin("timezone: B\n"),
  });
  assertEquals(disabled.raw.timezone, "America/New_York");
});

Deno.test("an invalid layer fails the same way every time and is never cached", async () => {
  await using sb = await makeSandbox();
  const user = await sb.write("home/.config/sase/sase.yml", "timezone: UTC\n");
  await load(sb);
  assertEquals((await cacheEntries(sb)).length, 1);

  const overlay = await sb.write(
    "home/.config/sase/sase_work.yml",
    "timezone: UTC\naxe:\n  lumberjacks:\n    hooks:\n      interval: soon\n",
  );
  const messages: string[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    const error = await assertRejects(() => load(sb), SaseError);
    assertStringIncludes(error.message, `${overlay}:5: axe.lumberjacks.hooks.interval:`);
    messages.push(error.message);
  }
  assertEquals(messages[0], messages[1]);

  await Deno.remove(overlay);
  await Deno.writeTextFile(user, "axe:\n  bad: [1, 2\n");
  for (let attempt = 0; attempt < 2; attempt++) {
    const error = await assertRejects(() => load(sb), SaseError);
    assertStringIncludes(error.message, `${user}:3: invalid YAML`);
  }
  assertEquals((await cacheEntries(sb)).length, 1, "only the valid load was stored");
});

Deno.test("an unreadable layer file (a directory) raises a named error, and is not cached", async () => {
  await using sb = await makeSandbox();
  // A directory where the user file should be: reading it fails, not "missing".
  await Deno.mkdir(join(sb.configDir, "sase.yml"));
  for (let attempt = 0; attempt < 2; attempt++) {
    const error = await assertRejects(() => load(sb), SaseError);
    assertEquals((error as SaseError).code, "input.is_directory");
    assertEquals(
      error.message,
      `${join(sb.configDir, "sase.yml")}: is a directory, expected a file`,
    );
  }
  // A broken plugin layer below it is reported first, as before the cache existed.
  const error = await assertRejects(
    () => load(sb, { pluginLayers: [{ name: "p", path: "/p.yml", text: "a: [1\n" }] }),
    SaseError,
    "/p.yml:",
  );
  assertEquals((error as SaseError).code, "config.parse");
  assertEquals(await cacheEntries(sb), []);
});

Deno.test("a corrupt or foreign cache entry is ignored and rewritten", async () => {
  await using sb = await makeSandbox();
  await sb.write("home/.config/sase/sase.yml", "timezone: UTC\n");
  const fresh = await load(sb);
  const [name] = await cacheEntries(sb);
  const entryPath = join(configCacheDir(sb.env), name);

  for (const bad of ["{not json", "[]", JSON.stringify({ cache_version: 999, config: {} })]) {
    await Deno.writeTextFile(entryPath, bad);
    const loaded = await load(sb);
    assertEquals(comparable(loaded), comparable(fresh));
    assertEquals(loaded.layers[1].lineOf(["timezone"]), 1, "served by a full load");
    const rewritten = JSON.parse(await Deno.readTextFile(entryPath));
    assertEquals(rewritten.config.timezone, "UTC");
  }
});

Deno.test("SASE_CONFIG_CACHE=0 neither reads nor writes the cache", async () => {
  await using sb = await makeSandbox();
  await sb.write("home/.config/sase/sase.yml", "timezone: UTC\n");
  const off = { ...sb.env, SASE_CONFIG_CACHE: "0" };
  await loadConfig({ env: off, cwd: sb.cwd });
  await loadConfig({ env: off, cwd: sb.cwd });
  assertEquals(await cacheEntries(sb), []);

  await load(sb);
  const [name] = await cacheEntries(sb);
  const entryPath = join(configCacheDir(sb.env), name);
  const entry = JSON.parse(await Deno.readTextFile(entryPath));
  entry.config.timezone = "Cached/Zone";
  await Deno.writeTextFile(entryPath, JSON.stringify(entry));
  assertEquals((await loadConfig({ env: off, cwd: sb.cwd })).config.timezone, "UTC");
});

Deno.test("a SASE_HOME that cannot be written just means no caching", async () => {
  await using sb = await makeSandbox();
  await sb.write("home/.config/sase/sase.yml", "timezone: UTC\n");
  // A regular file where the state root should be: every mkdir below it fails.
  const blocked = await sb.write("not-a-dir", "");
  const env = { ...sb.env, SASE_HOME: blocked };
  for (let attempt = 0; attempt < 2; attempt++) {
    const loaded = await loadConfig({ env, cwd: sb.cwd });
    assertEquals(loaded.config.timezone, "UTC");
  }
});

Deno.test("values JSON cannot carry (NaN, YAML 1.1 dates) are loaded but not cached", async () => {
  await using sb = await makeSandbox();
  await sb.write("home/.config/sase/sase.yml", "x_ratio: .nan\n");
  for (let attempt = 0; attempt < 2; attempt++) {
    assert(Number.isNaN((await load(sb)).config["x_ratio" as keyof object]));
  }
  assertEquals(await cacheEntries(sb), []);

  await sb.write("home/.config/sase/sase.yml", "%YAML 1.1\n---\nx_when: 2001-12-14\n");
  for (let attempt = 0; attempt < 2; attempt++) {
    // The merge flattens it to `{}`, but the layer's own value keeps the Date.
    assert((await load(sb)).layers[1].value!.x_when as unknown instanceof Date);
  }
  assertEquals(await cacheEntries(sb), []);
});

/** The README's limit ("Configuration": at most 32 cached configurations are kept), written out. */
const MAX_ENTRIES = 32;

Deno.test("pruning keeps the newest entries and at most the limit", async () => {
  await using sb = await makeSandbox();
  const dir = configCacheDir(sb.env);
  await Deno.mkdir(dir, { recursive: true });
  const old = Date.now() - 3_600_000;
  const fakes: string[] = [];
  for (let index = 0; index < MAX_ENTRIES + 8; index++) {
    const name = `${index.toString(16).padStart(64, "0")}.json`;
    const path = join(dir, name);
    await Deno.writeTextFile(path, "{}");
    // Older index, older mtime: the first fakes are the ones to go.
    const mtime = new Date(old + index * 1000);
    await Deno.utime(path, mtime, mtime);
    fakes.push(name);
  }
  const staleTemp = join(dir, ".leftover.json.123.abcd.tmp");
  await Deno.writeTextFile(staleTemp, "");
  await Deno.utime(staleTemp, new Date(old), new Date(old));

  await load(sb);
  const entries = await cacheEntries(sb);
  assertEquals(entries.length, MAX_ENTRIES);
  const kept = fakes.slice(fakes.length - (MAX_ENTRIES - 1));
  assertEquals(entries.filter((name) => fakes.includes(name)), kept);
  assertEquals(entries.filter((name) => !fakes.includes(name)).length, 1, "the new entry stays");
  await assertRejects(() => Deno.stat(staleTemp), Deno.errors.NotFound);
});

Deno.test("load.ts loads neither yaml, zod nor the schema until a cache miss", async () => {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", "core/config/load.ts"],
    cwd: REPO_ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert(output.success, new TextDecoder().decode(output.stderr));
  interface Dependency {
    code?: { specifier: string };
    type?: { specifier: string };
  }
  const info = JSON.parse(new TextDecoder().decode(output.stdout)) as {
    roots: string[];
    modules: { specifier: string; dependencies?: Dependency[] }[];
    redirects?: Record<string, string>;
  };
  const bySpecifier = new Map(info.modules.map((module) => [module.specifier, module]));
  const resolve = (specifier: string) => info.redirects?.[specifier] ?? specifier;
  const reached = new Set<string>();
  const typeOnly = new Set<string>();
  const pending = [resolve(info.roots[0])];
  while (pending.length > 0) {
    const specifier = pending.pop()!;
    if (reached.has(specifier)) continue;
    reached.add(specifier);
    for (const dependency of bySpecifier.get(specifier)?.dependencies ?? []) {
      // Type-only references are erased; an on-demand import is one (core/on_demand.ts).
      if (!dependency.code) typeOnly.add(dependency.type?.specifier ?? "");
      else pending.push(resolve(dependency.code.specifier));
    }
  }
  const heavy = [...reached].filter((specifier) =>
    /^npm:|yaml|zod|\/config\/(schema|yaml_file|validate|parse_layers|load_uncached)\.ts$/.test(
      specifier,
    )
  );
  assertEquals(heavy, []);
  assert(
    [...typeOnly].some((specifier) => specifier.endsWith("/core/config/load_uncached.ts")),
    "the full load is imported on demand",
  );
});

Deno.test("a cache entry that is an endless device is a miss, not a hang, and is rewritten", async () => {
  await using sb = await makeSandbox();
  await sb.write("home/.config/sase/sase.yml", "timezone: UTC\n");
  const fresh = await load(sb);
  const [name] = await cacheEntries(sb);
  const entryPath = join(configCacheDir(sb.env), name);
  await Deno.remove(entryPath);
  await Deno.symlink("/dev/zero", entryPath);
  const loaded = await load(sb);
  assertEquals(loaded.raw, fresh.raw);
  assertEquals((await Deno.lstat(entryPath)).isFile, true, "replaced by a real entry");
});
