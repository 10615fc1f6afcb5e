/**
 * A snapshot of sase's metrics from a scraped text (handbook 18.4.3): only
 * sase's own series (a Push Gateway also reports its own), optionally one
 * subsystem's, as samples or as the Prometheus text they came from.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { METRICS, SUBSYSTEMS } from "./catalog.ts";
import { parsePrometheusText, type Sample } from "./parse.ts";

/** The catalog metric a series belongs to (histogram series carry `_bucket`/`_sum`/`_count`). */
export function metricOf(series: string): string | undefined {
  for (const candidate of [series, series.replace(/_(bucket|sum|count)$/, "")]) {
    if (METRICS.some((metric) => metric.name === candidate)) return candidate;
  }
  return undefined;
}

/** `subsystem` as the catalog spells it (any case); `SaseError` listing them otherwise. */
export function subsystemNamed(subsystem: string): string {
  const found = SUBSYSTEMS.find((s) => s.toLowerCase() === subsystem.trim().toLowerCase());
  if (found) return found;
  throw new SaseError("telemetry.unknown_subsystem", `unknown subsystem '${subsystem}'`, {
    hint: `subsystems: ${SUBSYSTEMS.join(", ")}`,
    kind: "invalid-input",
  });
}

function wanted(series: string, subsystem: string | undefined): boolean {
  const name = metricOf(series);
  if (!name) return false;
  return subsystem === undefined || METRICS.find((m) => m.name === name)!.subsystem === subsystem;
}

/** sase's samples in `text` (of `subsystem` only, when given). */
export function snapshotSamples(text: string, subsystem?: string): Sample[] {
  return parsePrometheusText(text).filter((sample) => wanted(sample.name, subsystem));
}

/** The lines of `text` about sase's metrics (of `subsystem` only, when given), comments included. */
export function snapshotText(text: string, subsystem?: string): string {
  const lines = text.split("\n").filter((line) => {
    const comment = /^#\s*(?:HELP|TYPE)\s+(\S+)/.exec(line);
    const series = comment ? comment[1] : /^([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(line)?.[1];
    return series !== undefined && wanted(series, subsystem);
  });
  return lines.length ? lines.join("\n") + "\n" : "";
}
