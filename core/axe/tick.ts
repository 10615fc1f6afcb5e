/**
 * One lumberjack tick (handbook 5.4-5.5): maintenance first (a tick during
 * maintenance counts as a cycle and runs nothing), then every chop that is
 * due — script and built-in chops concurrently, agent chops one after
 * another in their configured order — each recorded in its run history.
 * The tick's ChangeSpecs are read once; a tick that runs a script chop
 * writes them (`tick/all_changespecs.json`, `tick/filtered_changespecs.json`)
 * and the `tick/context.json` the scripts get.
 *
 * @module
 */

import { atomicWriteJson } from "../fs/atomic_write.ts";
import { join } from "../fs/path.ts";
import { readJsonObject } from "../fs/json_object.ts";
import type { AppContext } from "../context.ts";
import type { ChangeSpec } from "../changespec/types.ts";
import type { ChangeSpecStore } from "../changespec/store.ts";
import { toWire } from "../changespec/wire.ts";
import { QueryCorpus } from "../query/evaluator.ts";
import { isProcessAlive } from "../process_liveness.ts";
import { type ChopRunEntry, type ChopRunSource, newestRun, writeRun } from "./history.ts";
import { lumberjackPaths } from "./paths.ts";
import type { AxeSettings, ChopSpec, LumberjackSpec } from "./settings.ts";
import { runChop } from "./chop_run.ts";
import { runAgentChop } from "./agent_chop.ts";
import { checkMaintenance } from "./maintenance.ts";
import { recordAxeError } from "./recent_errors.ts";

/** What a tick needs that outlives it. */
export interface TickHost {
  app: AppContext;
  settings: AxeSettings;
  lumberjack: LumberjackSpec;
  /** Reused across ticks: unchanged ProjectSpecs are not parsed again. */
  store: ChangeSpecStore;
  /** Lines for the lumberjack's output log. */
  log: (message: string) => Promise<void>;
  signal?: AbortSignal;
}

/** How a tick went. */
export interface TickResult {
  /** Maintenance was active: no chop ran. */
  maintenance: boolean;
  runs: ChopRunEntry[];
  /** Chops not due (`run_every`) or still running from before. */
  skipped: string[];
}

/** The keys of `tick/context.json` (handbook 5.5.3). */
export interface ChopContextWire {
  lumberjack_name: string;
  lumberjack_state_dir: string;
  query: string;
  max_hook_runners: number;
  max_agent_runners: number;
  zombie_timeout_seconds: number;
  all_changespecs_path: string;
  filtered_changespecs_path: string;
  verbose: boolean;
  created_at: string;
}

/** The tick's ChangeSpecs, read once and shared by its chops. */
export function tickChangeSpecs(
  host: Pick<TickHost, "store" | "settings">,
): () => Promise<{ all: ChangeSpec[]; filtered: ChangeSpec[] }> {
  let loaded: Promise<{ all: ChangeSpec[]; filtered: ChangeSpec[] }> | undefined;
  return () =>
    loaded ??= host.store.specs().then((all) => ({
      all,
      filtered: host.settings.query.trim() === "" ? all : new QueryCorpus(all).filter(
        host.settings.query,
      ),
    }));
}

/** Write the tick's context files once; resolves to `context.json`'s path. */
export function tickContext(
  host: Pick<TickHost, "app" | "settings" | "lumberjack">,
  changeSpecs: () => Promise<{ all: ChangeSpec[]; filtered: ChangeSpec[] }>,
): () => Promise<string> {
  let written: Promise<string> | undefined;
  return () =>
    written ??= (async () => {
      const paths = lumberjackPaths(host.app.env, host.lumberjack.name);
      const specs = await changeSpecs();
      const allPath = join(paths.tickDir, "all_changespecs.json");
      const filteredPath = join(paths.tickDir, "filtered_changespecs.json");
      await atomicWriteJson(allPath, specs.all.map(toWire), { sync: false });
      await atomicWriteJson(filteredPath, specs.filtered.map(toWire), { sync: false });
      const context: ChopContextWire = {
        lumberjack_name: host.lumberjack.name,
        lumberjack_state_dir: paths.dir,
        query: host.settings.query,
        max_hook_runners: host.settings.maxHookRunners,
        max_agent_runners: host.settings.maxAgentRunners,
        zombie_timeout_seconds: host.settings.zombieTimeoutSeconds,
        all_changespecs_path: allPath,
        filtered_changespecs_path: filteredPath,
        verbose: host.settings.verboseDiagnostics,
        created_at: host.app.now().toISOString(),
      };
      const contextPath = join(paths.tickDir, "context.json");
      await atomicWriteJson(contextPath, context, { sync: false });
      return contextPath;
    })();
}

