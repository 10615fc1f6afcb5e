/**
 * `sase telemetry list` (and bare `sase telemetry`): the metric catalog.
 *
 * @module
 */

import { METRICS, SUBSYSTEMS } from "../../core/telemetry/catalog.ts";
import { subsystemNamed } from "../../core/telemetry/snapshot.ts";
import { metricWire } from "../../core/telemetry/wire.ts";
import { formatTable, printJson } from "../shared/output.ts";

/** Run `sase telemetry list`. */
export function runList(options: { subsystem?: string; type?: string; json?: boolean }): void {
  const subsystem = options.subsystem === undefined ? undefined : subsystemNamed(options.subsystem);
  const metrics = METRICS.filter((m) =>
    (subsystem === undefined || m.subsystem === subsystem) &&
    (options.type === undefined || m.type === options.type)
  );
  if (options.json) return printJson(metrics.map(metricWire));
  for (const group of SUBSYSTEMS) {
    const mine = metrics.filter((m) => m.subsystem === group);
    if (mine.length === 0) continue;
    console.log(`${group}\n`);
    console.log(formatTable(
      ["METRIC", "TYPE", "LABELS", "DESCRIPTION"],
      mine.map((m) => [m.name, m.type, m.labels.join(",") || "-", m.help]),
    ));
    console.log("");
  }
  console.log(`${metrics.length} metrics`);
}
