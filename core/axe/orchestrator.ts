/**
 * The orchestrator process (handbook 5.2, 5.10): holds `orchestrator.lock`
 * for its whole life, writes `orchestrator.pid`, runs each configured
 * lumberjack in its own Deno Worker and supervises them. A Worker that
 * throws, exits, or stops sending heartbeats for
 * {@linkcode heartbeatDeadlineMs} is terminated and started again after a
 * backoff (1 s, doubling up to 60 s; reset once it has run for a minute),
 * and the restart is counted in its `metrics.json`. SIGTERM (or SIGINT)
 * stops every lumberjack — each stops its running chops — then removes the
 * pid files and exits.
 *
 * @module
 */

import type { SaseConfig } from "../config/types.ts";
import { importOnDemand } from "../on_demand.ts";
import { processTelemetry, type Telemetry } from "../telemetry/telemetry.ts";
import { telemetrySettings } from "../telemetry/settings.ts";
import type { AppContext } from "../context.ts";
import { atomicWriteTextFile } from "../fs/atomic_write.ts";
import { BoundedLog } from "./bounded_log.ts";
import { axeDir, lumberjackPaths, orchestratorPaths } from "./paths.ts";
import { type AxeOverrides, axeSettings } from "./settings.ts";
import type { FromLumberjack, ToLumberjack } from "./worker_protocol.ts";
import { recordAxeError } from "./recent_errors.ts";

/** How long stopping lumberjacks may take before they are terminated. */
export const WORKER_STOP_GRACE_MS = 5_000;
const MAX_BACKOFF_MS = 60_000;
const HEALTHY_AFTER_MS = 60_000;
const LOCK_WAIT_MS = 10_000;

/**
 * A Worker without a heartbeat for this long counts as hung (30 s, or
 * `SASE_AXE_HEARTBEAT_TIMEOUT` seconds).
 */
export function heartbeatDeadlineMs(env: AppContext["env"]): number {
  const seconds = Number(env.SASE_AXE_HEARTBEAT_TIMEOUT);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 30_000;
}

interface Supervised {
  name: string;
  worker: Worker | null;
  lastBeat: number;
  startedAt: number;
  restarts: number;
  /** Failures since it last ran healthily: the backoff exponent. */
  streak: number;
  restartTimer: ReturnType<typeof setTimeout> | null;
  stopped: PromiseWithResolvers<void> | null;
}

/** What the orchestrator needs. */
export interface OrchestratorOptions {
  app: AppContext;
  overrides: AxeOverrides;
  /** The lumberjack Worker module (`entries/lumberjack_worker.ts`). */
  workerUrl: URL;
}

