/**
 * `shared/error_digests/recent_errors.json`: the last 100 errors axe ran
 * into (failed or timed-out chop runs, lumberjack crashes), newest last,
 * which the `error_digest` chop summarises.
 *
 * @module
 */

import { atomicWriteJson } from "../fs/atomic_write.ts";
import { withFileLock } from "../fs/lock.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import type { Env } from "../config/paths.ts";
import { sharedPaths } from "./paths.ts";

/** Errors kept. */
export const MAX_RECENT_ERRORS = 100;

/** One recorded error. */
export interface AxeErrorRecord {
  timestamp: string;
  lumberjack: string;
  /** The chop, or null for a lumberjack-level error. */
  chop: string | null;
  run_id: string | null;
  kind: string;
  message: string;
}

/** The recorded errors, oldest first (empty when none or unreadable). */
export async function readRecentErrors(env: Env): Promise<AxeErrorRecord[]> {
  try {
    const value = JSON.parse(
      await readTextBounded(sharedPaths(env).recentErrors, READ_LIMITS.record),
    );
    return Array.isArray(value) ? value as AxeErrorRecord[] : [];
  } catch {
    return [];
  }
}

/** Append `record`, keeping the newest {@linkcode MAX_RECENT_ERRORS}. */
export async function recordAxeError(env: Env, record: AxeErrorRecord): Promise<void> {
  const path = sharedPaths(env).recentErrors;
  await withFileLock(path, async () => {
    const errors = [...await readRecentErrors(env), record].slice(-MAX_RECENT_ERRORS);
    await atomicWriteJson(path, errors, { sync: false });
  });
}
