/**
 * The axe state directory (handbook 5.9): where the orchestrator, each
 * lumberjack and each chop keep their files under `SASE_HOME/axe/`.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { type Env, saseHome } from "../config/paths.ts";

/** `SASE_HOME/axe`. */
export function axeDir(env: Env): string {
  return join(saseHome(env), "axe");
}

/** The orchestrator's files directly under `axe/`. */
export function orchestratorPaths(env: Env): {
  pid: string;
  lock: string;
  startLock: string;
  maintenance: string;
  log: string;
} {
  const dir = axeDir(env);
  return {
    pid: join(dir, "orchestrator.pid"),
    lock: join(dir, "orchestrator.lock"),
    // Starters queue on this one so that only one of them spawns an orchestrator.
    startLock: join(dir, "orchestrator.start"),
    maintenance: join(dir, "maintenance.json"),
    log: join(dir, "logs", "axe.log"),
  };
}

/** The per-lumberjack state files. */
export function lumberjackPaths(env: Env, name: string): {
  dir: string;
  pid: string;
  status: string;
  metrics: string;
  chopTimestamps: string;
  agentChops: string;
  tickDir: string;
  outputLog: string;
  log: string;
} {
  const dir = join(axeDir(env), "lumberjacks", name);
  return {
    dir,
    pid: join(dir, "pid"),
    status: join(dir, "status.json"),
    metrics: join(dir, "metrics.json"),
    chopTimestamps: join(dir, "chop_timestamps.json"),
    agentChops: join(dir, "agent_chops.json"),
    tickDir: join(dir, "tick"),
    outputLog: join(dir, "logs", "output.log"),
    log: join(axeDir(env), "logs", `lumberjack-${name}.log`),
  };
}

/** One chop's run history directory and its files. */
export function chopPaths(env: Env, lumberjack: string, chop: string): {
  dir: string;
  index: string;
  runsDir: string;
  runJson: (runId: string) => string;
  runLog: (runId: string) => string;
} {
  const dir = join(axeDir(env), "lumberjacks", lumberjack, "chops", chop);
  const runsDir = join(dir, "runs");
  return {
    dir,
    index: join(dir, "index.json"),
    runsDir,
    runJson: (runId) => join(runsDir, `${runId}.json`),
    runLog: (runId) => join(runsDir, `${runId}.log`),
  };
}

/** The files shared by every lumberjack (runner pool, error digests). */
export function sharedPaths(env: Env): {
  runnerCount: string;
  digestDir: string;
  recentErrors: string;
} {
  const dir = join(axeDir(env), "shared");
  return {
    runnerCount: join(dir, "runner_count"),
    digestDir: join(dir, "error_digests"),
    recentErrors: join(dir, "error_digests", "recent_errors.json"),
  };
}
