/**
 * Reaping crashed runs. A runner killed outright (`kill -9`, the OOM killer)
 * never writes `done.json`, and its provider, the leader of its own process
 * group, may keep running with nobody to record or finalize its work. Such
 * a run is found by the index's liveness check (no `done.json`, runner pid
 * gone or reused), its provider's surviving processes are stopped, and it
 * is recorded as `failed` with the reason, so listings show it as finished
 * and `%wait` dependents see a definite outcome.
 *
 * `sase agent list` reaps the crashed runs its listing comes across, then
 * lists again; `sase agent kill` stops such a run too (recorded as `killed`).
 *
 * @module
 */

import { SaseError } from "../../errors.ts";
import type { AppContext } from "../../context.ts";
import type { AgentRecord } from "../index/record.ts";
import type { KillResult } from "./kill.ts";
import { importOnDemand } from "../../on_demand.ts";

/** One crashed run that was reaped. */
export interface ReapedRun {
  dir: string;
  name: string | null;
  project: string;
  /** The runner pid that was found dead. */
  runnerPid: number | null;
  /** Provider processes that were still running and were stopped. */
  stopped: number[];
  /** Why it could not be reaped, if it could not (it stays as it was). */
  error?: string;
}

/** The `done.json` error of a reaped run. */
export function crashedError(runnerPid: number | null): string {
  const runner = runnerPid === null ? "its runner" : `its runner (pid ${runnerPid})`;
  return `crashed: ${runner} died without finalizing the run`;
}

/**
 * Stop what is left of each crashed run in `records`, record it as failed
 * and release the workspace claim its dead runner still holds.
 */
export async function reapCrashedRuns(
  app: AppContext,
  records: readonly AgentRecord[],
): Promise<ReapedRun[]> {
  const reaped: ReapedRun[] = [];
  if (records.length === 0) return reaped;
  // Loaded only when there is something to reap: listings stay lean.
  const { stopAgentRun } = await importOnDemand<typeof import("./kill.ts")>(
    "./kill.ts",
    import.meta.url,
  );
  for (const record of records) {
    const base = {
      dir: record.dir,
      name: record.name,
      project: record.project,
      runnerPid: record.pid,
    };
    let result: KillResult;
    try {
      result = await stopAgentRun(app, record.dir, {
        project: record.project,
        runnerGone: true,
        ending: { outcome: "failed", error: crashedError(record.pid) },
      });
    } catch (error) {
      // Finished meanwhile: nothing left to reap.
      if (error instanceof SaseError && error.code === "agent.finished") continue;
      reaped.push({ ...base, stopped: [], error: (error as Error).message });
      continue;
    }
    if (!result.wroteDone) continue;
    reaped.push({ ...base, stopped: result.signalled });
  }
  return reaped;
}
