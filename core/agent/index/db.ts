/**
 * The SQLite file behind the agent index (`node:sqlite`). It is a cache of
 * the run directories: WAL so readers never block the one writer, a busy
 * timeout so concurrent `sase` processes queue instead of failing, and any
 * file that is not a usable index of this schema version is deleted and
 * recreated — deleting it loses nothing.
 *
 * @module
 */

import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import { dirname } from "../../fs/path.ts";
import type { AgentRecord } from "./record.ts";
import { compareCodeUnits } from "../../text/compare.ts";

/** Bumped whenever the tables or the record shape change (older files are rebuilt). */
export const INDEX_SCHEMA_VERSION = 5;

const BUSY_TIMEOUT_MS = 5000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  dir TEXT PRIMARY KEY,
  parent TEXT NOT NULL,
  project TEXT NOT NULL,
  timestamp TEXT NOT NULL,
  name TEXT,
  has_done INTEGER NOT NULL,
  watch INTEGER NOT NULL,
  hidden INTEGER NOT NULL,
  sig TEXT NOT NULL,
  record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS runs_watch ON runs (watch, timestamp);
CREATE INDEX IF NOT EXISTS runs_project ON runs (project, timestamp);
CREATE INDEX IF NOT EXISTS runs_name ON runs (name, timestamp);
CREATE INDEX IF NOT EXISTS runs_parent ON runs (parent);
CREATE TABLE IF NOT EXISTS parents (path TEXT PRIMARY KEY, mtime REAL NOT NULL);
CREATE TABLE IF NOT EXISTS dismissed (
  project TEXT NOT NULL,
  timestamp TEXT NOT NULL,
  PRIMARY KEY (project, timestamp)
);
`;

/** Prefix of a signature read too soon after a write to be trusted (it never matches). */
export const UNSETTLED_SIG = "~";

function isUnsettled(record: AgentRecord, sig: string): boolean {
  return !record.has_done || record.pending_plan || sig.startsWith(UNSETTLED_SIG);
}

/** One stored row: the record plus what tells whether it is stale. */
export interface StoredRun {
  record: AgentRecord;
  parent: string;
  sig: string;
}

/** Row counts for `sase agent index status`. */
export interface IndexCounts {
  runs: number;
  live: number;
  finished: number;
  parents: number;
  dismissed: number;
}

function storedVersion(db: DatabaseSync): string | undefined {
  try {
    const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as
      | { value: string }
      | undefined;
    return row?.value;
  } catch (error) {
    if (/no such table: meta/.test(String(error))) return undefined;
    throw error;
  }
}

/** Open `path`; throws when it is not an index of this schema version. */
function connect(path: string): DatabaseSync {
  const db = new DatabaseSync(path);
  try {
    db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = NORMAL");
    const version = storedVersion(db);
    if (version !== undefined && Number(version) !== INDEX_SCHEMA_VERSION) {
      throw new Error(`index schema ${version} is not ${INDEX_SCHEMA_VERSION}`);
    }
    // Only a new file is written here: a warm open must not take the write lock.
    if (version === undefined) {
      db.exec(SCHEMA);
      db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)")
        .run(String(INDEX_SCHEMA_VERSION));
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Delete an index file and its WAL companions. */
export function removeIndexFiles(path: string): void {
  for (const suffix of ["", "-wal", "-shm"]) {
    try {
      Deno.removeSync(path + suffix);
    } catch {
      // Already gone.
    }
  }
}

function rowToStored(row: Record<string, SQLInputValue>): StoredRun {
  return {
    record: JSON.parse(String(row.record)) as AgentRecord,
    parent: String(row.parent),
    sig: String(row.sig),
  };
}

/** An open index file. */
export class IndexDb {
  readonly path: string;
  readonly #db: DatabaseSync;

  private constructor(path: string, db: DatabaseSync) {
    this.path = path;
    this.#db = db;
  }

  /** Open (creating, or replacing an unusable file) the index at `path`. */
  static open(path: string): IndexDb {
    Deno.mkdirSync(dirname(path), { recursive: true });
    try {
      return new IndexDb(path, connect(path));
    } catch {
      removeIndexFiles(path);
      return new IndexDb(path, connect(path));
    }
  }

  /** Close the file. */
  close(): void {
    this.#db.close();
  }

  /** Run `fn` in one write transaction (taken up front, so writers queue on the busy timeout). */
  write<T>(fn: () => T): T {
    this.#db.exec("BEGIN IMMEDIATE");
    try {
      const result = fn();
      this.#db.exec("COMMIT");
      return result;
    } catch (error) {
      this.#db.exec("ROLLBACK");
      throw error;
    }
  }

  /** A value of the `meta` table. */
  getMeta(key: string): string | undefined {
    const row = this.#db.prepare("SELECT value FROM meta WHERE key = ?").get(key) as
      | { value: string }
      | undefined;
    return row?.value;
  }

  /** Set a value of the `meta` table. */
  setMeta(key: string, value: string): void {
    this.#db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)").run(key, value);
  }

  /** Insert or replace runs. */
  upsertRuns(runs: readonly StoredRun[]): void {
    const statement = this.#db.prepare(
      `INSERT OR REPLACE INTO runs
         (dir, parent, project, timestamp, name, has_done, watch, hidden, sig, record)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const { record, parent, sig } of runs) {
      statement.run(
        record.dir,
        parent,
        record.project,
        record.timestamp,
        record.name,
        record.has_done ? 1 : 0,
        isUnsettled(record, sig) ? 1 : 0,
        record.hidden ? 1 : 0,
        sig,
        JSON.stringify(record),
      );
    }
  }

  /** Remove runs by directory. */
  deleteRuns(dirs: readonly string[]): void {
    const statement = this.#db.prepare("DELETE FROM runs WHERE dir = ?");
    for (const dir of dirs) statement.run(dir);
  }

  /** Remove every run and parent (before a rebuild). */
  clearRuns(): void {
    this.#db.exec("DELETE FROM runs; DELETE FROM parents;");
  }

  /** The directories and signatures of runs whose parent is `parent`. */
  runsUnder(parent: string): Map<string, string> {
    const rows = this.#db.prepare("SELECT dir, sig FROM runs WHERE parent = ?").all(parent);
    return new Map(rows.map((row) => [String(row.dir), String(row.sig)]));
  }

  /** Every run's directory and signature. */
  allSignatures(): Map<string, string> {
    const rows = this.#db.prepare("SELECT dir, sig FROM runs").all();
    return new Map(rows.map((row) => [String(row.dir), String(row.sig)]));
  }

  /**
   * Runs whose files can still change, newest first: those without
   * `done.json`, finished planners whose proposal awaits an answer, and runs
   * read too soon after a write to trust their signature.
   */
  unsettledRuns(): StoredRun[] {
    return this.#db.prepare(
      "SELECT record, parent, sig FROM runs WHERE watch = 1 ORDER BY timestamp DESC",
    ).all().map(rowToStored);
  }

  /**
   * Finished runs, newest first: at most `perProject` per project (0: all)
   * and, when given, only those of `project`.
   *
   * A capped listing asks each project for its newest rows through the
   * `(project, timestamp)` index, so it reads about `perProject` rows per
   * project however many runs the index holds (ranking every finished row
   * grew with the whole history).
   */
  finishedRuns(perProject: number, project?: string): StoredRun[] {
    if (perProject <= 0) {
      const where = project === undefined ? "has_done = 1" : "has_done = 1 AND project = ?";
      return this.#db.prepare(
        `SELECT record, parent, sig FROM runs WHERE ${where} ORDER BY timestamp DESC, dir`,
      ).all(...(project === undefined ? [] : [project])).map(rowToStored);
    }
    const newest = this.#db.prepare(
      `SELECT record, parent, sig, timestamp, dir FROM runs
       WHERE project = ? AND has_done = 1 ORDER BY timestamp DESC, dir LIMIT ?`,
    );
    const rows = (project === undefined ? this.#projects() : [project])
      .flatMap((name) => newest.all(name, perProject));
    rows.sort((a, b) =>
      compareCodeUnits(String(b.timestamp), String(a.timestamp)) ||
      compareCodeUnits(String(a.dir), String(b.dir))
    );
    return rows.map(rowToStored);
  }

  /**
   * The projects with at least one run, found by skipping through the
   * `(project, timestamp)` index one project at a time (a plain `DISTINCT`
   * would walk every row).
   */
  #projects(): string[] {
    return this.#db.prepare(
      `WITH RECURSIVE seen(last) AS (
         SELECT MIN(project) FROM runs
         UNION ALL
         SELECT (SELECT MIN(project) FROM runs WHERE project > seen.last) FROM seen
         WHERE seen.last IS NOT NULL
       ) SELECT last FROM seen WHERE last IS NOT NULL`,
    ).all().map((row) => String(row.last));
  }

  /** Runs whose `workflow_name` is `workflow` (workflow runs and their steps), newest first. */
  runsOfWorkflow(workflow: string): StoredRun[] {
    return this.#db.prepare(
      `SELECT record, parent, sig FROM runs WHERE json_extract(record, '$.workflow') = ?
       ORDER BY timestamp DESC`,
    ).all(workflow).map(rowToStored);
  }

  /** Runs named `name`, newest first. */
  runsNamed(name: string): StoredRun[] {
    return this.#db.prepare(
      "SELECT record, parent, sig FROM runs WHERE name = ? ORDER BY timestamp DESC",
    ).all(name).map(rowToStored);
  }

  /** One run by directory. */
  run(dir: string): StoredRun | undefined {
    const row = this.#db.prepare("SELECT record, parent, sig FROM runs WHERE dir = ?").get(dir);
    return row ? rowToStored(row) : undefined;
  }

  /** Stored mtimes of run parents (day shards and flat roots). */
  parents(): Map<string, number> {
    const rows = this.#db.prepare("SELECT path, mtime FROM parents").all();
    return new Map(rows.map((row) => [String(row.path), Number(row.mtime)]));
  }

  /** Record parents' mtimes. */
  setParents(parents: ReadonlyMap<string, number>): void {
    const statement = this.#db.prepare(
      "INSERT OR REPLACE INTO parents (path, mtime) VALUES (?, ?)",
    );
    for (const [path, mtime] of parents) statement.run(path, mtime);
  }

  /** Forget parents that no longer exist. */
  deleteParents(paths: readonly string[]): void {
    const statement = this.#db.prepare("DELETE FROM parents WHERE path = ?");
    for (const path of paths) statement.run(path);
    const runs = this.#db.prepare("DELETE FROM runs WHERE parent = ?");
    for (const path of paths) runs.run(path);
  }

  /** Replace the dismissed projection. */
  replaceDismissed(keys: Iterable<readonly [project: string, timestamp: string]>): void {
    this.#db.exec("DELETE FROM dismissed");
    const statement = this.#db.prepare(
      "INSERT OR IGNORE INTO dismissed (project, timestamp) VALUES (?, ?)",
    );
    for (const [project, timestamp] of keys) statement.run(project, timestamp);
  }

  /** The dismissed projection as `project/timestamp` keys. */
  dismissedKeys(): Set<string> {
    const rows = this.#db.prepare("SELECT project, timestamp FROM dismissed").all();
    return new Set(rows.map((row) => `${row.project}/${row.timestamp}`));
  }

  /** Row counts. */
  counts(): IndexCounts {
    const count = (sql: string) => Number((this.#db.prepare(sql).get() as { n: number }).n);
    return {
      runs: count("SELECT COUNT(*) AS n FROM runs"),
      live: count("SELECT COUNT(*) AS n FROM runs WHERE has_done = 0"),
      finished: count("SELECT COUNT(*) AS n FROM runs WHERE has_done = 1"),
      parents: count("SELECT COUNT(*) AS n FROM parents"),
      dismissed: count("SELECT COUNT(*) AS n FROM dismissed"),
    };
  }
}
