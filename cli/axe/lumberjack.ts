/**
 * `sase axe lumberjack list|status|run`.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { lumberjackViews } from "../../core/axe/status.ts";
import { lumberjackWire } from "../../core/axe/wire.ts";
import { lumberjackNamed } from "../../core/axe/settings.ts";
import { runLumberjackLoop } from "../../core/axe/lumberjack.ts";
import { createAppContext } from "../../core/context.ts";
import { formatTable, printJson } from "../shared/output.ts";
import {
  axeEnv,
  loadSettings,
  LUMBERJACK_COLUMNS,
  lumberjackCells,
  type OverrideOptions,
  overridesOf,
} from "./settings.ts";

/** Run `sase axe lumberjack list` (and `status`). */
export async function runLumberjackList(
  app: AppContext,
  options: { json?: boolean },
): Promise<void> {
  const views = await lumberjackViews(app.env, await loadSettings(app), app.now());
  const wires = views.map(lumberjackWire);
  if (options.json) return printJson(wires);
  console.log(formatTable(
    [...LUMBERJACK_COLUMNS, "CHOPS"],
    wires.map((lj) => [...lumberjackCells(lj), lj.chops.join(", ")]),
  ));
}

/** Run `sase axe lumberjack run NAME` until SIGINT/SIGTERM. */
export async function runLumberjackRun(
  app: AppContext,
  name: string,
  options: OverrideOptions,
  vcsProvider: string | undefined,
): Promise<void> {
  const settings = await loadSettings(app, overridesOf(options));
  const lumberjack = lumberjackNamed(settings, name);
  const env = axeEnv(app, vcsProvider);
  const runApp = env === app.env
    ? app
    : createAppContext({ env, cwd: app.cwd, providers: app.providers, now: () => app.now() });
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  Deno.addSignalListener("SIGINT", onSignal);
  Deno.addSignalListener("SIGTERM", onSignal);
  console.error(`lumberjack ${name}: running every ${lumberjack.intervalSeconds}s (Ctrl+C stops)`);
  try {
    await runLumberjackLoop({
      app: runApp,
      settings,
      lumberjack,
      hostPid: Deno.pid,
      restarts: 0,
      signal: stop.signal,
    });
  } finally {
    Deno.removeSignalListener("SIGINT", onSignal);
    Deno.removeSignalListener("SIGTERM", onSignal);
  }
}
