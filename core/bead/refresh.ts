/**
 * Bringing `beads.db` up to date with the stream files, replaying as little
 * as is exact.
 *
 * Every stream file is stat-ed (one call each) and compared with its row. A
 * stream whose identity did not change is not read. The changed ones (new,
 * appended, rewritten, removed) are read, and with them every stream they
 * can reach through the ids their events name (see `mentions.ts`): those
 * streams, and only those, are replayed together and their rows and issues
 * replaced. Streams that share no id with them replay the same alone, so
 * the rest of the cache stays as it is. When most of the store changed, or
 * there is no usable cache, everything is replayed into a new one.
 *
 * The identity stored for a stream is the one taken before it was read: a
 * write that lands in between makes the row stale, never the other way
 * round. Refreshes of several readers may race; each commits only if no
 * stream row changed since it looked, else it looks again.
 *
 * @module
 */

import type { DatabaseSync } from "node:sqlite";
import {
  type CachedIssue,
  type CacheSource,
  type CacheState,
  cacheState,
  deleteStreams,
  DIR_KEY,
  insertIssues,
  insertStreams,
  inTransaction,
  legacyKey,
  openCache,
  rebuildCache,
  setMeta,
  snapshotSources,
  type SourceSnapshot,
  type StreamRow,
} from "./cache.ts";
import { type DirIdentity, eventCacheIsCurrent, streamsDirIdentity } from "./current.ts";
import { reachableStreams, type StreamMentions, streamMentions } from "./mentions.ts";
import { compareIds } from "./model.ts";
import { refreshReadiness } from "./readiness.ts";
import type { StorePaths } from "./paths.ts";
import { replay, type ReplayProblem } from "./reduce.ts";
import { type ReadStream, readStream } from "./streams.ts";

/** An open cache that matches the sources, and what it took. */
export interface CurrentCache {
  db: DatabaseSync;
  /** Whether this open replayed every stream (no usable cache). */
  rebuilt: boolean;
  /** The streams this open replayed (all of them after a rebuild). */
  replayed: string[];
}

/** Streams beyond which replaying everything beats a partial replay. */
function partialLimit(total: number): number {
  return Math.max(32, Math.floor(total / 2));
}

/** What replaying some streams made: their issues (with their origin) and their rows. */
interface Replayed {
  issues: CachedIssue[];
  rows: StreamRow[];
}

/**
 * The rows and issues of `streams` replayed together (`mentions` has each
 * stream's mentions when the caller worked them out already).
 */
function replayStreams(
  reads: ReadonlyMap<string, ReadStream>,
  snapshot: SourceSnapshot,
  mentions: ReadonlyMap<string, StreamMentions> = new Map(),
): Replayed {
  // An unreadable stream's beads are missing from the replay: it is reported, not replayed.
  const readable = [...reads.values()].filter((read) =>
    !read.problems.some((problem) => problem.line === 0)
  );
  const result = replay(readable.map((read) => read.stream));
  const replayProblems = new Map<string, ReplayProblem[]>();
  for (const problem of result.problems) {
    const list = replayProblems.get(problem.file) ?? [];
    list.push(problem);
    replayProblems.set(problem.file, list);
  }
  const rows = [...reads].map(([id, read]): StreamRow => {
    const named = mentions.get(id) ?? streamMentions(read.stream);
    return {
      id,
      key: snapshot.files.get(id)!.key,
      lines: read.lines,
      events: read.stream.events.length,
      redundantCloses: result.redundantByStream.get(id) ?? 0,
      mentions: named.roots,
      created: named.created,
      problems: [...read.problems, ...(replayProblems.get(read.stream.file) ?? [])],
    };
  });
  const issues = result.issues.map((issue) => ({ issue, stream: result.origins.get(issue.id)! }));
  return { issues, rows };
}

/**
 * Every stream replayed, as few together as is exact. A stream whose
 * events name no other stream's ids is replayed alone as soon as it is read,
 * so its events are garbage at once instead of waiting in memory for a merge
 * of the whole store. The streams that name others, and every stream
 * connected to them (a stream they name, or that names one of them, ... ;
 * one replayed alone already is read again), are replayed together at the
 * end: streams that share no id replay the same alone as together (see
 * `mentions.ts`), so the result is the replay of everything.
 */
