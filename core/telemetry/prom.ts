/**
 * Telemetry on: the catalog's metrics in a `prom-client` registry, its
 * text exposition, and pushes to the Push Gateway. Imported only when
 * `telemetry.enabled` is true.
 *
 * @module
 */

import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { SaseError } from "../errors.ts";
import { METRICS } from "./catalog.ts";
import type { TelemetrySettings } from "./settings.ts";
import type { Labels, Telemetry } from "./model.ts";

/** Durations from a second to an hour: agent runs, hooks and LLM calls all fit. */
const BUCKETS = [0.1, 0.5, 1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

type Metric = Counter<string> | Gauge<string> | Histogram<string>;

/** A registry holding every metric of the catalog. */
export function catalogRegistry(): { registry: Registry; metrics: Map<string, Metric> } {
  const registry = new Registry();
  const metrics = new Map<string, Metric>();
  for (const definition of METRICS) {
    const options = {
      name: definition.name,
      help: definition.help,
      labelNames: [...definition.labels],
      registers: [registry],
    };
    metrics.set(
      definition.name,
      definition.type === "counter"
        ? new Counter(options)
        : definition.type === "gauge"
        ? new Gauge(options)
        : new Histogram({ ...options, buckets: BUCKETS }),
    );
  }
  return { registry, metrics };
}

/** The Prometheus-backed telemetry of `settings`. */
export function promTelemetry(settings: TelemetrySettings): Telemetry {
  const { registry, metrics } = catalogRegistry();
  const find = <T extends Metric>(name: string, kind: new (...args: never[]) => T): T => {
    const metric = metrics.get(name);
    if (metric instanceof kind) return metric;
    throw new SaseError("telemetry.unknown_metric", `no ${kind.name.toLowerCase()} '${name}'`, {
      kind: "internal",
    });
  };
  return {
    enabled: true,
    inc: (name, labels: Labels = {}, value = 1) => find(name, Counter).inc(labels, value),
    add: (name, labels, delta) => find(name, Gauge).inc(labels, delta),
    set: (name, labels, value) => find(name, Gauge).set(labels, value),
    observe: (name, labels, value) => find(name, Histogram).observe(labels, value),
    exposition: () => registry.metrics(),
    async push(job) {
      // One group per process, so concurrent runners never overwrite each other's samples.
      const url = `${settings.pushgatewayUrl}/metrics/job/${encodeURIComponent(job)}/instance/` +
        `${encodeURIComponent(`${Deno.hostname()}-${Deno.pid}`)}`;
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": registry.contentType },
        body: await registry.metrics(),
        signal: AbortSignal.timeout(5000),
      });
      await response.body?.cancel();
      if (!response.ok) {
        throw new SaseError(
          "telemetry.push",
          `the Push Gateway at ${settings.pushgatewayUrl} answered ${response.status}`,
          { kind: "unavailable" },
        );
      }
    },
  };
}
