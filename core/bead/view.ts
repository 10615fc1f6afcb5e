/**
 * Read access to a bead store through its `beads.db` cache.
 *
 * Reads never take the writer lock. The cache is checked against the source
 * fingerprint and rebuilt (temp file + rename) when it is missing or stale;
 * if it cannot be written (a read-only checkout) an in-memory copy is used.
 *
 * @module
 */

import type { DatabaseSync } from "node:sqlite";
import { SaseError } from "../errors.ts";
import {
  cachedFingerprint,
  type CacheSource,
  openCache,
  rebuildCache,
  sourceFingerprint,
} from "./cache.ts";
import { eventStoreExists, storeExists, type StorePaths, storePaths } from "./paths.ts";
import type { ReplayProblem } from "./reduce.ts";

/** An open, current view of a store. */
export interface StoreView {
  paths: StorePaths;
  source: CacheSource;
  db: DatabaseSync;
  /** Problems recorded when the cache was built (bad lines, unreplayable events). */
  problems: ReplayProblem[];
  /** Whether this open had to rebuild the cache. */
  rebuilt: boolean;
  /** The clock of this read (epoch ms): snoozes whose time has passed read as woken. */
  now: number;
  close(): void;
}

/** Options of {@linkcode openView}. */
export interface OpenViewOptions {
  /** Clock override (epoch ms) for tests. */
  now?: number;
}

/** Open the store at `dir` for reading; throws `bead.no_store` if there is none. */
export async function openView(dir: string, options: OpenViewOptions = {}): Promise<StoreView> {
  const paths = storePaths(dir);
  const source: CacheSource = (await eventStoreExists(paths)) ? "events" : "legacy";
  if (source === "legacy" && !(await storeExists(paths))) {
    throw new SaseError("bead.no_store", `no bead store at ${dir}`, {
      hint: "run `sase bead init` to create one",
      kind: "not-found",
    });
  }
  const fingerprint = sourceFingerprint(paths, source);
  let db = openCache(paths.db);
  let rebuilt = false;
  if (!db || cachedFingerprint(db) !== fingerprint) {
    db?.close();
    // Replay pulls in the parsers; a warm read never loads them.
    const { loadStore } = await import("./store.ts");
    const store = await loadStore(dir);
    rebuilt = true;
    try {
      rebuildCache(paths.db, store.issues, fingerprint, store.problems);
      db = openCache(paths.db);
    } catch {
      db = undefined;
    }
    if (!db) {
      const { DatabaseSync } = await import("node:sqlite");
      const memory = await Deno.makeTempFile({ prefix: "sase-beads-", suffix: ".db" });
      rebuildCache(memory, store.issues, fingerprint, store.problems);
      db = new DatabaseSync(memory);
      await Deno.remove(memory).catch(() => {});
    }
  }
  const open = db;
  const meta = open.prepare("SELECT value FROM meta WHERE key = 'problems'").get() as
    | { value: string }
    | undefined;
  return {
    paths,
    source,
    db: open,
    problems: meta ? JSON.parse(meta.value) : [],
    rebuilt,
    now: options.now ?? Date.now(),
    close: () => open.close(),
  };
}
