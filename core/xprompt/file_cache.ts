/**
 * Parsed xprompt files kept across processes, so that building the catalog
 * (every `sase xprompt expand`, every agent launch whose prompt references
 * an xprompt) does not pay for loading the YAML parser (~35 ms of start-up)
 * to re-read front matter that has not changed.
 *
 * One JSON file, `SASE_HOME/cache/xprompt/files.json`, maps each file (its
 * path, name and catalog source) to the text it was parsed from and the
 * result: the xprompt, or the problem that kept it out of the catalog. An
 * entry answers only for the exact same text (content keyed: an edit that
 * keeps size and mtime still misses), and the whole file only for the same
 * sase version and, in a source checkout, the same parser code.
 *
 * Strictly best effort, like the configuration cache: an unreadable or
 * foreign cache is empty, a `SASE_HOME` that cannot be written means no
 * caching, and a result JSON cannot carry exactly is not stored.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { type Env, saseHome } from "../config/paths.ts";
import { atomicWriteTextFile } from "../fs/atomic_write.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import { codeStamp } from "../fs/code_stamp.ts";
import { isPlainJson } from "../fs/plain_json.ts";
import { SASE_VERSION } from "../version.ts";
import type { XPromptSource } from "./model.ts";

/** Bump when the stored layout or anything that shapes a parsed xprompt changes. */
export const XPROMPT_CACHE_VERSION = 2;

/** Most files remembered; those not used by the latest catalog go first. */
export const XPROMPT_CACHE_MAX_ENTRIES = 2000;

/** The modules whose code decides a parse result (see `core/fs/code_stamp.ts`). */
const CODE_MODULES = [
  "./loader.ts",
  "./file_loader.ts",
  "./frontmatter.ts",
  "./inputs.ts",
  "./output_spec.ts",
  "./segments.ts",
  "../yaml/untrusted.ts",
];

/** One remembered file: its text and what parsing it gave (an xprompt, or a problem). */
interface CachedFile {
  text: string;
  result: object;
}

/** The stored document. */
interface CacheDocument {
  cache_version: number;
  sase_version: string;
  code_stamp: string;
  files: Record<string, CachedFile>;
}

/**
 * The parsed files of earlier processes, and the ones this one parsed or
 * used. `T` is what discovery makes of a file (an xprompt or a problem).
 */
export interface XPromptFileCache<T extends object> {
  /** The result stored for this file when its text is still `text`. */
  lookup(
    path: string,
    fileName: string,
    source: Omit<XPromptSource, "path">,
    text: string,
  ): T | undefined;
  /** Remember the result of parsing `text`. */
  store(
    path: string,
    fileName: string,
    source: Omit<XPromptSource, "path">,
    text: string,
    result: T,
  ): void;
  /** Write the cache back if this process parsed anything (best effort, never throws). */
  save(): Promise<void>;
}

function cachePath(env: Env): string {
  return join(saseHome(env), "cache", "xprompt", "files.json");
}

function keyOf(path: string, fileName: string, source: Omit<XPromptSource, "path">): string {
  // JSON keeps the parts unambiguous (no separator can be forged by a path).
  return JSON.stringify([path, fileName, source.priority, source.label]);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The remembered files in `text`, or none when it is not this version's cache. */
function filesOf(text: string, stamp: string): Map<string, CachedFile> {
  const files = new Map<string, CachedFile>();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return files;
  }
  if (
    !isObject(parsed) || parsed.cache_version !== XPROMPT_CACHE_VERSION ||
    parsed.sase_version !== SASE_VERSION || parsed.code_stamp !== stamp || !isObject(parsed.files)
  ) {
    return files;
  }
  for (const [key, entry] of Object.entries(parsed.files)) {
    if (isObject(entry) && typeof entry.text === "string" && isObject(entry.result)) {
      files.set(key, { text: entry.text, result: entry.result });
    }
  }
  return files;
}

/**
 * The cache of `env`'s `SASE_HOME`; an empty one when it cannot be read,
 * and none at all when `SASE_XPROMPT_CACHE` is `0` or `false`.
 */
export async function openXPromptFileCache<T extends object>(
  env: Env,
): Promise<XPromptFileCache<T> | undefined> {
  const switchValue = env.SASE_XPROMPT_CACHE?.trim().toLowerCase();
  if (switchValue === "0" || switchValue === "false") return undefined;
  let path: string;
  try {
    path = cachePath(env);
  } catch {
    return undefined;
  }
  const stamp = codeStamp(import.meta.url, CODE_MODULES);
  const files = filesOf(await readTextBounded(path, READ_LIMITS.record).catch(() => ""), stamp);
  const used = new Set<string>();
  let dirty = false;
  return {
    lookup(filePath, fileName, source, text) {
      const key = keyOf(filePath, fileName, source);
      const entry = files.get(key);
      if (entry?.text !== text) return undefined;
      used.add(key);
      return entry.result as T;
    },
    store(filePath, fileName, source, text, result) {
      if (!isPlainJson(result, { undefinedMembers: true })) return;
      const key = keyOf(filePath, fileName, source);
      files.set(key, { text, result });
      used.add(key);
      dirty = true;
    },
    async save() {
      if (!dirty) return;
      // The files this catalog used first, then the rest, most recently used first
      // (the order the previous save left them in).
      const keys = [...used, ...[...files.keys()].filter((key) => !used.has(key))]
        .slice(0, XPROMPT_CACHE_MAX_ENTRIES);
      const document: CacheDocument = {
        cache_version: XPROMPT_CACHE_VERSION,
        sase_version: SASE_VERSION,
        code_stamp: stamp,
        files: Object.fromEntries(keys.map((key) => [key, files.get(key)!])),
      };
      try {
        await atomicWriteTextFile(path, JSON.stringify(document));
        dirty = false;
      } catch {
        // Read-only or missing SASE_HOME, full disk, no permission: run uncached.
      }
    },
  };
}
