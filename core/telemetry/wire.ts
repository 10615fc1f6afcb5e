/**
 * The JSON shapes of `sase telemetry ... -j` / `-f json`.
 *
 * @module
 */

import type { MetricDefinition } from "./catalog.ts";
import type { HealthReport } from "./health.ts";
import type { Sample } from "./parse.ts";

/** One catalog metric. */
export interface MetricWire {
  name: string;
  type: string;
  labels: string[];
  subsystem: string;
  help: string;
}

/** `sase telemetry snapshot -f json`. */
export interface SnapshotWire {
  source: string;
  url: string;
  samples: { name: string; labels: Record<string, string>; value: number | string }[];
}

/** `sase telemetry health -j`. */
export interface HealthWire {
  status: string;
  source: string;
  checks: { subsystem: string; check: string; value: number; status: string; detail: string }[];
}

/** A catalog metric as JSON. */
export function metricWire(metric: MetricDefinition): MetricWire {
  return { ...metric, labels: [...metric.labels] };
}

/** A snapshot as JSON (infinities as the strings Prometheus writes). */
export function snapshotWire(
  source: string,
  url: string,
  samples: readonly Sample[],
): SnapshotWire {
  return {
    source,
    url,
    samples: samples.map((s) => ({
      name: s.name,
      labels: s.labels,
      value: Number.isFinite(s.value) ? s.value : s.value > 0 ? "+Inf" : "-Inf",
    })),
  };
}

/** A health report as JSON. */
export function healthWire(report: HealthReport, source: string): HealthWire {
  return { status: report.status, source, checks: report.checks };
}