/** The last successful run time of each `run_every` chop. */
async function readChopTimestamps(host: TickHost): Promise<Record<string, string>> {
  const value = await readJsonObject(
    lumberjackPaths(host.app.env, host.lumberjack.name).chopTimestamps,
  );
  return Object.fromEntries(
    Object.entries(value ?? {}).filter((entry): entry is [string, string] =>
      typeof entry[1] === "string"
    ),
  );
}

function isDue(chop: ChopSpec, stamps: Record<string, string>, now: Date): boolean {
  if (chop.runEverySeconds === null) return true;
  const last = Date.parse(stamps[chop.name] ?? "");
  return Number.isNaN(last) || now.getTime() - last >= chop.runEverySeconds * 1000;
}

/**
 * Whether a run of this chop is still in flight (e.g. a manual run in
 * another process). A `running` record whose process is gone is closed
 * as a failure so the chop is not blocked for ever.
 */
export async function stillRunning(host: TickHost, chop: ChopSpec): Promise<boolean> {
  const newest = await newestRun(host.app.env, host.lumberjack.name, chop.name);
  if (newest?.status !== "running" || newest.pid === null) return false;
  if (isProcessAlive(newest.pid)) return true;
  const now = host.app.now();
  await writeRun(host.app.env, {
    ...newest,
    status: "failure",
    finished_at: now.toISOString(),
    duration_ms: Math.max(0, now.getTime() - Date.parse(newest.started_at)),
    error: `its process ${newest.pid} is gone`,
  });
  return false;
}

/** Run `chops` (all due ones, or the one a manual run names) once. */
export async function runChops(
  host: TickHost,
  chops: readonly ChopSpec[],
  source: ChopRunSource,
  startedBy: string,
): Promise<ChopRunEntry[]> {
  const changeSpecs = tickChangeSpecs(host);
  const contextPath = tickContext(host, changeSpecs);
  const request = (chop: ChopSpec) => ({
    app: host.app,
    settings: host.settings,
    lumberjack: host.lumberjack.name,
    chop,
    source,
    startedBy,
    contextPath,
    changeSpecs,
    store: host.store,
    signal: host.signal,
  });
  const agents = chops.filter((chop) => chop.agent !== null);
  const [scripts, launched] = await Promise.all([
    Promise.all(chops.filter((chop) => chop.agent === null).map((chop) => runChop(request(chop)))),
    (async () => {
      const entries: ChopRunEntry[] = [];
      // One after another: same-tick agents must not race for workspaces.
      for (const chop of agents) {
        const { entry, note } = await runAgentChop(request(chop));
        if (entry) entries.push(entry);
        else await host.log(`${chop.name}: not launched - ${note}`);
      }
      return entries;
    })(),
  ]);
  const runs = [...scripts, ...launched];
  const succeeded = runs.filter((run) =>
    run.status === "success" || run.status === "agent_launched"
  );
  if (chops.some((chop) => chop.runEverySeconds !== null) && succeeded.length > 0) {
    const path = lumberjackPaths(host.app.env, host.lumberjack.name).chopTimestamps;
    const stamps = await readChopTimestamps(host);
    for (const run of succeeded) stamps[run.chop_name] = run.finished_at ?? run.started_at;
    await atomicWriteJson(path, stamps, { sync: false });
  }
  for (const run of runs) {
    await host.log(
      `${run.chop_name}: ${run.status} (${run.duration_ms}ms)${run.error ? ` - ${run.error}` : ""}`,
    );
    // A run cut short by axe stopping is not an error of the chop.
    if ((run.status === "failure" || run.status === "timeout") && !host.signal?.aborted) {
      await recordAxeError(host.app.env, {
        timestamp: run.finished_at ?? run.started_at,
        lumberjack: host.lumberjack.name,
        chop: run.chop_name,
        run_id: run.run_id,
        kind: run.status,
        message: run.error ?? run.status,
      });
    }
  }
  return runs;
}

/** One scheduled tick of `host.lumberjack`. */
export async function runTick(host: TickHost): Promise<TickResult> {
  const now = host.app.now();
  const maintenance = checkMaintenance(host.app.env, now);
  if (maintenance.cleared) {
    await host.log(`cleared stale maintenance marker (${maintenance.cleared})`);
  }
  if (maintenance.active) return { maintenance: true, runs: [], skipped: [] };
  const stamps = await readChopTimestamps(host);
  const due: ChopSpec[] = [];
  const skipped: string[] = [];
  for (const chop of host.lumberjack.chops) {
    if (!isDue(chop, stamps, now) || await stillRunning(host, chop)) skipped.push(chop.name);
    else due.push(chop);
  }
  const runs = await runChops(host, due, "scheduled", `lumberjack:${host.lumberjack.name}`);
  return { maintenance: false, runs, skipped };
}
