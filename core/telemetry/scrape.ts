/**
 * Fetching current metric values (handbook 18.4.3): from the Push Gateway
 * (what short-lived processes pushed) or from the axe exposition endpoint.
 * `auto` asks the Push Gateway first, then the exposition endpoint.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import type { TelemetrySettings } from "./settings.ts";

/** Where metric values come from. */
export type MetricSource = "auto" | "pushgateway" | "exposition";

/** The metric sources a `--source` flag accepts. */
export const METRIC_SOURCES: readonly MetricSource[] = ["auto", "pushgateway", "exposition"];

/** What a source answered. */
export interface Scraped {
  source: "pushgateway" | "exposition";
  url: string;
  text: string;
}

/** The metrics URL of `source`. */
export function sourceUrl(settings: TelemetrySettings, source: Scraped["source"]): string {
  return source === "pushgateway"
    ? `${settings.pushgatewayUrl}/metrics`
    : `http://127.0.0.1:${settings.expositionPort}/metrics`;
}

/** Whether `url` answers at all within a short timeout. */
export async function reachable(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

async function scrape(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`HTTP ${response.status}`);
  }
  return await response.text();
}

/** The current metrics from `source`; `SaseError` (unavailable) naming every URL tried. */
export async function fetchMetrics(
  settings: TelemetrySettings,
  source: MetricSource,
): Promise<Scraped> {
  const order: Scraped["source"][] = source === "auto" ? ["pushgateway", "exposition"] : [source];
  const tried: string[] = [];
  for (const candidate of order) {
    const url = sourceUrl(settings, candidate);
    try {
      return { source: candidate, url, text: await scrape(url) };
    } catch (error) {
      tried.push(`${url} (${error instanceof Error ? error.message : error})`);
    }
  }
  throw new SaseError("telemetry.unreachable", `no metrics source answered: ${tried.join("; ")}`, {
    hint: "start the monitoring stack (sase telemetry export-config) or the axe daemon",
    kind: "unavailable",
  });
}
