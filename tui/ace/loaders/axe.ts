/**
 * Whether the axe daemon runs (handbook 5.9): its orchestrator writes its
 * pid to `SASE_HOME/axe/orchestrator.pid`; axe runs while that process is
 * alive (a stale file left by a crash does not count). This is the one
 * question ACE asks about axe, so the footer lights up once a daemon exists.
 *
 * @module
 */

import { join } from "../../../core/fs/path.ts";
import { type Env, saseHome } from "../../../core/config/paths.ts";
import { readTextBounded } from "../../../core/fs/bounded_read.ts";
import { processInfo } from "../../../core/agent/index/liveness.ts";

/** `SASE_HOME/axe/orchestrator.pid`. */
export function orchestratorPidPath(env: Env): string {
  return join(saseHome(env), "axe", "orchestrator.pid");
}

/** Whether the axe orchestrator recorded in its pid file is alive. */
export async function axeRunning(env: Env): Promise<boolean> {
  let text: string;
  try {
    text = await readTextBounded(orchestratorPidPath(env), 64);
  } catch {
    return false;
  }
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 && processInfo(pid) !== null;
}
