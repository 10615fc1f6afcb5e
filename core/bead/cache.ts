/**
 * `beads.db`: the local SQLite compatibility cache (gitignored).
 *
 * It holds the reduced issues, each with the stream that created it, and
 * one row per stream file: the file's identity when it was read (size,
 * mtime, change time, inode), its line and event counts, the ids it created,
 * the roots of the ids it names (see `mentions.ts`) and the problems found
 * in it. A reader compares every stream file's identity with its row (see
 * `refresh.ts`): an unchanged stream is not read again, and a changed one is
 * replayed with just the streams it can reach. A missing, stale or corrupt
 * cache is never an error: it is rebuilt (into a temp file renamed over, so
 * no reader sees half a cache).
 *
 * @module
 */

import { DatabaseSync } from "node:sqlite";
import type { Issue } from "./model.ts";
import { issueFromTrustedRow, issueToRow, rootIdOf } from "./model.ts";
import { listStreamIdsSync, type StorePaths } from "./paths.ts";
import type { ReplayProblem } from "./reduce.ts";
import { snoozeWakeTime } from "./snooze.ts";
import { refreshReadiness } from "./readiness.ts";

/** Bumped when the table layout changes, forcing a rebuild. */
export const CACHE_VERSION = "4";

/** Where the cache's source of truth is. */
export type CacheSource = "events" | "legacy";

/** One file's identity as `stat` reports it, and its size. */
export interface FileKey {
  key: string;
  size: number;
  info: Deno.FileInfo;
}

/** The identity of every stream file of the store, by stream id. */
export interface SourceSnapshot {
  files: Map<string, FileKey>;
}

/** A key no file has: its stream is read again by the next reader. */
export const UNVERIFIED = "(unverified)";

/** The identity a stat reports: size, change times and inode. */
export function identityOf(info: Deno.FileInfo): string {
  return `${info.size}@${info.mtime?.getTime() ?? 0}@${info.ctime?.getTime() ?? 0}@${
    info.ino ?? 0
  }`;
}

/** The identity of the file at `path`, or undefined when it is gone. */
export function fileKey(path: string): FileKey | undefined {
  try {
    const info = Deno.statSync(path);
    return { key: identityOf(info), size: info.size, info };
  } catch {
    return undefined;
  }
}

/** The identity of a legacy store's `issues.jsonl` (its only source). */
export function legacyKey(paths: StorePaths): string {
  return fileKey(paths.projection)?.key ?? "missing";
}

/** Stat every stream file of the store (one call each: this is all a warm read costs). */
export function snapshotSources(paths: StorePaths): SourceSnapshot {
  const files = new Map<string, FileKey>();
  // A listed id is a plain root id: the path needs no normalising.
  const prefix = `${paths.streamsDir}/`;
  for (const id of listStreamIdsSync(paths)) {
    const key = fileKey(`${prefix}${id}.jsonl`);
    if (key) files.set(id, key);
  }
  return { files };
}

/**
 * Whether a stream file went from `before` (undefined: it did not exist) to
 * `after` by exactly our append of `bytes` (or, without `bytes`, did not
 * change): then the cache's row, updated by that append, matches the file.
 * Any other difference (another writer, the original implementation or a
 * clone appending in place) means it does not.
 */
export function ownAppend(
  before: Pick<FileKey, "key" | "size"> | undefined,
  after: Pick<FileKey, "key" | "size">,
  bytes: number | undefined,
): boolean {
  if (bytes === undefined) return before !== undefined && before.key === after.key;
  return after.size === (before?.size ?? 0) + bytes;
}

/** The size a stored key records, or undefined for a key no file has. */
export function keySize(key: string): number | undefined {
  const size = Number(key.split("@")[0]);
  return key.includes("@") && Number.isSafeInteger(size) ? size : undefined;
}

/** What the cache keeps of one stream file. */
export interface StreamRow {
  id: string;
  /** The file's identity when it was read ({@linkcode UNVERIFIED}: read it again). */
  key: string;
  lines: number;
  events: number;
  redundantCloses: number;
  /** Roots of the ids its events name, its own excepted. */
  mentions: string[];
  /** Ids its `issue_created` events create. */
  created: string[];
  problems: ReplayProblem[];
}

/** Issues and the stream that created each. */
export interface CachedIssue {
  issue: Issue;
  stream: string;
}

