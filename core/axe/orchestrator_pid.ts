/**
 * Which process is the orchestrator: `orchestrator.pid` names it, and the
 * name counts only while that process is alive and really is an axe
 * orchestrator (a pid reused by another program after a crash is stale).
 *
 * @module
 */

import { READ_LIMITS, readTextBoundedSync } from "../fs/bounded_read.ts";
import { isProcessAlive } from "../process_liveness.ts";
import type { Env } from "../config/paths.ts";
import { orchestratorPaths } from "./paths.ts";

/** The hidden subcommand the orchestrator process runs. */
export const ORCHESTRATOR_COMMAND = "__axe-orchestrator";

/** The pid in `orchestrator.pid`, or null when there is none (or no number). */
export function recordedOrchestratorPid(env: Env): number | null {
  try {
    const text = readTextBoundedSync(orchestratorPaths(env).pid, READ_LIMITS.record).trim();
    return /^\d+$/.test(text) ? Number(text) : null;
  } catch {
    return null;
  }
}

/** Whether `pid` is a live axe orchestrator. */
export function isOrchestrator(pid: number): boolean {
  if (!isProcessAlive(pid)) return false;
  if (Deno.build.os !== "linux") return true;
  try {
    return Deno.readTextFileSync(`/proc/${pid}/cmdline`).split("\0").includes(ORCHESTRATOR_COMMAND);
  } catch {
    return false;
  }
}

/** The live orchestrator's pid, or null. */
export function liveOrchestratorPid(env: Env): number | null {
  const pid = recordedOrchestratorPid(env);
  return pid !== null && isOrchestrator(pid) ? pid : null;
}
