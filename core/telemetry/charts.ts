/**
 * Charts mode of `sase telemetry dashboard` (handbook 18.4.4): six series
 * from Prometheus range queries (`telemetry.prometheus.url`), drawn as
 * terminal sparklines. A Prometheus that does not answer yields `undefined`
 * so the dashboard falls back to its summary.
 *
 * @module
 */

import type { TelemetrySettings } from "./settings.ts";

/** The charts, each a PromQL query. */
export const CHARTS: readonly { title: string; query: string; subsystem: string }[] = [
  {
    title: "Agent Run Duration (p95, s)",
    query:
      "histogram_quantile(0.95, sum by (le) (rate(sase_agent_run_duration_seconds_bucket[5m])))",
    subsystem: "Agent Lifecycle",
  },
  { title: "Active Agents", query: "sum(sase_agent_active)", subsystem: "Agent Lifecycle" },
  {
    title: "Agent Throughput (runs/min)",
    query: "60 * sum(rate(sase_agent_runs_total[5m]))",
    subsystem: "Agent Lifecycle",
  },
  {
    title: "LLM Token Usage (tokens/min)",
    query:
      "60 * sum(rate(sase_llm_input_tokens_total[5m]) + rate(sase_llm_output_tokens_total[5m]))",
    subsystem: "LLM Provider",
  },
  {
    title: "LLM Latency (p95, s)",
    query:
      "histogram_quantile(0.95, sum by (le) (rate(sase_llm_invocation_duration_seconds_bucket[5m])))",
    subsystem: "LLM Provider",
  },
  {
    title: "Error Rate (%)",
    query:
      '100 * sum(rate(sase_agent_runs_total{status="failed"}[5m])) / sum(rate(sase_agent_runs_total[5m]))',
    subsystem: "Agent Lifecycle",
  },
];

const RANGES: Readonly<Record<string, number>> = {
  "1h": 3600,
  "6h": 21600,
  "24h": 86400,
  "7d": 604800,
};
const BARS = "▁▂▃▄▅▆▇█";

/** `values` as a sparkline of block characters (`·` for gaps). */
export function sparkline(values: readonly (number | null)[]): string {
  const real = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (real.length === 0) return "(no data)";
  const low = Math.min(...real);
  const span = Math.max(...real) - low || 1;
  return values.map((v) =>
    v === null || !Number.isFinite(v)
      ? "·"
      : BARS[Math.round(((v - low) / span) * (BARS.length - 1))]
  ).join("");
}

/** One chart's points over `range`, 60 steps; `undefined` when Prometheus does not answer. */
async function series(
  settings: TelemetrySettings,
  query: string,
  range: string,
  now: Date,
): Promise<(number | null)[] | undefined> {
  const seconds = RANGES[range] ?? 3600;
  const end = Math.floor(now.getTime() / 1000);
  const step = Math.max(1, Math.floor(seconds / 60));
  const params = new URLSearchParams({
    query,
    start: String(end - seconds),
    end: String(end),
    step: String(step),
  });
  try {
    const response = await fetch(`${settings.prometheusUrl}/api/v1/query_range?${params}`, {
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) {
      await response.body?.cancel();
      return undefined;
    }
    const body = await response.json();
    const points = new Map<number, number>();
    for (const [at, value] of body?.data?.result?.[0]?.values ?? []) {
      points.set(Number(at), Number(value));
    }
    return Array.from({ length: 61 }, (_, i) => points.get(end - seconds + i * step) ?? null);
  } catch {
    return undefined;
  }
}

/** The charts (of `subsystem` only, when given) as text; `undefined` when Prometheus is unreachable. */
export async function renderCharts(
  settings: TelemetrySettings,
  range: string,
  subsystem: string | undefined,
  now: Date,
): Promise<string | undefined> {
  const charts = CHARTS.filter((c) => subsystem === undefined || c.subsystem === subsystem);
  const lines: string[] = [];
  for (const chart of charts) {
    const points = await series(settings, chart.query, range, now);
    if (points === undefined) return undefined;
    const last = [...points].reverse().find((p) => p !== null);
    lines.push(`${chart.title}  last: ${last ?? "-"}`, `  ${sparkline(points)}`, "");
  }
  return lines.join("\n");
}
