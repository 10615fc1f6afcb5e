/**
 * The dismissed-agent archive: one JSON bundle per dismissed agent under
 * `SASE_HOME/dismissed_bundles/<YYYYMM>/` (`<raw_suffix>.json`, workflow
 * children `<raw_suffix>__c<step>.json`), and a SQLite summary index beside
 * them (`index.sqlite`) so the revive modal lists dismissed agents without
 * opening every bundle. The bundles are the truth; the summary is rebuilt
 * from them (`sase agent archive rebuild-index`) and checked against them
 * (`sase agent archive verify`).
 *
 * @module
 */

import { DatabaseSync } from "node:sqlite";
import { basename, join } from "../../fs/path.ts";
import type { Env } from "../../config/paths.ts";
import { saseHome } from "../../config/paths.ts";
import { listDirSync } from "../../fs/list_dir.ts";
import { READ_LIMITS, readTextBoundedSync } from "../../fs/bounded_read.ts";

/** The fields of a bundle the summary keeps. */
export interface BundleSummary {
  bundle_path: string;
  raw_suffix: string;
  agent_type: string;
  /** The ChangeSpec or, for plain runs, the project. */
  cl_name: string;
  agent_name: string | null;
  status: string;
  project_name: string | null;
  model: string | null;
  llm_provider: string | null;
  workflow: string | null;
  start_time: string | null;
  stop_time: string | null;
  dismissed_at: string | null;
  revived_at: string | null;
  is_workflow_child: boolean;
  mtime_ms: number;
  size: number;
}

/** What `rebuild-index` did. */
export interface ArchiveRebuildResult {
  indexedRows: number;
  skippedCorrupt: number;
}

/** What `verify` found; `ok` is false when rows are stale or missing. */
export interface ArchiveVerifyResult {
  ok: boolean;
  indexedRows: number;
  validBundles: number;
  corruptBundles: number;
  staleRows: number;
  missingRows: number;
}

/** `SASE_HOME/dismissed_bundles`. */
export function bundlesDir(env: Env): string {
  return join(saseHome(env), "dismissed_bundles");
}

/** The summary index file. */
export function archiveIndexPath(env: Env): string {
  return join(bundlesDir(env), "index.sqlite");
}

/** Every bundle file: month shards plus legacy top-level files. */
export function bundlePaths(env: Env): string[] {
  const root = bundlesDir(env);
  const paths: string[] = [];
  const visit = (dir: string, depth: number) => {
    for (const entry of listDirSync(dir)) {
      if (entry.isFile && entry.name.endsWith(".json")) paths.push(join(dir, entry.name));
      else if (entry.isDirectory && depth === 0 && /^\d{6}$/.test(entry.name)) {
        visit(join(dir, entry.name), 1);
      }
    }
  };
  visit(root, 0);
  return paths.sort();
}

