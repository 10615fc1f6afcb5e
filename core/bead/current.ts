/**
 * Whether an events cache (`beads.db`) still matches the stream files: the
 * check every read makes before it answers from the cache.
 *
 * Every stream file is stat-ed (one call each) and its identity (size,
 * change times, inode; see `cache.ts`) compared with the one its row
 * recorded: an append, an edit in place, a file renamed over it all change
 * it. A read that found every row current keeps what it saw as numbers (the
 * `verified` table: the ids and, per stream, the four numbers of its
 * identity); the next read compares the stat results with those numbers and
 * makes no string per stream. Any change to the stream rows drops it.
 *
 * Which streams exist is read from the directory, unless the directory is
 * provably unchanged: a file is added, removed or renamed over another only
 * by changing its directory, so when the streams directory's own identity is
 * the one recorded when the rows last matched a listing, the rows' ids are
 * the listing. The identity is recorded only when it was already old when
 * read (see {@linkcode RACY_MS}): file times advance in ticks, and a change in
 * the same tick as the previous one would leave it as it was.
 *
 * @module
 */

import type { DatabaseSync } from "node:sqlite";
import { CACHE_VERSION, DIR_KEY, identityOf, inTransaction, setMeta } from "./cache.ts";
import { listStreamIdsSync, type StorePaths } from "./paths.ts";

/**
 * How old (ms) a directory's change time must be before its identity may
 * stand for its listing: far more than any file system's time granularity.
 */
export const RACY_MS = 2_000;

/** The streams directory's identity, and whether it may stand for its listing. */
export interface DirIdentity {
  key: string;
  /** Its last change is older than {@linkcode RACY_MS}: a later change would show. */
  trusted: boolean;
}

/** The identity of the streams directory now (`missing` when there is none). */
export function streamsDirIdentity(paths: StorePaths): DirIdentity {
  const now = Date.now();
  try {
    const info = Deno.statSync(paths.streamsDir);
    const changed = Math.max(info.mtime?.getTime() ?? now, info.ctime?.getTime() ?? now);
    return { key: identityOf(info), trusted: now - changed > RACY_MS };
  } catch {
    return { key: "missing", trusted: false };
  }
}

/** The stream rows' ids and identities, one `<id> <identity>` line each, in id order. */
const ROW_KEYS = "SELECT group_concat(id || ' ' || key, char(10) ORDER BY id) FROM streams";

/** Numbers per stream in a verified identity vector: size, mtime, ctime, inode. */
const FIELDS = 4;

/** What {@linkcode stored} reads in one statement. */
interface Stored {
  version: string | null;
  source: string | null;
  dir: string | null;
  /** The verified stream ids, one per line (null: nothing verified since the rows changed). */
  ids: string | null;
  /** Their identities ({@linkcode FIELDS} float64s each). */
  identities: Uint8Array | null;
}

function stored(db: DatabaseSync): Stored | undefined {
  try {
    return db.prepare(
      `SELECT (SELECT value FROM meta WHERE key = 'version') AS version,
        (SELECT value FROM meta WHERE key = 'source') AS source,
        (SELECT value FROM meta WHERE key = '${DIR_KEY}') AS dir,
        (SELECT ids FROM verified) AS ids, (SELECT identities FROM verified) AS identities`,
    ).get() as unknown as Stored;
  } catch {
    return undefined;
  }
}

/** One stream file's stat, or undefined when it is gone. */
function statOf(prefix: string, id: string): Deno.FileInfo | undefined {
  try {
    return Deno.statSync(`${prefix}${id}.jsonl`);
  } catch {
    return undefined;
  }
}

/** Write the identity of `info` into `out` at stream `index`. */
function putIdentity(out: Float64Array, index: number, info: Deno.FileInfo): void {
  const at = index * FIELDS;
  out[at] = info.size;
  out[at + 1] = info.mtime?.getTime() ?? 0;
  out[at + 2] = info.ctime?.getTime() ?? 0;
  out[at + 3] = info.ino ?? 0;
}

