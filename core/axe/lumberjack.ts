/**
 * A lumberjack's life (handbook 5.2, 5.9): tick every `interval` seconds
 * until stopped, writing `status.json` every 5 seconds and `metrics.json`
 * (cumulative, carried over restarts) every 30 seconds. The same loop runs
 * inside the orchestrator's Worker and in the foreground for
 * `sase axe lumberjack run`.
 *
 * @module
 */

import { atomicWriteJson } from "../fs/atomic_write.ts";
import { readJsonObject } from "../fs/json_object.ts";
import type { AppContext } from "../context.ts";
import { projectStore } from "../changespec/read.ts";
import { BoundedLog } from "./bounded_log.ts";
import { lumberjackPaths } from "./paths.ts";
import type { AxeSettings, LumberjackSpec } from "./settings.ts";
import { runTick, type TickHost } from "./tick.ts";
import { recordAxeError } from "./recent_errors.ts";

/** How often `status.json` is written. */
export const STATUS_INTERVAL_MS = 5_000;
/** How often `metrics.json` is written. */
export const METRICS_INTERVAL_MS = 30_000;

/** `metrics.json`. */
export interface LumberjackMetrics {
  lumberjack: string;
  cycles_total: number;
  maintenance_cycles_total: number;
  errors_total: number;
  chop_runs_total: Record<string, number>;
  restarts_total: number;
  last_cycle_duration_seconds: number;
  cycle_duration_seconds_total: number;
  updated_at: string;
}

/** `status.json`. */
export interface LumberjackStatus {
  lumberjack: string;
  pid: number;
  state: "running" | "ticking" | "maintenance" | "stopped";
  interval_seconds: number;
  chops: string[];
  cycles: number;
  errors: number;
  restarts: number;
  started_at: string;
  last_cycle_started_at: string | null;
  last_cycle_finished_at: string | null;
  last_cycle_duration_ms: number | null;
  updated_at: string;
}

