/**
 * Recording from a short-lived process: record into this process's
 * telemetry, then push everything to the Push Gateway (handbook 18.2). With
 * telemetry off this is one settings check: nothing is loaded or sent.
 *
 * @module
 */

import type { SaseConfig } from "../config/types.ts";
import type { Telemetry } from "./model.ts";
import { processTelemetry } from "./telemetry.ts";

/** Record with `record` and push; a failed push is a warning, never the caller's failure. */
export async function recordAndPush(
  config: SaseConfig,
  record: (telemetry: Telemetry) => void | Promise<void>,
  warn?: (message: string) => void,
): Promise<void> {
  const telemetry = await processTelemetry(config);
  if (!telemetry.enabled) return;
  await record(telemetry);
  await telemetry.push("sase_agent").catch((error) =>
    warn?.(`telemetry push failed: ${error instanceof Error ? error.message : error}`)
  );
}