function optional(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

function projectFromFile(projectFile: string | null): string | null {
  if (!projectFile) return null;
  const parts = projectFile.split("/");
  const index = parts.lastIndexOf("projects");
  return index >= 0 && parts[index + 1] ? parts[index + 1] : null;
}

/** Summarize one bundle's parsed JSON; throws when it is not a bundle. */
export function summarizeBundle(
  path: string,
  bundle: unknown,
  stamp: { mtimeMs: number; size: number },
): BundleSummary {
  if (!bundle || typeof bundle !== "object" || Array.isArray(bundle)) {
    throw new Error("bundle is not a JSON object");
  }
  const data = bundle as Record<string, unknown>;
  const rawSuffix = optional(data.raw_suffix) ?? basename(path, ".json").split("__c")[0];
  const projectName = optional(data.project_name) ?? optional(data.project) ??
    projectFromFile(optional(data.project_file));
  return {
    bundle_path: path,
    raw_suffix: rawSuffix,
    agent_type: optional(data.agent_type) ?? "run",
    cl_name: optional(data.cl_name) ?? projectName ?? "unknown",
    agent_name: optional(data.agent_name) ?? optional(data.name),
    status: optional(data.status) ?? "DONE",
    project_name: projectName,
    model: optional(data.model),
    llm_provider: optional(data.llm_provider) ?? optional(data.provider),
    workflow: optional(data.workflow),
    start_time: optional(data.start_time),
    stop_time: optional(data.stop_time),
    dismissed_at: optional(data.dismissed_at),
    revived_at: optional(data.revived_at),
    is_workflow_child: basename(path).includes("__c") || data.is_workflow_child === true,
    mtime_ms: stamp.mtimeMs,
    size: stamp.size,
  };
}

function readBundle(path: string): BundleSummary {
  const info = Deno.statSync(path);
  const stamp = { mtimeMs: info.mtime?.getTime() ?? 0, size: info.size };
  return summarizeBundle(path, JSON.parse(readTextBoundedSync(path, READ_LIMITS.record)), stamp);
}

const COLUMNS = [
  "bundle_path",
  "raw_suffix",
  "agent_type",
  "cl_name",
  "agent_name",
  "status",
  "project_name",
  "model",
  "llm_provider",
  "workflow",
  "start_time",
  "stop_time",
  "dismissed_at",
  "revived_at",
  "is_workflow_child",
  "mtime_ms",
  "size",
] as const;

function openArchiveIndex(env: Env): DatabaseSync {
  Deno.mkdirSync(bundlesDir(env), { recursive: true });
  const db = new DatabaseSync(archiveIndexPath(env));
  db.exec("PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL;");
  db.exec(
    `CREATE TABLE IF NOT EXISTS bundles (
       bundle_path TEXT PRIMARY KEY, raw_suffix TEXT NOT NULL, agent_type TEXT NOT NULL,
       cl_name TEXT NOT NULL, agent_name TEXT, status TEXT NOT NULL, project_name TEXT,
       model TEXT, llm_provider TEXT, workflow TEXT, start_time TEXT, stop_time TEXT,
       dismissed_at TEXT, revived_at TEXT, is_workflow_child INTEGER NOT NULL,
       mtime_ms REAL NOT NULL, size INTEGER NOT NULL);
     CREATE INDEX IF NOT EXISTS bundles_suffix ON bundles (raw_suffix);`,
  );
  return db;
}

/** Rebuild the summary index from the bundle files. */
export function rebuildArchiveIndex(env: Env): ArchiveRebuildResult {
  const summaries: BundleSummary[] = [];
  let skipped = 0;
  for (const path of bundlePaths(env)) {
    try {
      summaries.push(readBundle(path));
    } catch {
      skipped += 1;
    }
  }
  const db = openArchiveIndex(env);
  try {
    db.exec("BEGIN IMMEDIATE");
    db.exec("DELETE FROM bundles");
    const insert = db.prepare(
      `INSERT INTO bundles (${COLUMNS.join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")})`,
    );
    for (const summary of summaries) {
      insert.run(
        ...COLUMNS.map((column) => {
          const value = summary[column];
          return typeof value === "boolean" ? (value ? 1 : 0) : value;
        }),
      );
    }
    db.exec("COMMIT");
  } catch (error) {
    db.exec("ROLLBACK");
    throw error;
  } finally {
    db.close();
  }
  return { indexedRows: summaries.length, skippedCorrupt: skipped };
}

/** Compare the summary index with the bundle files, changing nothing. */
export function verifyArchiveIndex(env: Env): ArchiveVerifyResult {
  const indexed = readArchiveSummaries(env);
  const byPath = new Map(indexed.map((row) => [row.bundle_path, row]));
  let valid = 0;
  let corrupt = 0;
  let missing = 0;
  let stale = 0;
  const seen = new Set<string>();
  for (const path of bundlePaths(env)) {
    let summary: BundleSummary;
    try {
      summary = readBundle(path);
    } catch {
      corrupt += 1;
      continue;
    }
    valid += 1;
    seen.add(path);
    const row = byPath.get(path);
    if (!row) missing += 1;
    else if (row.mtime_ms !== summary.mtime_ms || row.size !== summary.size) stale += 1;
  }
  stale += indexed.filter((row) => !seen.has(row.bundle_path)).length;
  return {
    ok: stale === 0 && missing === 0,
    indexedRows: indexed.length,
    validBundles: valid,
    corruptBundles: corrupt,
    staleRows: stale,
    missingRows: missing,
  };
}

/** Every summary row; empty when the index does not exist yet. */
export function readArchiveSummaries(env: Env): BundleSummary[] {
  try {
    Deno.statSync(archiveIndexPath(env));
  } catch {
    return [];
  }
  const db = openArchiveIndex(env);
  try {
    return db.prepare(`SELECT ${COLUMNS.join(", ")} FROM bundles ORDER BY bundle_path`).all()
      .map((row) => ({
        ...(row as unknown as BundleSummary),
        is_workflow_child: Number(row.is_workflow_child) === 1,
        mtime_ms: Number(row.mtime_ms),
        size: Number(row.size),
      }));
  } finally {
    db.close();
  }
}

/** Delete the bundle files of `suffixes` (and their summary rows); returns the files removed. */
export function purgeBundles(env: Env, suffixes: ReadonlySet<string>): string[] {
  const removed: string[] = [];
  for (const path of bundlePaths(env)) {
    const suffix = basename(path, ".json").split("__c")[0];
    if (!suffixes.has(suffix)) continue;
    try {
      Deno.removeSync(path);
      removed.push(path);
    } catch {
      // Raced with another remover.
    }
  }
  if (removed.length > 0) rebuildArchiveIndex(env);
  return removed;
}