function replayAll(
  paths: StorePaths,
  snapshot: SourceSnapshot,
  reads: ReadonlyMap<string, ReadStream>,
): Replayed {
  const ids = [...snapshot.files.keys()].sort();
  const read = (id: string) => reads.get(id) ?? readStream(paths, id, snapshot.files.get(id)!.info);
  const alone = new Map<string, Replayed>();
  const naming = new Map<string, { read: ReadStream; mentions: StreamMentions }>();
  for (const id of ids) {
    const stream = read(id);
    const mentions = streamMentions(stream.stream);
    if (mentions.roots.length === 0) {
      alone.set(id, replayStreams(new Map([[id, stream]]), snapshot, new Map([[id, mentions]])));
    } else naming.set(id, { read: stream, mentions });
  }
  const together = reachableStreams(
    naming.keys(),
    ids,
    (id) => naming.get(id)?.mentions.roots ?? [],
  );
  const parts = [...alone].filter(([id]) => !together.has(id)).map(([, part]) => part);
  if (together.size > 0) {
    const members = [...together].sort();
    parts.push(replayStreams(
      new Map(members.map((id) => [id, naming.get(id)?.read ?? read(id)])),
      snapshot,
      new Map(members.flatMap((id) => {
        const known = naming.get(id);
        return known ? [[id, known.mentions]] : [];
      })),
    ));
  }
  return {
    issues: parts.flatMap((part) => part.issues).sort((a, b) => compareIds(a.issue.id, b.issue.id)),
    rows: parts.flatMap((part) => part.rows).sort((a, b) => compareIds(a.id, b.id)),
  };
}

function readAll(
  paths: StorePaths,
  ids: Iterable<string>,
  snapshot: SourceSnapshot,
  reads: Map<string, ReadStream>,
): Map<string, ReadStream> {
  const out = new Map<string, ReadStream>();
  for (const id of ids) {
    const info = snapshot.files.get(id)?.info ?? null;
    out.set(id, reads.get(id) ?? readStream(paths, id, info));
  }
  return out;
}

/** The streams directory's identity to record with rows matching a listing made after it. */
function trustedKey(dir: DirIdentity): string | undefined {
  return dir.trusted ? dir.key : undefined;
}

/** Replay every stream into a new cache at `paths.db`; falls back to a temp copy when unwritable. */
function rebuildEvents(
  paths: StorePaths,
  dir: DirIdentity,
  snapshot: SourceSnapshot,
  reads: Map<string, ReadStream>,
): CurrentCache {
  const { issues, rows } = replayAll(paths, snapshot, reads);
  const db = writeFresh(paths.db, {
    source: "events",
    issues,
    streams: rows,
    dirKey: trustedKey(dir),
  });
  return { db, rebuilt: true, replayed: rows.map((row) => row.id) };
}

/** Write a fresh cache at `path`, or (read-only store) a private temp one; open it. */
export function writeFresh(
  path: string,
  content: Parameters<typeof rebuildCache>[1],
): DatabaseSync {
  try {
    rebuildCache(path, content);
    const db = openCache(path);
    if (db && cacheState(db)) return db;
    db?.close();
  } catch {
    // Not writable here: use a private copy.
  }
  const dir = Deno.makeTempDirSync({ prefix: "sase-beads-" });
  const temp = `${dir}/beads.db`;
  rebuildCache(temp, content);
  const db = openCache(temp)!;
  // Unlinked while open: the copy lives as long as this reader.
  Deno.removeSync(dir, { recursive: true });
  return db;
}

/** Whether two stream rows say the same about the same file. */
function sameRow(a: StreamRow | undefined, b: StreamRow | undefined): boolean {
  return a !== undefined && b !== undefined && a.key === b.key &&
    a.mentions.join("\n") === b.mentions.join("\n");
}

