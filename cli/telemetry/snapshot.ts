/**
 * `sase telemetry snapshot`: current values from the Push Gateway or the
 * axe exposition endpoint, as a table, JSON or Prometheus text.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { fetchMetrics, type MetricSource } from "../../core/telemetry/scrape.ts";
import { telemetrySettings } from "../../core/telemetry/settings.ts";
import { snapshotSamples, snapshotText, subsystemNamed } from "../../core/telemetry/snapshot.ts";
import { snapshotWire } from "../../core/telemetry/wire.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { formatTable, printJson } from "../shared/output.ts";

/** Run `sase telemetry snapshot`. */
export async function runSnapshot(
  app: AppContext,
  options: { source: MetricSource; format: "rich" | "json" | "prometheus"; subsystem?: string },
): Promise<void> {
  const subsystem = options.subsystem === undefined ? undefined : subsystemNamed(options.subsystem);
  const settings = telemetrySettings((await app.config()).config);
  const scraped = await fetchMetrics(settings, options.source);
  if (options.format === "prometheus") {
    return void Deno.stdout.writeSync(
      new TextEncoder().encode(snapshotText(scraped.text, subsystem)),
    );
  }
  const samples = snapshotSamples(scraped.text, subsystem);
  if (options.format === "json") {
    return printJson(snapshotWire(scraped.source, scraped.url, samples));
  }
  const inert = (text: string) => neutralizeControls(text, { keepLayout: false });
  console.log(`source: ${scraped.source} (${scraped.url})\n`);
  console.log(formatTable(
    ["METRIC", "LABELS", "VALUE"],
    samples.map((s) => [
      s.name,
      inert(Object.entries(s.labels).map(([k, v]) => `${k}=${v}`).join(",")) || "-",
      String(s.value),
    ]),
  ));
}