async function acquireLock(path: string): Promise<Deno.FsFile> {
  const file = await Deno.open(path, { read: true, write: true, create: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const locked = await Promise.race([
    file.lock(true).then(() => true),
    new Promise<false>((resolve) => timer = setTimeout(() => resolve(false), LOCK_WAIT_MS)),
  ]);
  clearTimeout(timer);
  if (!locked) throw new Error(`another process holds ${path}`);
  return file;
}

/**
 * The exposition server of an orchestrator with telemetry on (none when
 * off); a port in use is logged, and axe runs on without it.
 */
async function startExposition(
  telemetry: Telemetry,
  config: SaseConfig,
  log: (line: string) => Promise<void>,
): Promise<Deno.HttpServer | undefined> {
  if (!telemetry.enabled) return undefined;
  const port = telemetrySettings(config).expositionPort;
  const { serveExposition } = await importOnDemand<typeof import("../telemetry/exposition.ts")>(
    "../telemetry/exposition.ts",
    import.meta.url,
  );
  try {
    const server = serveExposition(telemetry, port, (line) => log(line).catch(() => {}));
    await log(`telemetry: serving metrics on http://127.0.0.1:${port}/metrics`);
    return server;
  } catch (error) {
    await log(
      `telemetry: cannot serve metrics on port ${port}: ${
        error instanceof Error ? error.message : error
      }`,
    );
    return undefined;
  }
}

/** Run the orchestrator until SIGTERM/SIGINT; resolves to the process exit code. */
export async function runOrchestrator(options: OrchestratorOptions): Promise<number> {
  const { app } = options;
  const paths = orchestratorPaths(app.env);
  const config = (await app.config()).config;
  const settings = axeSettings(config.axe, options.overrides, app.env);
  const log = new BoundedLog(paths.log, settings.logMaxBytes, "orchestrator");
  await Deno.mkdir(axeDir(app.env), { recursive: true });
  let lock: Deno.FsFile;
  try {
    lock = await acquireLock(paths.lock);
  } catch (error) {
    await log.line(`not starting: ${error instanceof Error ? error.message : error}`);
    return 1;
  }
  await atomicWriteTextFile(paths.pid, `${Deno.pid}\n`);
  const telemetry = await processTelemetry(config);
  const exposition = await startExposition(telemetry, config, (line) => log.line(line));
  await log.line(
    `started (pid ${Deno.pid}, lumberjacks: ${
      settings.lumberjacks.map((lj) => lj.name).join(", ")
    })`,
  );
  const deadline = heartbeatDeadlineMs(app.env);
  const jacks: Supervised[] = settings.lumberjacks.map((lj) => ({
    name: lj.name,
    worker: null,
    lastBeat: 0,
    startedAt: 0,
    restarts: 0,
    streak: 0,
    restartTimer: null,
    stopped: null,
  }));
  let stopping = false;

  const crashed = (jack: Supervised, why: string) => {
    if (stopping || jack.worker === null) return;
    jack.worker.terminate();
    jack.worker = null;
    if (Date.now() - jack.startedAt >= HEALTHY_AFTER_MS) jack.streak = 0;
    const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** jack.streak);
    jack.streak++;
    jack.restarts++;
    telemetry.add("sase_axe_lumberjacks_active", {}, -1);
    telemetry.inc("sase_axe_lumberjack_restarts_total");
    telemetry.inc("sase_axe_errors_total", { error_type: "lumberjack_restart" });
    log.line(`lumberjack ${jack.name} ${why}; restart ${jack.restarts} in ${delay / 1000}s`)
      .catch(() => {});
    recordAxeError(app.env, {
      timestamp: new Date().toISOString(),
      lumberjack: jack.name,
      chop: null,
      run_id: null,
      kind: "lumberjack_restart",
      message: why,
    }).catch(() => {});
    jack.restartTimer = setTimeout(() => {
      jack.restartTimer = null;
      if (!stopping) spawn(jack);
    }, delay);
  };

  const spawn = (jack: Supervised) => {
    const worker = new Worker(options.workerUrl, {
      type: "module",
      name: `lumberjack-${jack.name}`,
    });
    jack.worker = worker;
    telemetry.add("sase_axe_lumberjacks_active", {}, 1);
    jack.lastBeat = Date.now();
    jack.startedAt = Date.now();
    worker.onmessage = (event: MessageEvent<FromLumberjack>) => {
      const message = event.data;
      if (worker !== jack.worker) return;
      if (message.type === "heartbeat") jack.lastBeat = Date.now();
      else if (message.type === "stopped") jack.stopped?.resolve();
      else if (message.type === "failed") crashed(jack, `failed: ${message.message}`);
    };
    worker.onerror = (event: ErrorEvent) => {
      // Handled here: an error in a Worker must not end the orchestrator.
      event.preventDefault();
      if (worker === jack.worker) crashed(jack, `threw: ${event.message}`);
    };
    const start: ToLumberjack = {
      type: "start",
      name: jack.name,
      overrides: options.overrides,
      env: app.env,
      cwd: app.cwd,
      hostPid: Deno.pid,
      restarts: jack.restarts,
    };
    worker.postMessage(start);
  };

  for (const jack of jacks) spawn(jack);
  const watchdog = setInterval(() => {
    for (const jack of jacks) {
      if (jack.worker && Date.now() - jack.lastBeat > deadline) {
        crashed(jack, `hung (no heartbeat for ${Math.round(deadline / 1000)}s)`);
      }
    }
  }, 1000);

  const done = Promise.withResolvers<void>();
  const onSignal = () => done.resolve();
  Deno.addSignalListener("SIGTERM", onSignal);
  Deno.addSignalListener("SIGINT", onSignal);
  await done.promise;
  stopping = true;
  clearInterval(watchdog);
  await log.line("stopping");
  await Promise.all(jacks.map(async (jack) => {
    if (jack.restartTimer) clearTimeout(jack.restartTimer);
    const worker = jack.worker;
    if (!worker) return;
    jack.stopped = Promise.withResolvers<void>();
    worker.postMessage({ type: "stop" } satisfies ToLumberjack);
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      jack.stopped.promise,
      new Promise<void>((resolve) => timer = setTimeout(resolve, WORKER_STOP_GRACE_MS)),
    ]);
    clearTimeout(timer);
    worker.terminate();
    await Deno.remove(lumberjackPaths(app.env, jack.name).pid).catch(() => {});
  }));
  Deno.removeSignalListener("SIGTERM", onSignal);
  Deno.removeSignalListener("SIGINT", onSignal);
  await exposition?.shutdown();
  await Deno.remove(paths.pid).catch(() => {});
  await log.line("stopped");
  lock.close();
  return 0;
}