/** The cache's bookkeeping: its source and, for an event store, its stream rows. */
export interface CacheState {
  source: CacheSource;
  /** For a legacy store: the identity of `issues.jsonl` it was built from. */
  legacyKey: string;
  /** Legacy stores: the problems of `issues.jsonl`. */
  legacyProblems: ReplayProblem[];
  streams: Map<string, StreamRow>;
}

/** Open a cache database, or `undefined` when it is missing or unreadable. */
export function openCache(path: string): DatabaseSync | undefined {
  try {
    Deno.statSync(path);
  } catch {
    return undefined;
  }
  try {
    const db = new DatabaseSync(path);
    // A rebuildable mirror needs no fsync; mapped pages spare a read call per page.
    db.exec("PRAGMA busy_timeout = 5000; PRAGMA synchronous = OFF; PRAGMA mmap_size = 268435456;");
    return db;
  } catch {
    return undefined;
  }
}

/** A `streams` table row as SQLite returns it. */
export interface StreamRecord {
  id: string;
  key: string;
  lines: number;
  events: number;
  redundant: number;
  mentions: string;
  created: string;
  problems: string;
}

/** A stored JSON list (most are empty: those skip the parser). */
export function parseList<T>(text: string): T[] {
  return text === "[]" ? [] : JSON.parse(text);
}

/** A stored stream row (a damaged one throws: the caller takes the cache as unusable). */
export function streamRow(record: StreamRecord): StreamRow {
  return {
    id: record.id,
    key: record.key,
    lines: record.lines,
    events: record.events,
    redundantCloses: record.redundant,
    mentions: parseList(record.mentions),
    created: parseList(record.created),
    problems: parseList(record.problems),
  };
}

/** The state stored in an open cache, if it is a readable current-version cache. */
export function cacheState(db: DatabaseSync): CacheState | undefined {
  try {
    const meta = new Map(
      (db.prepare("SELECT key, value FROM meta").all() as Array<{ key: string; value: string }>)
        .map((row) => [row.key, row.value]),
    );
    if (meta.get("version") !== CACHE_VERSION) return undefined;
    const source = meta.get("source");
    if (source !== "events" && source !== "legacy") return undefined;
    const streams = new Map<string, StreamRow>();
    for (const row of db.prepare("SELECT * FROM streams").all() as unknown as StreamRecord[]) {
      streams.set(row.id, streamRow(row));
    }
    return {
      source,
      legacyKey: meta.get("legacy_key") ?? "",
      legacyProblems: JSON.parse(meta.get("legacy_problems") ?? "[]"),
      streams,
    };
  } catch {
    return undefined;
  }
}

/** Every problem the cache recorded, stream by stream. */
export function cachedProblems(state: CacheState): ReplayProblem[] {
  if (state.source === "legacy") return state.legacyProblems;
  const ids = [...state.streams.keys()].sort();
  return ids.flatMap((id) => state.streams.get(id)!.problems);
}

/**
 * The problems an events cache recorded, stream by stream, read without the
 * rest of its bookkeeping (the same list {@linkcode cachedProblems} gives).
 */
export function recordedProblems(db: DatabaseSync): ReplayProblem[] {
  const rows = db.prepare("SELECT problems FROM streams WHERE problems != '[]' ORDER BY id")
    .all() as Array<{ problems: string }>;
  return rows.flatMap((row) => JSON.parse(row.problems) as ReplayProblem[]);
}

/** The `meta` key holding the streams directory's identity when it last matched the stream rows. */
export const DIR_KEY = "dir_key";

/**
 * The `meta` key holding the streams directory's identity right after a
 * write (see `write_cache.ts`): only writes trust it, as the write that
 * made it may have been in the same tick as another change.
 */
export const WRITER_DIR_KEY = "writer_dir_key";

/**
 * The `meta` key holding the identity of the `issues.jsonl` a write made
 * from exactly the cached issues; any other change to them drops it (see
 * `projection_write.ts`).
 */
export const PROJECTION_KEY = "projection_key";

/** Set the `meta` value `key`, or drop it (`undefined`). */
export function setMeta(db: DatabaseSync, key: string, value: string | undefined): void {
  if (value === undefined) db.prepare("DELETE FROM meta WHERE key = ?").run(key);
  else db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)").run(key, value);
}

