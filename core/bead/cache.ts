/**
 * `beads.db`: the local SQLite compatibility cache (gitignored).
 *
 * It holds the reduced issues plus a fingerprint of the sources it was built
 * from (see {@linkcode sourceFingerprint}). A reader whose fingerprint
 * differs rebuilds it into a temp file and renames it over, so a missing,
 * stale or corrupt cache is never an error: it is simply rebuilt.
 *
 * @module
 */

import { createHash } from "node:crypto";
import { join } from "../fs/path.ts";
import { DatabaseSync } from "node:sqlite";
import type { Issue } from "./model.ts";
import { issueFromTrustedRow, issueToRow } from "./model.ts";
import type { StorePaths } from "./paths.ts";
import { snoozeWakeTime } from "./snooze.ts";
import { listDirSync } from "../fs/list_dir.ts";

/** Bumped when the table layout changes, forcing a rebuild. */
const CACHE_VERSION = "2";

/** Where the cache's source of truth is. */
export type CacheSource = "events" | "legacy";

/** One file's identity as `stat` reports it, and its size. */
export interface FileKey {
  key: string;
  size: number;
}

/** The stat keys of every stream file (by file name) and of the streams directory. */
export interface SourceSnapshot {
  dir: string;
  files: Map<string, FileKey>;
}

function fileKey(path: string): FileKey | undefined {
  try {
    const info = Deno.statSync(path);
    const key = `${info.size}@${info.mtime?.getTime() ?? 0}@${info.ctime?.getTime() ?? 0}@${
      info.ino ?? 0
    }`;
    return { key, size: info.size };
  } catch {
    return undefined;
  }
}

/** Stat every stream file of the store (and the directory holding them). */
export function snapshotSources(paths: StorePaths): SourceSnapshot {
  const files = new Map<string, FileKey>();
  // No streams directory yet: no sources.
  const names = listDirSync(paths.streamsDir).map((entry) => entry.name).sort();
  for (const name of names) {
    const key = fileKey(join(paths.streamsDir, name));
    if (key) files.set(name, key);
  }
  return { dir: fileKey(paths.streamsDir)?.key ?? "missing", files };
}

/** One short value for a snapshot: equal snapshots, equal fingerprints. */
export function fingerprintOf(snapshot: SourceSnapshot): string {
  const hash = createHash("sha256");
  hash.update(`dir:${snapshot.dir}\n`);
  for (const [name, file] of snapshot.files) hash.update(`${name}:${file.key}\n`);
  return `events:${snapshot.files.size}:${hash.digest("hex")}`;
}

/**
 * The fingerprint of the files the cache mirrors: for an event store, the
 * size, mtime, ctime and inode of every stream file (plus the streams
 * directory, which an added or removed stream touches); for a legacy store,
 * the same of `issues.jsonl`. Whatever changes a stream, an append in place by
 * another clone or by the original implementation included, changes its key,
 * so a stale cache is never served.
 */
export function sourceFingerprint(paths: StorePaths, source: CacheSource): string {
  if (source === "legacy") return `legacy:${fileKey(paths.projection)?.key ?? "missing"}`;
  return fingerprintOf(snapshotSources(paths));
}

/**
 * Whether `after` differs from `before` only by the appends of `written`
 * (bytes per stream file name): then a cache that matched `before` plus
 * those changes matches `after`. Any other difference (another writer, the
 * original implementation or a clone appending in place) means it does not.
 */
export function onlyOwnAppends(
  before: SourceSnapshot,
  after: SourceSnapshot,
  written: ReadonlyMap<string, number>,
): boolean {
  for (const name of before.files.keys()) if (!after.files.has(name)) return false;
  for (const [name, file] of after.files) {
    const bytes = written.get(name);
    const prior = before.files.get(name);
    if (bytes === undefined) {
      if (!prior || prior.key !== file.key) return false;
    } else if (file.size !== (prior?.size ?? 0) + bytes) return false;
  }
  return true;
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
    // A rebuildable mirror needs no fsync.
    db.exec("PRAGMA busy_timeout = 5000; PRAGMA synchronous = OFF;");
    return db;
  } catch {
    return undefined;
  }
}

