/**
 * Whether the axe daemon runs (handbook 5.9): the orchestrator named by
 * `SASE_HOME/axe/orchestrator.pid` is alive and really is an axe
 * orchestrator (core/axe decides; a stale file left by a crash does not
 * count). This is the one question ACE asks about axe's state.
 *
 * @module
 */

import type { Env } from "../../../core/config/paths.ts";
import { liveOrchestratorPid } from "../../../core/axe/orchestrator_pid.ts";

/** Whether the axe orchestrator runs. */
export function axeRunning(env: Env): boolean {
  return liveOrchestratorPid(env) !== null;
}
