/**
 * What `sase axe status`, `sase axe lumberjack status|list` and
 * `sase axe chop list` show: the orchestrator's pid, maintenance, and per
 * lumberjack its `status.json`, `metrics.json` and each chop's newest run.
 *
 * @module
 */

import { readJsonObject } from "../fs/json_object.ts";
import type { Env } from "../config/paths.ts";
import { lumberjackPaths, orchestratorPaths } from "./paths.ts";
import { liveOrchestratorPid } from "./orchestrator_pid.ts";
import { type MaintenanceState, readMaintenance } from "./maintenance.ts";
import type { AxeSettings, ChopSpec, LumberjackSpec } from "./settings.ts";
import { type ChopRunEntry, newestRun } from "./history.ts";
import type { LumberjackMetrics, LumberjackStatus } from "./lumberjack.ts";
import { STATUS_INTERVAL_MS } from "./lumberjack.ts";

/** A lumberjack's status.json is fresh if written within three of its periods. */
const FRESH_MS = 3 * STATUS_INTERVAL_MS;

/** One chop with its newest run. */
export interface ChopView {
  lumberjack: string;
  chop: ChopSpec;
  lastRun: ChopRunEntry | null;
}

/** One lumberjack with its state files. */
export interface LumberjackView {
  spec: LumberjackSpec;
  status: LumberjackStatus | null;
  metrics: LumberjackMetrics | null;
  /** Its status.json was written recently by a live process. */
  alive: boolean;
  chops: ChopView[];
}

/** The whole daemon. */
export interface AxeView {
  orchestratorPid: number | null;
  pidFile: string;
  maintenance: MaintenanceState;
  lumberjacks: LumberjackView[];
}

/** The view of each configured lumberjack. */
export async function lumberjackViews(
  env: Env,
  settings: AxeSettings,
  now: Date,
): Promise<LumberjackView[]> {
  return await Promise.all(settings.lumberjacks.map(async (spec) => {
    const paths = lumberjackPaths(env, spec.name);
    const status = await readJsonObject(paths.status) as LumberjackStatus | undefined;
    const metrics = await readJsonObject(paths.metrics) as LumberjackMetrics | undefined;
    const fresh = status !== undefined && status.state !== "stopped" &&
      now.getTime() - Date.parse(status.updated_at) < FRESH_MS;
    return {
      spec,
      status: status ?? null,
      metrics: metrics ?? null,
      alive: fresh,
      chops: await Promise.all(spec.chops.map(async (chop) => ({
        lumberjack: spec.name,
        chop,
        lastRun: await newestRun(env, spec.name, chop.name),
      }))),
    };
  }));
}

/** The daemon's view. */
export async function axeView(env: Env, settings: AxeSettings, now: Date): Promise<AxeView> {
  const pid = liveOrchestratorPid(env);
  const views = await lumberjackViews(env, settings, now);
  return {
    orchestratorPid: pid,
    pidFile: orchestratorPaths(env).pid,
    maintenance: readMaintenance(env),
    // Without an orchestrator no Worker lumberjack lives (a foreground one may).
    lumberjacks: views,
  };
}
