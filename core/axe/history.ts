/**
 * Chop run history (handbook 5.5.6): one `runs/<run_id>.json` (a
 * `ChopRunEntry`) and `.log` per run, and `index.json` listing the run ids
 * newest first. A run is recorded `running` before its process starts and
 * finished in place; after every write the history keeps the newest
 * {@linkcode MAX_CHOP_RUN_HISTORY} finished runs, and every run still
 * `running` (so a slow chop is never deleted under its own process).
 *
 * @module
 */

import { atomicWriteJson } from "../fs/atomic_write.ts";
import { withFileLock } from "../fs/lock.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import { readJsonObject, readJsonObjectSync } from "../fs/json_object.ts";
import type { Env } from "../config/paths.ts";
import { chopPaths } from "./paths.ts";

/** Finished runs kept per chop. */
export const MAX_CHOP_RUN_HISTORY = 10;

/** How a chop run began. */
export type ChopRunSource = "scheduled" | "manual" | "oneshot";

/** Where a chop run stands. */
export type ChopRunStatus =
  | "running"
  | "success"
  | "failure"
  | "timeout"
  | "missing_script"
  | "agent_launched"
  | "skipped";

/** One chop run as `runs/<run_id>.json` stores it. */
export interface ChopRunEntry {
  run_id: string;
  lumberjack_name: string;
  chop_name: string;
  status: ChopRunStatus;
  started_at: string;
  finished_at: string | null;
  duration_ms: number;
  exit_code: number | null;
  pid: number | null;
  agent_pid: number | null;
  source: ChopRunSource;
  started_by: string | null;
  output_bytes: number;
  /** What went wrong, for a run that did not succeed. */
  error: string | null;
}

let lastRunId = "";

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

/**
 * A sortable run id with microseconds (`20260101_120000_123456`, UTC),
 * strictly increasing within this process.
 */
export function newRunId(now: Date = new Date()): string {
  const micros = now.getUTCMilliseconds() * 1000 +
    Math.floor((performance.now() % 1) * 1000);
  const stamp = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1, 2)}${
    pad(now.getUTCDate(), 2)
  }_${pad(now.getUTCHours(), 2)}${pad(now.getUTCMinutes(), 2)}${pad(now.getUTCSeconds(), 2)}`;
  let id = `${stamp}_${pad(micros, 6)}`;
  if (id <= lastRunId) {
    // Same microsecond (or a clock step back): continue after the last one.
    const [date, time, last] = lastRunId.split("_");
    id = `${date}_${time}_${pad(Number(last) + 1, 6)}`;
  }
  lastRunId = id;
  return id;
}

/** The run ids of a chop, newest first (`index.json` is a JSON list). */
export async function readRunIndex(env: Env, lumberjack: string, chop: string): Promise<string[]> {
  const path = chopPaths(env, lumberjack, chop).index;
  let ids: unknown;
  try {
    ids = JSON.parse(await readTextBounded(path, READ_LIMITS.record));
  } catch {
    return [];
  }
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : [];
}

/** One run's entry, or null when it is missing or unreadable. */
export async function readRun(
  env: Env,
  lumberjack: string,
  chop: string,
  runId: string,
): Promise<ChopRunEntry | null> {
  const value = await readJsonObject(chopPaths(env, lumberjack, chop).runJson(runId));
  return value && typeof value.run_id === "string" ? value as unknown as ChopRunEntry : null;
}

/** {@linkcode readRun}, synchronously (status views). */
export function readRunSync(
  env: Env,
  lumberjack: string,
  chop: string,
  runId: string,
): ChopRunEntry | null {
  const value = readJsonObjectSync(chopPaths(env, lumberjack, chop).runJson(runId));
  return value && typeof value.run_id === "string" ? value as unknown as ChopRunEntry : null;
}

/** The newest run of a chop, or null when it never ran. */
export async function newestRun(
  env: Env,
  lumberjack: string,
  chop: string,
): Promise<ChopRunEntry | null> {
  const [id] = await readRunIndex(env, lumberjack, chop);
  return id ? await readRun(env, lumberjack, chop, id) : null;
}

/** Write `entry` (new or updated) and prune the chop's history. */
export async function writeRun(env: Env, entry: ChopRunEntry): Promise<void> {
  const paths = chopPaths(env, entry.lumberjack_name, entry.chop_name);
  await atomicWriteJson(paths.runJson(entry.run_id), entry, { sync: false });
  await withFileLock(paths.index, async () => {
    const ids = await readRunIndex(env, entry.lumberjack_name, entry.chop_name);
    if (!ids.includes(entry.run_id)) ids.push(entry.run_id);
    ids.sort().reverse();
    const keep: string[] = [];
    const drop: string[] = [];
    let finished = 0;
    for (const id of ids) {
      const run = id === entry.run_id
        ? entry
        : await readRun(env, entry.lumberjack_name, entry.chop_name, id);
      if (run?.status === "running") keep.push(id);
      else if (run && finished < MAX_CHOP_RUN_HISTORY) {
        finished++;
        keep.push(id);
      } else drop.push(id);
    }
    await atomicWriteJson(paths.index, keep, { sync: false });
    for (const id of drop) {
      await Deno.remove(paths.runJson(id)).catch(() => {});
      await Deno.remove(paths.runLog(id)).catch(() => {});
    }
  });
}

/** A new run's entry, `running` since `started`. */
export function runningEntry(
  lumberjack: string,
  chop: string,
  source: ChopRunSource,
  startedBy: string,
  started: Date,
): ChopRunEntry {
  return {
    run_id: newRunId(started),
    lumberjack_name: lumberjack,
    chop_name: chop,
    status: "running",
    started_at: started.toISOString(),
    finished_at: null,
    duration_ms: 0,
    exit_code: null,
    pid: null,
    agent_pid: null,
    source,
    started_by: startedBy,
    output_bytes: 0,
    error: null,
  };
}
