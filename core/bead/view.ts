/**
 * Read access to a bead store through its `beads.db` cache.
 *
 * Reads never take the writer lock. The cache is brought up to date with the
 * sources first (see `refresh.ts`: for an event store, only the streams a
 * change can reach are replayed); if it cannot be written (a read-only
 * checkout) a private copy is used.
 *
 * @module
 */

import type { DatabaseSync } from "node:sqlite";
import { SaseError } from "../errors.ts";
import { type CacheSource, cacheState, legacyKey, openCache, recordedProblems } from "./cache.ts";
import { eventCacheIsCurrent } from "./current.ts";
import { eventStoreExists, storeExists, type StorePaths, storePaths } from "./paths.ts";
import type { ReplayProblem } from "./reduce.ts";

/** Replay and its parsers load only when the cache has to be brought up to date. */
const refresh = () => import("./refresh.ts");

/** An open, current view of a store. */
export interface StoreView {
  paths: StorePaths;
  source: CacheSource;
  db: DatabaseSync;
  /** Problems recorded when the cache was built (bad lines, unreplayable events). */
  problems: ReplayProblem[];
  /** Whether this open had to rebuild the cache (replay every stream). */
  rebuilt: boolean;
  /** The streams this open replayed: none when the cache was current. */
  replayed: string[];
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
  const current = source === "events"
    ? await currentEvents(paths)
    : await currentLegacyCache(paths);
  const open = current.db;
  return {
    paths,
    source,
    db: open,
    problems: current.problems,
    rebuilt: current.rebuilt,
    replayed: current.replayed,
    now: options.now ?? Date.now(),
    close: () => open.close(),
  };
}

/** A current cache, and what opening it found and did. */
interface OpenedCache {
  db: DatabaseSync;
  problems: ReplayProblem[];
  rebuilt: boolean;
  replayed: string[];
}

/** An event store's cache: as it is when it matches the streams, else brought up to date. */
async function currentEvents(paths: StorePaths): Promise<OpenedCache> {
  const db = openCache(paths.db);
  if (db && eventCacheIsCurrent(paths, db)) {
    return { db, problems: recordedProblems(db), rebuilt: false, replayed: [] };
  }
  db?.close();
  const current = (await refresh()).currentEventCache(paths, { checked: db !== undefined });
  return { ...current, problems: recordedProblems(current.db) };
}

/** A legacy store's cache: rebuilt from `issues.jsonl` whenever that file changed. */
async function currentLegacyCache(paths: StorePaths): Promise<OpenedCache> {
  const key = legacyKey(paths);
  const db = openCache(paths.db);
  const state = db && cacheState(db);
  if (db && state?.source === "legacy" && state.legacyKey === key) {
    return { db, problems: state.legacyProblems, rebuilt: false, replayed: [] };
  }
  db?.close();
  // Replay pulls in the parsers; a warm read never loads them.
  const [{ loadStore }, { writeFresh }] = await Promise.all([import("./store.ts"), refresh()]);
  const store = await loadStore(paths.dir);
  const fresh = writeFresh(paths.db, {
    source: "legacy",
    issues: store.issues.map((issue) => ({ issue, stream: "" })),
    streams: [],
    legacyKey: key,
    legacyProblems: store.problems,
  });
  return { db: fresh, problems: store.problems, rebuilt: true, replayed: [] };
}
