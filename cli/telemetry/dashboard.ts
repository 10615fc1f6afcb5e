/**
 * `sase telemetry dashboard`: a live view redrawn every `--interval`
 * seconds until Ctrl-C (`--once` draws one frame). Summary mode shows the
 * active gauges and each subsystem's current values; `-c` draws charts from
 * Prometheus history and falls back to the summary when Prometheus does not
 * answer.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { usageError } from "../../core/errors.ts";
import { METRICS, SUBSYSTEMS } from "../../core/telemetry/catalog.ts";
import { renderCharts } from "../../core/telemetry/charts.ts";
import { fetchMetrics, type MetricSource } from "../../core/telemetry/scrape.ts";
import { type TelemetrySettings, telemetrySettings } from "../../core/telemetry/settings.ts";
import { metricOf, snapshotSamples, subsystemNamed } from "../../core/telemetry/snapshot.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { formatTable } from "../shared/output.ts";

interface DashboardOptions {
  interval: number;
  source: MetricSource;
  charts?: boolean;
  range: string;
  subsystem?: string;
  once?: boolean;
}

async function summary(settings: TelemetrySettings, options: DashboardOptions, subsystem?: string) {
  let samples;
  let source;
  try {
    const scraped = await fetchMetrics(settings, options.source);
    samples = snapshotSamples(scraped.text, subsystem);
    source = `${scraped.source} (${scraped.url})`;
  } catch (error) {
    return `no metrics: ${error instanceof Error ? error.message : error}`;
  }
  const sum = (name: string) =>
    samples.filter((s) => s.name === name).reduce((a, s) => a + s.value, 0);
  const lines = [
    `source: ${source}`,
    `Active Agents: ${sum("sase_agent_active")}   Active Workspaces: ${
      sum("sase_workspace_active")
    }   Active Beads: ${sum("sase_bead_active")}`,
    "",
  ];
  const inert = (text: string) => neutralizeControls(text, { keepLayout: false });
  for (const group of SUBSYSTEMS) {
    const names = new Set(METRICS.filter((m) => m.subsystem === group).map((m) => m.name));
    const mine = samples.filter((s) =>
      names.has(metricOf(s.name) ?? "") && !s.name.endsWith("_bucket")
    );
    if (mine.length === 0) continue;
    lines.push(
      group,
      formatTable(
        ["METRIC", "LABELS", "VALUE"],
        mine.map((s) => [s.name, inert(Object.values(s.labels).join(",")) || "-", String(s.value)]),
      ),
      "",
    );
  }
  return lines.join("\n");
}

/** Run `sase telemetry dashboard`. */
export async function runDashboard(app: AppContext, options: DashboardOptions): Promise<void> {
  if (options.interval < 1) throw usageError("--interval must be at least 1 second");
  const subsystem = options.subsystem === undefined ? undefined : subsystemNamed(options.subsystem);
  const settings = telemetrySettings((await app.config()).config);
  const frame = async () => {
    const charts = options.charts
      ? await renderCharts(settings, options.range, subsystem, app.now())
      : undefined;
    const body = charts ??
      (options.charts ? `Prometheus at ${settings.prometheusUrl} unreachable: summary\n\n` : "") +
        await summary(settings, options, subsystem);
    return `sase telemetry — ${app.now().toISOString()}\n\n${body}\n`;
  };
  if (options.once || !Deno.stdout.isTerminal()) return void console.log(await frame());
  const stop = Promise.withResolvers<void>();
  const onSignal = () => stop.resolve();
  Deno.addSignalListener("SIGINT", onSignal);
  try {
    while (true) {
      const text = await frame();
      // Clear the screen and home the cursor before each frame.
      console.log(`\x1b[2J\x1b[H${text}(Ctrl-C to quit)`);
      const timer = new Promise<"tick">((resolve) =>
        setTimeout(() => resolve("tick"), options.interval * 1000)
      );
      if (await Promise.race([timer, stop.promise.then(() => "stop" as const)]) === "stop") break;
    }
  } finally {
    Deno.removeSignalListener("SIGINT", onSignal);
  }
}
