/**
 * The telemetry a process records into: a no-op when `telemetry.enabled`
 * is false (the default), so instrumentation costs nothing, loads no
 * Prometheus client and opens no connection; otherwise the Prometheus
 * registry of `prom.ts` (imported only then), one per process.
 *
 * @module
 */

import type { SaseConfig } from "../config/types.ts";
import { importOnDemand } from "../on_demand.ts";
import { telemetrySettings } from "./settings.ts";
import type { Telemetry } from "./model.ts";

export type { Labels, Telemetry } from "./model.ts";

/** The telemetry of a process with telemetry off: every call does nothing. */
export const NOOP_TELEMETRY: Telemetry = {
  enabled: false,
  inc() {},
  add() {},
  set() {},
  observe() {},
  exposition: () => Promise.resolve(""),
  push: () => Promise.resolve(),
};

let opened: Promise<Telemetry> | undefined;

/** This process's telemetry under `config` (opened once; off stays the no-op). */
export function processTelemetry(config: SaseConfig): Promise<Telemetry> {
  const settings = telemetrySettings(config);
  if (!settings.enabled) return Promise.resolve(NOOP_TELEMETRY);
  opened ??= importOnDemand<typeof import("./prom.ts")>("./prom.ts", import.meta.url)
    .then(({ promTelemetry }) => promTelemetry(settings));
  return opened;
}
