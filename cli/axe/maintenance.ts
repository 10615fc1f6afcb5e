/**
 * `sase axe maintenance enter|exit|status`.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import {
  enterMaintenance,
  exitMaintenance,
  readMaintenance,
  staleReason,
} from "../../core/axe/maintenance.ts";
import { maintenanceWire } from "../../core/axe/wire.ts";
import { printJson } from "../shared/output.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";

/**
 * Run `sase axe maintenance enter -r REASON`. The marker is tied to the
 * process that ran this command (the shell or script doing maintenance).
 */
export async function runMaintenanceEnter(
  app: AppContext,
  options: { reason: string; json?: boolean },
): Promise<void> {
  const marker = await enterMaintenance(app.env, options.reason, Deno.ppid, app.now());
  if (options.json) return printJson(maintenanceWire(marker));
  console.log(`maintenance entered (PID ${marker.pid}): ${neutralizeControls(marker.reason)}`);
}

/** Run `sase axe maintenance exit`. */
export async function runMaintenanceExit(app: AppContext): Promise<void> {
  console.log(
    (await exitMaintenance(app.env)) ? "maintenance exited" : "maintenance was not active",
  );
}

/** Run `sase axe maintenance status`: exit 0 when active, 1 when not. */
export function runMaintenanceStatus(app: AppContext, options: { json?: boolean }): void {
  const state = readMaintenance(app.env);
  // A stale marker pauses nothing (the next tick removes it).
  const active = state.kind === "active" && staleReason(state, app.now()) === null;
  const wire = maintenanceWire(active ? state : { kind: "inactive" });
  if (options.json) printJson(wire);
  else if (wire.active) {
    console.log(
      `maintenance: active since ${wire.started_at} (PID ${wire.pid}): ${
        neutralizeControls(wire.reason ?? "")
      }`,
    );
  } else console.log("maintenance: inactive");
  Deno.exitCode = active ? 0 : 1;
}
