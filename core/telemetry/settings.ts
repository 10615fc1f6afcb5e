/**
 * The effective `telemetry:` settings (handbook 18.3) as typed values, with
 * the handbook's defaults for keys the configuration leaves out.
 *
 * @module
 */

import type { SaseConfig } from "../config/types.ts";

/** Health thresholds: percentages, and p95 latencies in seconds. */
export interface HealthThresholds {
  errorRateWarn: number;
  errorRateCritical: number;
  retryRateWarn: number;
  retryRateCritical: number;
  p95LatencyWarn: number;
  p95LatencyCritical: number;
}

/** Everything telemetry reads from the configuration. */
export interface TelemetrySettings {
  enabled: boolean;
  expositionPort: number;
  /** The Push Gateway's base URL (`http://` added to a bare `host:port`). */
  pushgatewayUrl: string;
  /** The Prometheus API's base URL (charts mode). */
  prometheusUrl: string;
  thresholds: HealthThresholds;
}

/** `address` as a base URL without a trailing slash: `localhost:9091` → `http://localhost:9091`. */
export function baseUrl(address: string): string {
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(address) ? address : `http://${address}`;
  return url.replace(/\/+$/, "");
}

/** The settings of `config` (defaults: off, port 9464, `localhost:9091`, `localhost:9090`). */
export function telemetrySettings(config: SaseConfig): TelemetrySettings {
  const telemetry = config.telemetry ?? {};
  const prometheus = telemetry.prometheus ?? {};
  const t = telemetry.health_thresholds ?? {};
  return {
    enabled: telemetry.enabled ?? false,
    expositionPort: prometheus.exposition_port ?? 9464,
    pushgatewayUrl: baseUrl(prometheus.pushgateway_url ?? "localhost:9091"),
    prometheusUrl: baseUrl(prometheus.url ?? "localhost:9090"),
    thresholds: {
      errorRateWarn: t.error_rate_warn ?? 10,
      errorRateCritical: t.error_rate_critical ?? 25,
      retryRateWarn: t.retry_rate_warn ?? 10,
      retryRateCritical: t.retry_rate_critical ?? 25,
      p95LatencyWarn: t.p95_latency_warn ?? 300,
      p95LatencyCritical: t.p95_latency_critical ?? 600,
    },
  };
}
