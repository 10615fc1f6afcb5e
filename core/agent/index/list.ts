/**
 * `sase agent list`: the active and recent (the last day's) agents across
 * projects, or with `all` every finished one too, answered from the index
 * after an incremental refresh.
 *
 * @module
 */

import { identityKey, readAgentTags, runIdentity, tagsByIdentity } from "../identity/tags.ts";
import type { IndexLocation } from "./agent_index.ts";
import { refreshIndex, withAgentIndex } from "./index_service.ts";
import type { StoredRun } from "./db.ts";
import { recordedProcess } from "./liveness.ts";
import type { AgentRecord } from "./record.ts";
import { compareCodeUnits } from "../../text/compare.ts";
import {
  type AgentRow,
  filterRows,
  type ListFilter,
  recordStatus,
  toAgentRow,
  wantsFinished,
} from "./rows.ts";

/** How many finished runs per project `-a` shows unless told otherwise. */
export const DEFAULT_FINISHED_PER_PROJECT = 50;

/** Without `-a`, finished runs of the last day (at most this many per project) still show. */
export const RECENT_PER_PROJECT = 10;

/** How far back "recent" finished runs reach. */
export const RECENT_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Options of {@linkcode listAgents}. */
export interface ListOptions extends ListFilter {
  /** Finished runs per project with `all` (default 50; 0: no cap). */
  perProject?: number;
  nowMs?: number;
}

/**
 * Whether a record's runner is alive: `null` when the run is finished or no
 * runner pid is recorded. The pid counts only if its process started before
 * `agent_meta.json` was last written (a reused pid is not our runner).
 */
export function runnerAlive(record: AgentRecord): boolean | null {
  if (record.has_done || record.pid === null) return null;
  return recordedProcess(record.pid, record.meta_mtime_ms) !== null;
}

/** Turn stored runs into listing rows (liveness, tags and dismissal looked up now). */
export function rowsOf(
  location: IndexLocation,
  runs: readonly StoredRun[],
  dismissed: ReadonlySet<string>,
  nowMs = Date.now(),
): AgentRow[] {
  const tags = tagsByIdentity(readAgentTags(location.env));
  return runs.map(({ record }) =>
    toAgentRow(record, {
      runnerAlive: runnerAlive(record),
      tag: tags.get(identityKey(runIdentity(record.project, record.timestamp))) ?? null,
      dismissed: dismissed.has(`${record.project}/${record.timestamp}`),
      nowMs,
    })
  );
}

/** A listing and the crashed runs (runner gone, no `done.json`) seen while making it. */
export interface ListingWithCrashed {
  rows: AgentRow[];
  crashed: AgentRecord[];
}

/**
 * List agents per `options`, newest first, and note the crashed runs of the
 * index (whatever the filter), in one index session.
 */
export function listAgentsNotingCrashed(
  location: IndexLocation,
  options: ListOptions = {},
): Promise<ListingWithCrashed> {
  return withAgentIndex(location, async (index) => {
    await refreshIndex(index);
    const unsettled = index.unsettledRuns();
    const crashed = unsettled.filter(({ record }) =>
      recordStatus(record, runnerAlive(record)).crashed
    )
      .map(({ record }) => record);
    // Finished rows only come through the per-project cap (an unsettled one
    // is merely waiting to be re-read).
    const open = unsettled.filter(({ record }) => !record.has_done || record.pending_plan);
    const runs = new Map(open.map((run) => [run.record.dir, run]));
    const perProject = wantsFinished(options)
      ? options.perProject ?? DEFAULT_FINISHED_PER_PROJECT
      : RECENT_PER_PROJECT;
    for (const run of index.finishedRuns(perProject, options.project)) {
      if (!runs.has(run.record.dir)) runs.set(run.record.dir, run);
    }
    const ordered = [...runs.values()].sort((a, b) =>
      compareCodeUnits(b.record.timestamp, a.record.timestamp) ||
      compareCodeUnits(a.record.dir, b.record.dir)
    );
    const nowMs = options.nowMs ?? Date.now();
    const rows = filterRows(rowsOf(location, ordered, index.dismissedKeys(), nowMs), {
      recentSinceMs: nowMs - RECENT_WINDOW_MS,
      ...options,
    });
    return { rows, crashed };
  });
}

/** List agents per `options`, newest first. */
export async function listAgents(
  location: IndexLocation,
  options: ListOptions = {},
): Promise<AgentRow[]> {
  return (await listAgentsNotingCrashed(location, options)).rows;
}