const SCHEMA = `
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE streams(
  id TEXT PRIMARY KEY, key TEXT NOT NULL, lines INTEGER NOT NULL, events INTEGER NOT NULL,
  redundant INTEGER NOT NULL, mentions TEXT NOT NULL, created TEXT NOT NULL,
  foreign_ids TEXT NOT NULL, problems TEXT NOT NULL);
CREATE TABLE issues(
  id TEXT PRIMARY KEY, stream TEXT NOT NULL, status TEXT NOT NULL, issue_type TEXT NOT NULL,
  tier TEXT, parent_id TEXT, is_ready INTEGER NOT NULL, snooze_until INTEGER,
  blocked INTEGER NOT NULL DEFAULT 0, row TEXT NOT NULL);
CREATE TABLE verified(one INTEGER PRIMARY KEY CHECK (one = 1), ids TEXT NOT NULL,
  identities BLOB NOT NULL);
CREATE TABLE ready_rows(id TEXT PRIMARY KEY, ready_from INTEGER NOT NULL, printed TEXT NOT NULL)
  WITHOUT ROWID;
CREATE TABLE deps(issue_id TEXT NOT NULL, depends_on_id TEXT NOT NULL);
`;

/** Indexes, made after a full build's inserts (building them once beats keeping them up). */
const INDEXES = `
CREATE INDEX deps_issue ON deps(issue_id);
CREATE INDEX deps_target ON deps(depends_on_id);
CREATE INDEX issues_parent ON issues(parent_id);
CREATE INDEX issues_stream ON issues(stream);
CREATE INDEX issues_blocked ON issues(id) WHERE blocked = 1;
CREATE INDEX streams_foreign ON streams(id) WHERE foreign_ids != '[]';
CREATE INDEX streams_problems ON streams(id) WHERE problems != '[]';
`;

/** Rows per INSERT statement: one call per row would cost more than the insert. */
const BATCH = 64;

function insertBatched(
  db: DatabaseSync,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): void {
  const placeholders = `(${columns.map(() => "?").join(", ")})`;
  const sql = (count: number) =>
    `INSERT OR REPLACE INTO ${table}(${columns.join(", ")}) VALUES ${
      Array(count).fill(placeholders).join(", ")
    }`;
  const full = db.prepare(sql(BATCH));
  let at = 0;
  for (; at + BATCH <= rows.length; at += BATCH) full.run(...rows.slice(at, at + BATCH).flat());
  if (at < rows.length) db.prepare(sql(rows.length - at)).run(...rows.slice(at).flat());
}

/** Insert (or replace) issues and their dependency edges. */
export function insertIssues(db: DatabaseSync, issues: readonly CachedIssue[]): void {
  insertBatched(
    db,
    "issues",
    [
      "id",
      "stream",
      "status",
      "issue_type",
      "tier",
      "parent_id",
      "is_ready",
      "snooze_until",
      "row",
    ],
    issues.map(({ issue, stream }) => [
      issue.id,
      stream,
      issue.status,
      issue.issue_type,
      issue.tier,
      issue.parent_id,
      issue.is_ready_to_work ? 1 : 0,
      snoozeWakeTime(issue) ?? null,
      JSON.stringify(issueToRow(issue)),
    ]),
  );
  insertBatched(
    db,
    "deps",
    ["issue_id", "depends_on_id"],
    issues.flatMap(({ issue }) => issue.dependencies.map((dep) => [issue.id, dep.depends_on_id])),
  );
}

/**
 * Insert (or replace) stream rows (what a read verified of the old ones is
 * dropped). Each row also keeps apart the ids its stream created under
 * another stream's root (`foreign_ids`: none in a store any known writer made),
 * so allocation reads the roots in use from the stream ids and those alone.
 */
export function insertStreams(db: DatabaseSync, streams: readonly StreamRow[]): void {
  db.exec("DELETE FROM verified");
  insertBatched(
    db,
    "streams",
    ["id", "key", "lines", "events", "redundant", "mentions", "created", "foreign_ids", "problems"],
    streams.map((row) => [
      row.id,
      row.key,
      row.lines,
      row.events,
      row.redundantCloses,
      JSON.stringify(row.mentions),
      JSON.stringify(row.created),
      JSON.stringify(row.created.filter((id) => rootIdOf(id) !== row.id)),
      JSON.stringify(row.problems),
    ]),
  );
}

/**
 * Drop the issues (and their edges) created by `streams`, and the streams'
 * rows; returns the ids of the issues dropped (their readiness, and that of
 * the beads naming them, is the caller's to refresh). The stream rows then
 * no longer list every file, so the directory identity and what a read
 * verified of them are dropped too (see `current.ts`), and the issues no
 * longer match the projection a write vouched for ({@linkcode PROJECTION_KEY}).
 */
