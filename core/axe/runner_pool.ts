/**
 * The cross-process runner pool (handbook 5.6): `shared/runner_count`
 * lists the runners axe has started that still hold a slot, and every
 * lumberjack and manual chop run takes and gives back slots under an
 * exclusive lock on it, so `max_hook_runners` and `max_agent_runners` hold
 * across every axe process. A slot is held by a process: once that process
 * is gone its slot is free again, so a crash never leaks one.
 *
 * @module
 */

import { atomicWriteJson } from "../fs/atomic_write.ts";
import { withFileLock } from "../fs/lock.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import { isProcessAlive } from "../process_liveness.ts";
import type { Env } from "../config/paths.ts";
import { sharedPaths } from "./paths.ts";

/** The two separately limited kinds of runner. */
export type RunnerKind = "hook" | "agent";

/** One held slot. */
export interface RunnerSlot {
  kind: RunnerKind;
  pid: number;
  label: string;
  acquired_at: string;
}

async function readSlots(path: string): Promise<RunnerSlot[]> {
  try {
    const value = JSON.parse(await readTextBounded(path, READ_LIMITS.record));
    return Array.isArray(value?.slots) ? value.slots as RunnerSlot[] : [];
  } catch {
    return [];
  }
}

/** The slots held by live processes. */
export async function liveSlots(env: Env): Promise<RunnerSlot[]> {
  return (await readSlots(sharedPaths(env).runnerCount)).filter((slot) => isProcessAlive(slot.pid));
}

/**
 * Take a `kind` slot for the process `holder()` starts: `holder` runs under
 * the pool lock only when a slot is free and returns the pid that will hold
 * it (or null when it started nothing). Resolves to that pid, or to
 * `"full"` without calling `holder` when `limit` slots are taken.
 */
export async function withRunnerSlot(
  env: Env,
  kind: RunnerKind,
  limit: number,
  label: string,
  holder: () => Promise<number | null>,
): Promise<number | null | "full"> {
  const path = sharedPaths(env).runnerCount;
  return await withFileLock(path, async () => {
    const slots = (await readSlots(path)).filter((slot) => isProcessAlive(slot.pid));
    if (slots.filter((slot) => slot.kind === kind).length >= limit) {
      await atomicWriteJson(path, { slots }, { sync: false });
      return "full" as const;
    }
    const pid = await holder();
    if (pid !== null) {
      slots.push({ kind, pid, label, acquired_at: new Date().toISOString() });
    }
    await atomicWriteJson(path, { slots }, { sync: false });
    return pid;
  });
}
