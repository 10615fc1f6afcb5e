/**
 * `beads.db` as a write uses it: checked only where the write looks, its
 * rows read when asked for.
 *
 * A write (under the store lock) needs the beads its planner reads, the ids
 * already taken, and each stream it appends to: its next line and its row.
 * The other writers of this implementation hold the same lock and leave the
 * cache matching what they wrote; one that died between its append and its
 * cache update left its `pending` mark. So once these are checked against
 * the files, the cache answers for the store:
 * - before planning: no pending mark, and the same streams as the rows (a
 *   stream added, removed or renamed over changes the directory; see
 *   `current.ts`). The directory's identity right after the last write also
 *   stands for its listing here, though a change in the same tick as that
 *   write would not show: a write only needs the listing to allocate past
 *   every taken id, and a stream it looks at or appends to is checked anyway,
 *   so a miss never lets an id be taken twice;
 * - after planning, before anything is written: the identity of every
 *   stream the planner looked a bead up in (found or not) and of every
 *   stream the write appends to, against its row.
 * What the write never looks at cannot change its events. A planner that
 * reads every bead, or any mismatch, sends the write to the full check
 * ({@linkcode WriteCache.complete}: every stream stat-ed, the changed ones
 * replayed) and the planner runs again.
 *
 * @module
 */

import type { DatabaseSync } from "node:sqlite";
import {
  CACHE_VERSION,
  DIR_KEY,
  fileKey,
  inTransaction,
  openCache,
  parseList,
  recordedProblems,
  setMeta,
  type StreamRecord,
  type StreamRow,
  streamRow,
  WRITER_DIR_KEY,
} from "./cache.ts";
import { streamsDirIdentity } from "./current.ts";
import { isSafeIssueId, type TakenIds } from "./ids.ts";
import { rootIdOf } from "./model.ts";
import { listStreamIdsSync, type StorePaths, streamPath } from "./paths.ts";
import type { ReplayProblem } from "./reduce.ts";
import { currentEventCache } from "./refresh.ts";

/** The `meta` key a write sets before it appends and clears when the cache holds its events. */
export const PENDING_KEY = "pending";

/** The cache of a store under a write's lock. */
export class WriteCache {
  readonly db: DatabaseSync;
  readonly paths: StorePaths;
  /** The full check ran: every stream matches its row, nothing is left to check. */
  readonly complete: boolean;

  private constructor(db: DatabaseSync, paths: StorePaths, complete: boolean) {
    this.db = db;
    this.paths = paths;
    this.complete = complete;
  }

  /** The cache after the checks before planning, or (when they fail) after the full check. */
  static open(paths: StorePaths): WriteCache {
    const db = openCache(paths.db);
    if (db) {
      if (passesOpeningChecks(paths, db)) return new WriteCache(db, paths, false);
      db.close();
    }
    return WriteCache.fullyChecked(paths);
  }

  /** The cache brought up to date with every stream (see `refresh.ts`). */
  static fullyChecked(paths: StorePaths): WriteCache {
    return new WriteCache(currentEventCache(paths).db, paths, true);
  }

  /** The problems the cache recorded, stream by stream. */
  problems(): ReplayProblem[] {
    return recordedProblems(this.db);
  }

  /** The row of the stream `id`, if it has one. */
  stream(id: string): StreamRow | undefined {
    const record = this.db.prepare("SELECT * FROM streams WHERE id = ?").get(id) as
      | StreamRecord
      | undefined;
    return record && streamRow(record);
  }

  /** How many streams the rows list. */
  streamCount(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM streams").get() as { n: number }).n;
  }

  /**
   * The ids taken, per the rows, plus `planned` (beads planned earlier in
   * the same mutation): the streams' ids, each stream's created ids, and
   * those a stream created under another stream's root (kept apart, see
   * `cache.ts`). Read where asked: a new plan's counter looks at the roots
   * of its prefix, a new phase at its parent's stream.
   */
  taken(planned: () => Iterable<string>): TakenIds {
    const foreign = () =>
      (this.db.prepare("SELECT foreign_ids FROM streams WHERE foreign_ids != '[]'").all() as Array<
        { foreign_ids: string }
      >).flatMap((row) => parseList<string>(row.foreign_ids));
    return {
      withPrefix: (prefix) => [
        ...(this.db.prepare("SELECT id FROM streams WHERE id >= ? AND id < ?")
          .all(`${prefix}-`, `${prefix}.`) as Array<{ id: string }>).map((row) => row.id),
        ...foreign(),
        ...planned(),
      ],
      under: (parentId) => [
        ...(this.stream(rootIdOf(parentId))?.created ?? []),
        ...foreign(),
        ...planned(),
      ],
    };
  }

  /**
   * Whether each of the streams `ids` matches its row: the same identity,
   * or neither a file nor a row. An id that cannot name a stream file has
   * neither.
   */
  streamsMatch(ids: Iterable<string>): boolean {
    const row = this.db.prepare("SELECT key FROM streams WHERE id = ?");
    for (const id of ids) {
      if (!isSafeIssueId(id) || id.includes(".")) continue;
      const stored = row.get(id) as { key: string } | undefined;
      const file = fileKey(streamPath(this.paths, id));
      if (stored?.key !== file?.key) return false;
    }
    return true;
  }

  /**
   * Mark a write as begun: until it is cleared, the next write makes the
   * full check. A cache that cannot be written is only a mirror: the write
   * goes on, and as it cannot record its events there either, it brings a
   * fresh cache up to date instead (see `store.ts`).
   */
  markPending(): void {
    try {
      inTransaction(this.db, () => setMeta(this.db, PENDING_KEY, String(Deno.pid)));
    } catch {
      // Read-only or busy: see above.
    }
  }

  /** Record the streams directory's identity after a write whose streams the rows now list. */
  rememberWrittenDir(): void {
    setMeta(this.db, WRITER_DIR_KEY, streamsDirIdentity(this.paths).key);
  }
}

/**
 * The checks before planning: a current-version events cache, no write
 * left pending, and the streams directory listing exactly the rows' streams
 * (its identity as recorded when a listing last matched them, or a listing).
 */
function passesOpeningChecks(paths: StorePaths, db: DatabaseSync): boolean {
  let meta: Record<string, string | null>;
  try {
    meta = db.prepare(
      `SELECT (SELECT value FROM meta WHERE key = 'version') AS version,
        (SELECT value FROM meta WHERE key = 'source') AS source,
        (SELECT value FROM meta WHERE key = '${DIR_KEY}') AS dir,
        (SELECT value FROM meta WHERE key = '${WRITER_DIR_KEY}') AS written,
        (SELECT value FROM meta WHERE key = '${PENDING_KEY}') AS pending`,
    ).get() as Record<string, string | null>;
  } catch {
    return false;
  }
  if (meta.version !== CACHE_VERSION || meta.source !== "events" || meta.pending !== null) {
    return false;
  }
  const dir = streamsDirIdentity(paths).key;
  if (meta.dir === dir || meta.written === dir) return true;
  const rows = db.prepare("SELECT group_concat(id, char(10) ORDER BY id) AS ids FROM streams")
    .get() as { ids: string | null };
  return listStreamIdsSync(paths).join("\n") === (rows.ids ?? "");
}
