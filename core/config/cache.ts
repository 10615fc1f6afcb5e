/**
 * The on-disk cache of loaded configurations, so that starting an agent does
 * not pay for loading the YAML parser and zod (~35 ms) to re-validate files
 * that have not changed.
 *
 * An entry lives at `<SASE_HOME>/cache/config/<key>.json`, where the key is a
 * SHA-256 over everything the load result depends on: the cache format, the
 * sase version (and, for a source checkout, the config code's file stamps),
 * the plugin switches and every layer's name, kind, path, list strategy and
 * exact text (or "missing"). The key is content based, so an edit that keeps
 * a file's size and mtime still misses.
 *
 * The cache is strictly best effort: an unreadable, unparseable or foreign
 * entry is a miss, and a `SASE_HOME` that cannot be written means no caching.
 * Only successful loads are stored, so an invalid configuration is reported
 * afresh (with file and line) every time. `SASE_CONFIG_CACHE=0` turns it off.
 *
 * @module
 */

import { READ_LIMITS, readTextBoundedSync } from "../fs/bounded_read.ts";
import { join } from "../fs/path.ts";
import { atomicWriteTextFile } from "../fs/atomic_write.ts";
import { SASE_VERSION } from "../version.ts";
import { codeStamp } from "../fs/code_stamp.ts";
import { isPlainJson } from "../fs/plain_json.ts";
import type { ConfigObject, ConfigValue } from "./merge.ts";
import { type Env, saseHome } from "./paths.ts";
import { type ConfigLayer, type LayerSource, pluginConfigDisabled } from "./layers.ts";
import type { ConfigWarning, LoadedConfig } from "./loaded.ts";

/** Bump when the entry layout or anything that shapes a cached result changes. */
export const CONFIG_CACHE_VERSION = 1;

/** Entries kept in the cache directory; older ones (by mtime) are pruned. */
export const CONFIG_CACHE_MAX_ENTRIES = 32;

/** A cache slot: the directory and the entry's key. */
export interface ConfigCacheSlot {
  /** The cache directory, `SASE_HOME/cache/config`. */
  dir: string;
  /** Hex SHA-256 of everything the load result depends on. */
  key: string;
}

/** A layer as stored in a cache entry (no line lookup). */
interface CachedLayer {
  name: string;
  kind: string;
  path: string;
  strategy: string;
  exists: boolean;
  value: ConfigObject | null;
}

/** The JSON document stored for one key. */
interface CacheEntry {
  cache_version: number;
  config: ConfigObject;
  raw: ConfigObject;
  layers: CachedLayer[];
  warnings: ConfigWarning[];
}

const ENTRY_NAME = /^[0-9a-f]{64}\.json$/;
/** Temp files of `atomicWriteTextFile` (`.<name>.<pid>.<id>.tmp`). */
const TEMP_NAME = /^\..+\.tmp$/;
/** A temp file this old was left by a crashed writer, not one still writing. */
const STALE_TEMP_MS = 60_000;

/** The config modules whose code decides a load's result (see `core/fs/code_stamp.ts`). */
const CODE_MODULES = [
  "./schema.ts",
  "./validate.ts",
  "./load_uncached.ts",
  "./parse_layers.ts",
  "./yaml_file.ts",
  "./merge.ts",
];

/** Whether `env` leaves the cache on (`SASE_CONFIG_CACHE=0` or `false` turns it off). */
function configCacheEnabled(env: Env): boolean {
  const value = env.SASE_CONFIG_CACHE?.trim().toLowerCase();
  return value !== "0" && value !== "false";
}

/** `SASE_HOME/cache/config`, where cached configurations live. */
export function configCacheDir(env: Env): string {
  return join(saseHome(env), "cache", "config");
}

/** The hex SHA-256 cache key for loading `sources` under `env`. */
async function configCacheKey(env: Env, sources: readonly LayerSource[]): Promise<string> {
  // JSON keeps the fields unambiguous (no separator can be forged by a file's text).
  const material = JSON.stringify([
    CONFIG_CACHE_VERSION,
    SASE_VERSION,
    codeStamp(import.meta.url, CODE_MODULES),
    { pluginConfigDisabled: pluginConfigDisabled(env) },
    sources.map((source) => [source.name, source.kind, source.path, source.strategy, source.text]),
  ]);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(material));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** The cache slot for `sources`, or `null` when caching is off or has no home. */
export async function configCacheSlot(
  env: Env,
  sources: readonly LayerSource[],
): Promise<ConfigCacheSlot | null> {
  if (!configCacheEnabled(env)) return null;
  let dir: string;
  try {
    dir = configCacheDir(env);
  } catch {
    return null;
  }
  return { dir, key: await configCacheKey(env, sources) };
}

