/**
 * `sase telemetry health`: traffic lights per subsystem; exits 0 healthy,
 * 1 WARN, 2 CRITICAL.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { assessHealth, healthExitCode } from "../../core/telemetry/health.ts";
import { fetchMetrics, type MetricSource } from "../../core/telemetry/scrape.ts";
import { telemetrySettings } from "../../core/telemetry/settings.ts";
import { snapshotSamples } from "../../core/telemetry/snapshot.ts";
import { healthWire } from "../../core/telemetry/wire.ts";
import { formatTable, printJson } from "../shared/output.ts";

/** Run `sase telemetry health`. */
export async function runHealth(
  app: AppContext,
  options: { source: MetricSource; json?: boolean },
): Promise<void> {
  const settings = telemetrySettings((await app.config()).config);
  const scraped = await fetchMetrics(settings, options.source);
  const report = assessHealth(snapshotSamples(scraped.text), settings.thresholds);
  if (options.json) printJson(healthWire(report, scraped.source));
  else {
    console.log(formatTable(
      ["SUBSYSTEM", "CHECK", "VALUE", "STATUS", "DETAIL"],
      report.checks.map((c) => [c.subsystem, c.check, `${c.value}%`, c.status, c.detail]),
    ));
    console.log(`\n${report.status}${report.checks.length ? "" : " (no data recorded yet)"}`);
  }
  Deno.exitCode = healthExitCode(report.status);
}
