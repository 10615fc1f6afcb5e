/**
 * `sase telemetry status`: on or off, metric counts by type, and whether
 * the Push Gateway and the axe exposition endpoint answer (probed only when
 * telemetry is on).
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { METRICS } from "../../core/telemetry/catalog.ts";
import { reachable, sourceUrl } from "../../core/telemetry/scrape.ts";
import { telemetrySettings } from "../../core/telemetry/settings.ts";
import { printJson } from "../shared/output.ts";

const ENABLE_SNIPPET = "telemetry:\n  enabled: true";

/** Run `sase telemetry status`. */
export async function runStatus(app: AppContext, options: { json?: boolean }): Promise<void> {
  const settings = telemetrySettings((await app.config()).config);
  const counts = Object.fromEntries(
    (["counter", "gauge", "histogram"] as const).map((type) => [
      type,
      METRICS.filter((m) => m.type === type).length,
    ]),
  );
  const endpoints = settings.enabled
    ? await Promise.all((["pushgateway", "exposition"] as const).map(async (source) => {
      const url = sourceUrl(settings, source);
      return { source, url, reachable: await reachable(url) };
    }))
    : [];
  if (options.json) {
    return printJson({
      enabled: settings.enabled,
      metrics: METRICS.length,
      by_type: counts,
      exposition_port: settings.expositionPort,
      pushgateway_url: settings.pushgatewayUrl,
      prometheus_url: settings.prometheusUrl,
      endpoints,
    });
  }
  console.log(`telemetry: ${settings.enabled ? "enabled" : "disabled"}`);
  console.log(
    `metrics: ${METRICS.length} (${counts.counter} counters, ${counts.gauge} gauges, ${counts.histogram} histograms)`,
  );
  if (!settings.enabled) {
    console.log(`\nTo enable it, add to ~/.config/sase/sase.yml:\n\n${ENABLE_SNIPPET}`);
    return;
  }
  for (const endpoint of endpoints) {
    console.log(
      `${endpoint.source}: ${endpoint.url} ${endpoint.reachable ? "reachable" : "unreachable"}`,
    );
  }
}