function entryPath(slot: ConfigCacheSlot): string {
  return join(slot.dir, `${slot.key}.json`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isWarning(value: unknown): value is ConfigWarning {
  return isObject(value) && typeof value.layer === "string" && typeof value.path === "string" &&
    typeof value.key === "string" && typeof value.message === "string" &&
    (value.line === undefined || typeof value.line === "number");
}

const noLines: ConfigLayer["lineOf"] = () => undefined;

/** Rebuild a `LoadedConfig` from a parsed entry, or `null` if it does not fit `sources`. */
function fromEntry(entry: unknown, sources: readonly LayerSource[]): LoadedConfig | null {
  if (!isObject(entry) || entry.cache_version !== CONFIG_CACHE_VERSION) return null;
  const { config, raw, layers, warnings } = entry as Partial<CacheEntry>;
  if (!isObject(config) || !isObject(raw) || !Array.isArray(layers)) return null;
  if (!Array.isArray(warnings) || !warnings.every(isWarning)) return null;
  if (layers.length !== sources.length) return null;
  const loadedLayers: ConfigLayer[] = [];
  for (const [index, source] of sources.entries()) {
    const cached = layers[index] as Partial<CachedLayer>;
    // The key already covers these; checking them guards against a damaged entry.
    if (
      !isObject(cached) || cached.name !== source.name || cached.path !== source.path ||
      cached.exists !== (source.text !== null) ||
      !(cached.value === null || isObject(cached.value))
    ) {
      return null;
    }
    loadedLayers.push({
      name: source.name,
      kind: source.kind,
      path: source.path,
      strategy: source.strategy,
      exists: cached.exists,
      value: cached.value,
      lineOf: noLines,
    });
  }
  return {
    config: config as LoadedConfig["config"],
    raw: raw as ConfigObject,
    layers: loadedLayers,
    // Fresh warnings always carry `line` (maybe undefined); JSON drops undefined.
    warnings: warnings.map((warning) => ({
      layer: warning.layer,
      path: warning.path,
      line: warning.line,
      key: warning.key,
      message: warning.message,
    })),
  };
}

/** The cached load result for `slot`, or `null` on any kind of miss. */
export function readCachedConfig(
  slot: ConfigCacheSlot,
  sources: readonly LayerSource[],
): LoadedConfig | null {
  const path = entryPath(slot);
  let loaded: LoadedConfig | null;
  try {
    // Synchronous: one small local file, cheaper than an async round trip.
    loaded = fromEntry(JSON.parse(readTextBoundedSync(path, READ_LIMITS.record)), sources);
  } catch {
    return null;
  }
  if (loaded) {
    // Refresh the mtime so pruning drops the least recently *used* entries.
    try {
      const now = new Date();
      Deno.utimeSync(path, now, now);
    } catch {
      // A read-only cache still serves hits.
    }
  }
  return loaded;
}

/** Remove the oldest entries beyond the limit and temp files left by crashed writers. */
async function prune(dir: string): Promise<void> {
  const entries: { path: string; mtime: number }[] = [];
  const now = Date.now();
  for await (const item of Deno.readDir(dir)) {
    if (!item.isFile) continue;
    const path = join(dir, item.name);
    if (ENTRY_NAME.test(item.name)) {
      entries.push({ path, mtime: 0 });
    } else if (TEMP_NAME.test(item.name)) {
      const info = await Deno.stat(path).catch(() => null);
      if (info?.mtime && now - info.mtime.getTime() > STALE_TEMP_MS) {
        await Deno.remove(path).catch(() => {});
      }
    }
  }
  if (entries.length <= CONFIG_CACHE_MAX_ENTRIES) return;
  for (const entry of entries) {
    // A vanished entry (another process pruned it) sorts first and is skipped.
    entry.mtime = (await Deno.stat(entry.path).catch(() => null))?.mtime?.getTime() ?? -1;
  }
  entries.sort((a, b) => a.mtime - b.mtime);
  for (const entry of entries.slice(0, entries.length - CONFIG_CACHE_MAX_ENTRIES)) {
    await Deno.remove(entry.path).catch(() => {});
  }
}

/**
 * Store a successful load under `slot` (atomically) and prune the directory.
 * Never throws: a cache that cannot be written is just not used.
 */
export async function writeCachedConfig(
  slot: ConfigCacheSlot,
  loaded: LoadedConfig,
): Promise<void> {
  const layers: CachedLayer[] = loaded.layers.map((layer) => ({
    name: layer.name,
    kind: layer.kind,
    path: layer.path,
    strategy: layer.strategy,
    exists: layer.exists,
    value: layer.value,
  }));
  const values: ConfigValue[] = [loaded.raw, ...layers.map((layer) => layer.value)];
  if (!isPlainJson(loaded.config) || !values.every((value) => isPlainJson(value))) return;
  const entry: CacheEntry = {
    cache_version: CONFIG_CACHE_VERSION,
    config: loaded.config as ConfigObject,
    raw: loaded.raw,
    layers,
    warnings: loaded.warnings,
  };
  try {
    await atomicWriteTextFile(entryPath(slot), JSON.stringify(entry));
    await prune(slot.dir);
  } catch {
    // Read-only or missing SASE_HOME, full disk, no permission: run uncached.
  }
}