/** Whether every stream file `ids` names still has the verified identity. */
function matchesVerified(prefix: string, ids: readonly string[], bytes: Uint8Array): boolean {
  if (bytes.length !== ids.length * FIELDS * 8) return false;
  // A copy: the view needs 8-byte alignment.
  const verified = new Float64Array(bytes.slice().buffer);
  const now = new Float64Array(FIELDS);
  for (let i = 0; i < ids.length; i++) {
    const info = statOf(prefix, ids[i]);
    if (!info) return false;
    putIdentity(now, 0, info);
    const at = i * FIELDS;
    if (
      now[0] !== verified[at] || now[1] !== verified[at + 1] || now[2] !== verified[at + 2] ||
      now[3] !== verified[at + 3]
    ) return false;
  }
  return true;
}

/**
 * Whether `db` is a current-version events cache whose stream rows match
 * the stream files exactly (nothing is refreshed; what the check confirmed
 * is kept for the next read, see the module documentation).
 */
export function eventCacheIsCurrent(paths: StorePaths, db: DatabaseSync): boolean {
  const found = stored(db);
  if (!found || found.version !== CACHE_VERSION || found.source !== "events") return false;
  const dir = streamsDirIdentity(paths);
  const prefix = `${paths.streamsDir}/`;
  if (found.ids !== null && found.identities !== null) {
    const ids = found.ids === "" ? [] : found.ids.split("\n");
    if (found.dir !== dir.key && listStreamIdsSync(paths).join("\n") !== found.ids) return false;
    if (!matchesVerified(prefix, ids, found.identities)) return false;
    if (found.dir !== dir.key && dir.trusted) rememberDir(db, dir.key, found.ids);
    return true;
  }
  const keys = (db.prepare(`SELECT (${ROW_KEYS}) AS keys`).get() as { keys: string | null }).keys;
  const rows = keys ?? "";
  const listed = found.dir === dir.key ? rows.match(/^\S+/gm) ?? [] : listStreamIdsSync(paths);
  const identities = new Float64Array(listed.length * FIELDS);
  const lines: string[] = [];
  for (let i = 0; i < listed.length; i++) {
    const info = statOf(prefix, listed[i]);
    if (!info) return false;
    lines.push(`${listed[i]} ${identityOf(info)}`);
    putIdentity(identities, i, info);
  }
  if (lines.join("\n") !== rows) return false;
  remember(db, { dir: dir.trusted ? dir.key : undefined, ids: listed, identities, rows: keys });
  return true;
}

/** Run a write that only saves later reads work: when the cache is busy or read-only, skip it. */
function shortcut(db: DatabaseSync, write: () => void): void {
  try {
    db.exec("PRAGMA busy_timeout = 0");
    write();
  } catch {
    // Busy or read-only: the next read checks the long way again.
  } finally {
    db.exec("PRAGMA busy_timeout = 5000");
  }
}

/**
 * Keep the verified identities (and the directory's identity, if it may be
 * trusted) of rows just found current, unless the rows changed since.
 */
function remember(
  db: DatabaseSync,
  seen: { dir?: string; ids: readonly string[]; identities: Float64Array; rows: string | null },
): void {
  shortcut(db, () => {
    inTransaction(db, () => {
      const still = db.prepare(`SELECT (${ROW_KEYS}) IS ? AS same`).get(seen.rows) as {
        same: number;
      };
      if (!still.same) return;
      db.prepare("INSERT OR REPLACE INTO verified(one, ids, identities) VALUES (1, ?, ?)")
        .run(seen.ids.join("\n"), new Uint8Array(seen.identities.buffer));
      if (seen.dir !== undefined) setMeta(db, DIR_KEY, seen.dir);
    });
  });
}

/** Record the directory identity a listing just matched with the verified ids, if still verified. */
function rememberDir(db: DatabaseSync, key: string, ids: string): void {
  shortcut(db, () => {
    db.prepare(
      `INSERT OR REPLACE INTO meta(key, value)
       SELECT '${DIR_KEY}', ? WHERE EXISTS (SELECT 1 FROM verified WHERE ids = ?)`,
    ).run(key, ids);
  });
}
