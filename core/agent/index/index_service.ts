/**
 * The entry points to the agent index: where it lives, opening it safely,
 * refreshing it (loading the record parser only when there is something to
 * parse, which keeps a warm `sase agent list` lean), its health check, and
 * `indexRun` — the hook writers call after changing a run.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import type { Env } from "../../config/paths.ts";
import { projectsDir, saseHome } from "../../config/paths.ts";
import {
  AgentIndex,
  type IndexLocation,
  type RecordBuilder,
  type RefreshStats,
} from "./agent_index.ts";
import { INDEX_SCHEMA_VERSION, type IndexCounts, removeIndexFiles } from "./db.ts";
import { importOnDemand } from "../../on_demand.ts";

/** The lightweight health report (no source scan). */
export interface IndexStatus {
  /** The schema version of the index this sase builds. */
  indexSchemaVersion: number;
  indexPath: string;
  projectsRoot: string;
  exists: boolean;
  healthy: boolean;
  /** Why it is not healthy. */
  reason: string | null;
  builtAt: string | null;
  counts: IndexCounts | null;
}

/** `SASE_HOME/agent_artifact_index.sqlite`, the default index file. */
export function defaultIndexPath(env: Env): string {
  return join(saseHome(env), "agent_artifact_index.sqlite");
}

/** The index location for `env`, with optional `-i`/`-p` overrides. */
export function indexLocation(
  env: Env,
  overrides: { indexPath?: string; projectsRoot?: string } = {},
): IndexLocation {
  return {
    env,
    indexPath: overrides.indexPath ?? defaultIndexPath(env),
    projectsRoot: overrides.projectsRoot ?? projectsDir(env),
  };
}

/** The record parser (it pulls in the schema library, so it is loaded on demand). */
export async function loadRecordBuilder(): Promise<RecordBuilder> {
  return (await importOnDemand<typeof import("./parse_record.ts")>(
    "./parse_record.ts",
    import.meta.url,
  )).buildRecord;
}

/** Refresh `index`, loading the record parser only if a run must be (re)read. */
export async function refreshIndex(index: AgentIndex): Promise<RefreshStats> {
  const plan = index.planRefresh();
  const reads = plan.rebuild || plan.reads.length > 0;
  return index.applyRefresh(plan, reads ? await loadRecordBuilder() : undefined);
}

function isSqliteError(error: unknown): boolean {
  return String((error as { code?: unknown })?.code ?? "").startsWith("ERR_SQLITE");
}

/**
 * Run `fn` on the open index. An index file that fails mid-use (corrupt,
 * truncated by a crash) is deleted and `fn` runs once more on a fresh one:
 * the files are the truth, so nothing is lost.
 */
export async function withAgentIndex<T>(
  location: IndexLocation,
  fn: (index: AgentIndex) => T | Promise<T>,
): Promise<T> {
  try {
    using index = AgentIndex.open(location);
    return await fn(index);
  } catch (error) {
    if (!isSqliteError(error)) throw error;
    removeIndexFiles(location.indexPath);
    using index = AgentIndex.open(location);
    return await fn(index);
  }
}

/**
 * The lightweight health check: opens an existing index without scanning any
 * run directory (and without creating one when it is missing).
 */
export function indexStatus(location: IndexLocation): IndexStatus {
  const base = {
    indexSchemaVersion: INDEX_SCHEMA_VERSION,
    indexPath: location.indexPath,
    projectsRoot: location.projectsRoot,
  };
  try {
    Deno.statSync(location.indexPath);
  } catch {
    return {
      ...base,
      exists: false,
      healthy: false,
      reason: "index file does not exist (the next listing builds it)",
      builtAt: null,
      counts: null,
    };
  }
  using index = AgentIndex.open(location);
  const { built_at, counts } = index.summary();
  const reason = built_at === null
    ? "index has never been built (it was missing, unreadable or from another schema)"
    : index.needsRebuild()
    ? "index was built for a different projects root"
    : null;
  return { ...base, exists: true, healthy: reason === null, reason, builtAt: built_at, counts };
}

/**
 * Bring the index up to date for one run right away, e.g. after writing its
 * `done.json` (listings would also pick the change up on their own).
 */
export async function indexRun(env: Env, dir: string): Promise<void> {
  const build = await loadRecordBuilder();
  await withAgentIndex(indexLocation(env), (index) => {
    if (index.needsRebuild()) index.rebuild(build);
    else index.updateRun(dir, build);
  });
}

/**
 * {@linkcode indexRun} for the run's own writers (launch, finalization):
 * the index is a cache, so a failure to update it is reported through
 * `warn` and never fails the run.
 */
export async function indexRunQuietly(
  env: Env,
  dir: string,
  warn?: (message: string) => void,
): Promise<void> {
  try {
    await indexRun(env, dir);
  } catch (error) {
    warn?.(`agent index not updated for ${dir}: ${(error as Error).message}`);
  }
}