/**
 * Replace the rows and issues of `reached` in `db`, unless its stream rows
 * moved meanwhile. The rows then match the listing made after `dir` was read.
 */
function applyPartial(
  db: DatabaseSync,
  seen: CacheState,
  reached: ReadonlySet<string>,
  replayed: { issues: CachedIssue[]; rows: StreamRow[] },
  dir: DirIdentity,
): boolean {
  return inTransaction(db, () => {
    const now = cacheState(db);
    if (!now || now.streams.size !== seen.streams.size) return false;
    for (const [id, row] of seen.streams) if (!sameRow(row, now.streams.get(id))) return false;
    const dropped = deleteStreams(db, reached);
    insertIssues(db, replayed.issues);
    insertStreams(db, replayed.rows);
    refreshReadiness(db, [...dropped, ...replayed.issues.map(({ issue }) => issue.id)]);
    setMeta(db, DIR_KEY, trustedKey(dir));
    return true;
  });
}

/**
 * The event store's cache at `paths.db`, brought up to date: nothing read
 * when no stream changed, the reachable streams replayed when some did,
 * everything replayed into a new cache when there is none. With `checked`,
 * the caller has just seen that the cache does not match the streams.
 */
export function currentEventCache(
  paths: StorePaths,
  options: { checked?: boolean } = {},
): CurrentCache {
  for (let attempt = 0; attempt < 3; attempt++) {
    const db = openCache(paths.db);
    // A caller that just found the cache stale skips the first look.
    const look = attempt > 0 || !options.checked;
    if (db && look && eventCacheIsCurrent(paths, db)) return { db, rebuilt: false, replayed: [] };
    // Read before the listing: a change after it shows in the identity.
    const dir = streamsDirIdentity(paths);
    const snapshot = snapshotSources(paths);
    const state = db && cacheState(db);
    if (!db || !state || state.source !== "events") {
      db?.close();
      return rebuildEvents(paths, dir, snapshot, new Map());
    }
    const changed = [...snapshot.files].filter(([id, file]) =>
      state.streams.get(id)?.key !== file.key
    )
      .map(([id]) => id);
    const deleted = [...state.streams.keys()].filter((id) => !snapshot.files.has(id));
    if (changed.length === 0 && deleted.length === 0) {
      return { db, rebuilt: false, replayed: [] };
    }
    const reads = readAll(paths, changed, snapshot, new Map());
    const fresh = new Map([...reads].map(([id, read]) => [id, streamMentions(read.stream).roots]));
    const ids = new Set([...state.streams.keys(), ...snapshot.files.keys()]);
    const reached = reachableStreams([...changed, ...deleted], ids, (id) => [
      ...(state.streams.get(id)?.mentions ?? []),
      ...(fresh.get(id) ?? []),
    ]);
    if (reached.size > partialLimit(snapshot.files.size)) {
      db.close();
      return rebuildEvents(paths, dir, snapshot, reads);
    }
    const present = [...reached].filter((id) => snapshot.files.has(id)).sort();
    const replayed = replayStreams(readAll(paths, present, snapshot, reads), snapshot);
    let applied = false;
    try {
      applied = applyPartial(db, state, reached, replayed, dir);
    } catch {
      // Unwritable or damaged: start over with a new cache.
      db.close();
      return rebuildEvents(paths, dir, snapshot, reads);
    }
    if (applied) return { db, rebuilt: false, replayed: present };
    // Another reader refreshed meanwhile: look again.
    db.close();
  }
  const dir = streamsDirIdentity(paths);
  return rebuildEvents(paths, dir, snapshotSources(paths), new Map());
}

/** Whether the cache in `db` matches the sources as they are now (nothing is refreshed). */
export function cacheIsCurrent(paths: StorePaths, db: DatabaseSync, source: CacheSource): boolean {
  const state = cacheState(db);
  if (!state || state.source !== source) return false;
  if (source === "legacy") return state.legacyKey === legacyKey(paths);
  const snapshot = snapshotSources(paths);
  return snapshot.files.size === state.streams.size &&
    [...snapshot.files].every(([id, file]) => state.streams.get(id)?.key === file.key);
}