/** The fingerprint stored in an open cache, if it is a current-version cache. */
export function cachedFingerprint(db: DatabaseSync): string | undefined {
  try {
    const rows = db.prepare("SELECT key, value FROM meta").all() as Array<
      { key: string; value: string }
    >;
    const meta = new Map(rows.map((row) => [row.key, row.value]));
    if (meta.get("version") !== CACHE_VERSION) return undefined;
    return meta.get("fingerprint");
  } catch {
    return undefined;
  }
}

const SCHEMA = `
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE issues(
  id TEXT PRIMARY KEY, status TEXT NOT NULL, issue_type TEXT NOT NULL, tier TEXT,
  parent_id TEXT, is_ready INTEGER NOT NULL, snooze_until INTEGER, row TEXT NOT NULL);
CREATE TABLE deps(issue_id TEXT NOT NULL, depends_on_id TEXT NOT NULL);
CREATE INDEX deps_issue ON deps(issue_id);
CREATE INDEX deps_target ON deps(depends_on_id);
CREATE INDEX issues_parent ON issues(parent_id);
`;

function insertIssues(db: DatabaseSync, issues: readonly Issue[]): void {
  const insert = db.prepare(
    "INSERT OR REPLACE INTO issues(id, status, issue_type, tier, parent_id, is_ready, snooze_until, row) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insertDep = db.prepare("INSERT INTO deps(issue_id, depends_on_id) VALUES (?, ?)");
  for (const issue of issues) {
    insert.run(
      issue.id,
      issue.status,
      issue.issue_type,
      issue.tier,
      issue.parent_id,
      issue.is_ready_to_work ? 1 : 0,
      snoozeWakeTime(issue) ?? null,
      JSON.stringify(issueToRow(issue)),
    );
    for (const dep of issue.dependencies) insertDep.run(issue.id, dep.depends_on_id);
  }
}

function setMeta(db: DatabaseSync, meta: Record<string, string>): void {
  const put = db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)");
  for (const [key, value] of Object.entries(meta)) put.run(key, value);
}

/** Rebuild the cache from scratch (temp file + rename: readers never see half a cache). */
export function rebuildCache(
  path: string,
  issues: readonly Issue[],
  fingerprint: string,
  problems: unknown[],
): void {
  const tmp = `${path}.${Deno.pid}.${crypto.randomUUID().slice(0, 8)}.tmp`;
  const db = new DatabaseSync(tmp);
  try {
    db.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;");
    db.exec(SCHEMA);
    db.exec("BEGIN");
    insertIssues(db, issues);
    setMeta(db, {
      version: CACHE_VERSION,
      fingerprint,
      problems: JSON.stringify(problems),
    });
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

/**
 * Apply a writer's changes in place when the cache was current before the
 * write (`expected`), else rebuild. Returns without error on any cache
 * failure: the next reader rebuilds.
 */
export function updateCache(
  path: string,
  options: {
    expected: string;
    fingerprint: string;
    changed: readonly Issue[];
    removed: readonly string[];
    allIssues: () => readonly Issue[];
    problems: unknown[];
  },
): void {
  try {
    const db = openCache(path);
    if (db && cachedFingerprint(db) === options.expected) {
      try {
        db.exec("BEGIN IMMEDIATE");
        const delIssue = db.prepare("DELETE FROM issues WHERE id = ?");
        const delDeps = db.prepare("DELETE FROM deps WHERE issue_id = ? OR depends_on_id = ?");
        for (const id of options.removed) {
          delIssue.run(id);
          delDeps.run(id, id);
        }
        const delOwnDeps = db.prepare("DELETE FROM deps WHERE issue_id = ?");
        for (const issue of options.changed) delOwnDeps.run(issue.id);
        insertIssues(db, options.changed);
        setMeta(db, {
          fingerprint: options.fingerprint,
          problems: JSON.stringify(options.problems),
        });
        db.exec("COMMIT");
        return;
      } finally {
        db.close();
      }
    }
    db?.close();
    rebuildCache(path, options.allIssues(), options.fingerprint, options.problems);
  } catch {
    // The cache is only a mirror; a reader will rebuild it.
  }
}

/** Decode cache rows back into issues. */
export function rowsToIssues(rows: ReadonlyArray<{ row: string }>): Issue[] {
  return rows.map(({ row }) => issueFromTrustedRow(JSON.parse(row)));
}