export function deleteStreams(db: DatabaseSync, streams: Iterable<string>): string[] {
  setMeta(db, DIR_KEY, undefined);
  setMeta(db, WRITER_DIR_KEY, undefined);
  setMeta(db, PROJECTION_KEY, undefined);
  db.exec("DELETE FROM verified");
  const origin = db.prepare("SELECT id FROM issues WHERE stream = ?");
  const deps = db.prepare(
    "DELETE FROM deps WHERE issue_id IN (SELECT id FROM issues WHERE stream = ?)",
  );
  const issues = db.prepare("DELETE FROM issues WHERE stream = ?");
  const rows = db.prepare("DELETE FROM streams WHERE id = ?");
  const dropped: string[] = [];
  for (const stream of streams) {
    for (const row of origin.all(stream) as Array<{ id: string }>) dropped.push(row.id);
    deps.run(stream);
    issues.run(stream);
    rows.run(stream);
  }
  return dropped;
}

/** Replace issues (their edges too) by their current state. */
export function replaceIssues(db: DatabaseSync, issues: readonly CachedIssue[]): void {
  const deps = db.prepare("DELETE FROM deps WHERE issue_id = ?");
  for (const { issue } of issues) deps.run(issue.id);
  insertIssues(db, issues);
}

/** Drop issues by id, with the edges from and to them. */
export function deleteIssues(db: DatabaseSync, ids: Iterable<string>): void {
  const issue = db.prepare("DELETE FROM issues WHERE id = ?");
  const deps = db.prepare("DELETE FROM deps WHERE issue_id = ? OR depends_on_id = ?");
  for (const id of ids) {
    issue.run(id);
    deps.run(id, id);
  }
}

/** Everything a cache holds, for a full build. */
export interface CacheContent {
  source: CacheSource;
  issues: readonly CachedIssue[];
  streams: readonly StreamRow[];
  legacyKey?: string;
  legacyProblems?: readonly ReplayProblem[];
  /** The streams directory's identity when `streams` were listed, if it may be trusted. */
  dirKey?: string;
}

/** Build a cache from scratch at `path` (temp file + rename: readers never see half a cache). */
export function rebuildCache(path: string, content: CacheContent): void {
  const tmp = `${path}.${Deno.pid}.${crypto.randomUUID().slice(0, 8)}.tmp`;
  const db = new DatabaseSync(tmp);
  try {
    db.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;");
    db.exec(SCHEMA);
    db.exec("BEGIN");
    insertIssues(db, content.issues);
    insertStreams(db, content.streams);
    db.exec(INDEXES);
    refreshReadiness(db);
    setMeta(db, "version", CACHE_VERSION);
    setMeta(db, "source", content.source);
    setMeta(db, "legacy_key", content.legacyKey ?? "");
    setMeta(db, "legacy_problems", JSON.stringify(content.legacyProblems ?? []));
    setMeta(db, DIR_KEY, content.dirKey);
    db.exec("COMMIT");
  } finally {
    db.close();
  }
  try {
    Deno.renameSync(tmp, path);
  } catch (error) {
    try {
      Deno.removeSync(tmp);
    } catch {
      // already gone
    }
    throw error;
  }
}

/** Run `fn` in one write transaction of `db` (taken up front: writers queue on the busy timeout). */
export function inTransaction<T>(db: DatabaseSync, fn: () => T): T {
  db.exec("BEGIN IMMEDIATE");
  try {
    const result = fn();
    db.exec("COMMIT");
    return result;
  } catch (error) {
    db.exec("ROLLBACK");
    throw error;
  }
}

/** {@linkcode inTransaction} for work that awaits (the connection is this process's alone). */
export async function inTransactionAsync<T>(db: DatabaseSync, fn: () => Promise<T>): Promise<T> {
  db.exec("BEGIN IMMEDIATE");
  try {
    const result = await fn();
    db.exec("COMMIT");
    return result;
  } catch (error) {
    db.exec("ROLLBACK");
    throw error;
  }
}

/** Decode cache rows back into issues. */
export function rowsToIssues(rows: ReadonlyArray<{ row: string }>): Issue[] {
  return rows.map(({ row }) => issueFromTrustedRow(JSON.parse(row)));
}
