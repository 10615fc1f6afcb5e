/**
 * `sase axe start|stop|status`.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { startAxe, STOP_TIMEOUT_MS, stopAxe } from "../../core/axe/lifecycle.ts";
import { axeView } from "../../core/axe/status.ts";
import { axeStatusWire, startWire, stopWire } from "../../core/axe/wire.ts";
import { formatTable, printJson } from "../shared/output.ts";
import {
  axeEnv,
  loadSettings,
  LUMBERJACK_COLUMNS,
  lumberjackCells,
  type OverrideOptions,
  overridesOf,
} from "./settings.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";

/** Run `sase axe start`. */
export async function runStart(
  app: AppContext,
  options: OverrideOptions & { json?: boolean },
  vcsProvider: string | undefined,
): Promise<void> {
  const overrides = overridesOf(options);
  await loadSettings(app, overrides);
  const result = await startAxe(axeEnv(app, vcsProvider), app.cwd, overrides);
  if (options.json) return printJson(startWire(result));
  console.log(
    result.started
      ? `axe started (PID ${result.pid})`
      : `axe is already running (PID ${result.pid})`,
  );
}

/** Run `sase axe stop`. */
export async function runStop(app: AppContext, options: { json?: boolean }): Promise<void> {
  const result = await stopAxe(app.env, () => app.now());
  if (options.json) return printJson(stopWire(result));
  if (result.pid === null) console.log("axe is not running");
  else if (result.killed) {
    console.log(
      `axe (PID ${result.pid}) did not stop within ${STOP_TIMEOUT_MS / 1000}s: killed (SIGKILL)`,
    );
  } else console.log(`axe stopped (PID ${result.pid})`);
  if (result.orphanedChops > 0) {
    console.log(`killed ${result.orphanedChops} leftover chop process(es)`);
  }
}

/** Run `sase axe status`. */
export async function runStatus(app: AppContext, options: { json?: boolean }): Promise<void> {
  const view = axeView(app.env, await loadSettings(app), app.now());
  const wire = axeStatusWire(await view);
  if (options.json) return printJson(wire);
  console.log(wire.running ? `axe: RUNNING (PID ${wire.pid})` : "axe: STOPPED");
  if (wire.maintenance.active) {
    console.log(
      `maintenance: active since ${wire.maintenance.started_at} (PID ${wire.maintenance.pid}): ${
        neutralizeControls(wire.maintenance.reason ?? "")
      }`,
    );
  }
  console.log(formatTable(LUMBERJACK_COLUMNS, wire.lumberjacks.map(lumberjackCells)));
}