/** What the loop needs. */
export interface LumberjackLoopOptions {
  app: AppContext;
  settings: AxeSettings;
  lumberjack: LumberjackSpec;
  /** The process the lumberjack lives in (the orchestrator, or a foreground CLI). */
  hostPid: number;
  /** How often this lumberjack was restarted before (the orchestrator counts them). */
  restarts: number;
  signal: AbortSignal;
  /** Called at least once a second while the loop's event loop is responsive. */
  heartbeat?: () => void;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

async function previousMetrics(path: string, name: string): Promise<LumberjackMetrics> {
  const value = await readJsonObject(path) as Partial<LumberjackMetrics> | undefined;
  const count = (key: keyof LumberjackMetrics) =>
    typeof value?.[key] === "number" ? value[key] as number : 0;
  return {
    lumberjack: name,
    cycles_total: count("cycles_total"),
    maintenance_cycles_total: count("maintenance_cycles_total"),
    errors_total: count("errors_total"),
    chop_runs_total: typeof value?.chop_runs_total === "object" && value.chop_runs_total !== null
      ? { ...value.chop_runs_total }
      : {},
    restarts_total: 0,
    last_cycle_duration_seconds: count("last_cycle_duration_seconds"),
    cycle_duration_seconds_total: count("cycle_duration_seconds_total"),
    updated_at: "",
  };
}

/** Run the lumberjack until `options.signal` aborts. */
export async function runLumberjackLoop(options: LumberjackLoopOptions): Promise<void> {
  const { app, lumberjack, signal } = options;
  const paths = lumberjackPaths(app.env, lumberjack.name);
  await Deno.mkdir(paths.dir, { recursive: true });
  const output = new BoundedLog(paths.outputLog, options.settings.logMaxBytes, lumberjack.name);
  const lifecycle = new BoundedLog(paths.log, options.settings.logMaxBytes, lumberjack.name);
  const metrics = await previousMetrics(paths.metrics, lumberjack.name);
  metrics.restarts_total = options.restarts;
  const status: LumberjackStatus = {
    lumberjack: lumberjack.name,
    pid: options.hostPid,
    state: "running",
    interval_seconds: lumberjack.intervalSeconds,
    chops: lumberjack.chops.map((chop) => chop.name),
    cycles: 0,
    errors: 0,
    restarts: options.restarts,
    started_at: app.now().toISOString(),
    last_cycle_started_at: null,
    last_cycle_finished_at: null,
    last_cycle_duration_ms: null,
    updated_at: "",
  };
  // A state file that cannot be written is fatal: the lumberjack throws and
  // its host restarts it (the orchestrator counts the restart).
  const writeStatus = async () => {
    status.updated_at = app.now().toISOString();
    await atomicWriteJson(paths.status, status, { sync: false });
  };
  const writeMetrics = async () => {
    metrics.updated_at = app.now().toISOString();
    await atomicWriteJson(paths.metrics, metrics, { sync: false });
  };
  await Deno.writeTextFile(paths.pid, `${options.hostPid}\n`);
  await writeStatus();
  await writeMetrics();
  await lifecycle.line(
    `started (interval ${lumberjack.intervalSeconds}s, chops: ${
      status.chops.join(", ") || "none"
    }` +
      (options.restarts ? `, restart ${options.restarts}` : "") + ")",
  );
  options.heartbeat?.();
  let failure: unknown;
  // Wakes the loop's sleep: to stop, or to fail at once.
  const wake = new AbortController();
  const stop = () => wake.abort();
  signal.addEventListener("abort", stop, { once: true });
  const fail = (error: unknown) => {
    failure ??= error;
    wake.abort();
  };
  const beat = setInterval(() => options.heartbeat?.(), 1000);
  const statusTimer = setInterval(() => writeStatus().catch(fail), STATUS_INTERVAL_MS);
  const metricsTimer = setInterval(() => writeMetrics().catch(fail), METRICS_INTERVAL_MS);
  const host: TickHost = {
    app,
    settings: options.settings,
    lumberjack,
    store: projectStore(app.env),
    log: (message) => output.line(message, app.now()),
    signal,
  };
  try {
    while (!wake.signal.aborted) {
      const started = app.now();
      status.state = "ticking";
      status.last_cycle_started_at = started.toISOString();
      const result = await runTick(host).catch(async (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        metrics.errors_total++;
        status.errors++;
        await lifecycle.line(`tick failed: ${message}`);
        await recordAxeError(app.env, {
          timestamp: app.now().toISOString(),
          lumberjack: lumberjack.name,
          chop: null,
          run_id: null,
          kind: "tick_error",
          message,
        });
        return null;
      });
      const ended = app.now();
      const seconds = (ended.getTime() - started.getTime()) / 1000;
      status.cycles++;
      metrics.cycles_total++;
      metrics.last_cycle_duration_seconds = seconds;
      metrics.cycle_duration_seconds_total += seconds;
      status.last_cycle_finished_at = ended.toISOString();
      status.last_cycle_duration_ms = Math.round(seconds * 1000);
      status.state = result?.maintenance ? "maintenance" : "running";
      if (result?.maintenance) metrics.maintenance_cycles_total++;
      for (const run of result?.runs ?? []) {
        metrics.chop_runs_total[run.status] = (metrics.chop_runs_total[run.status] ?? 0) + 1;
        if ((run.status === "failure" || run.status === "timeout") && !signal.aborted) {
          metrics.errors_total++;
          status.errors++;
        }
      }
      const wait = lumberjack.intervalSeconds * 1000 - (ended.getTime() - started.getTime());
      await sleep(Math.max(0, wait), wake.signal);
    }
  } finally {
    clearInterval(beat);
    clearInterval(statusTimer);
    clearInterval(metricsTimer);
    signal.removeEventListener("abort", stop);
  }
  if (failure) throw failure;
  status.state = "stopped";
  await writeStatus();
  await writeMetrics();
  await Deno.remove(paths.pid).catch(() => {});
  await lifecycle.line("stopped");
}
