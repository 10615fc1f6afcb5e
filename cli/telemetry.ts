/**
 * `sase telemetry`: the metric catalog, live values, health and the
 * monitoring stack (handbook 18.4). Bare `sase telemetry` runs `list`.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { importOnDemand } from "../core/on_demand.ts";
import { JSON_FLAG, JSON_HELP } from "./shared/output.ts";
import { nonNegativeInt } from "./shared/options.ts";

const SOURCES = ["auto", "pushgateway", "exposition"] as const;

function load<T>(file: string): Promise<T> {
  return importOnDemand<T>(`./telemetry/${file}.ts`, import.meta.url);
}

/** Register `sase telemetry`. */
export function register(program: Command, app: AppContext): void {
  const telemetry = program
    .command("telemetry")
    .description("Prometheus telemetry: metric catalog, live values, health, monitoring stack");
  telemetry.command("status")
    .description("Show whether telemetry is on, metric counts by type, and endpoint reachability")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) =>
      (await load<typeof import("./telemetry/status.ts")>("status")).runStatus(app, options)
    );
  telemetry.command("list")
    .description("List the metric catalog, grouped by subsystem")
    .option("-s, --subsystem <name>", 'only this subsystem, e.g. "Agent Lifecycle"')
    .addOption(
      telemetry.createOption("-t, --type <type>", "only this metric type")
        .choices(["counter", "gauge", "histogram"] as const),
    )
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) =>
      (await load<typeof import("./telemetry/list.ts")>("list")).runList(options)
    );
  telemetry.command("snapshot")
    .description("Fetch current metric values from the Push Gateway or the axe endpoint")
    .addOption(
      telemetry.createOption("-S, --source <source>", "data source").choices(SOURCES).default(
        "auto" as const,
      ),
    )
    .addOption(
      telemetry.createOption("-f, --format <format>", "output format")
        .choices(["rich", "json", "prometheus"] as const).default("rich" as const),
    )
    .option("-s, --subsystem <name>", "only this subsystem")
    .action(async (options) =>
      (await load<typeof import("./telemetry/snapshot.ts")>("snapshot")).runSnapshot(app, options)
    );
  telemetry.command("dashboard")
    .description("Live summary of current values (-c: charts from Prometheus history)")
    .option("-i, --interval <seconds>", "refresh interval", nonNegativeInt("--interval"), 5)
    .addOption(
      telemetry.createOption("-S, --source <source>", "data source for the summary")
        .choices(SOURCES).default("auto" as const),
    )
    .option("-c, --charts", "charts from Prometheus range queries (summary when unreachable)")
    .addOption(
      telemetry.createOption("-r, --range <range>", "charts' time range")
        .choices(["1h", "6h", "24h", "7d"] as const).default("1h" as const),
    )
    .option("-s, --subsystem <name>", "focus on one subsystem")
    .option("--once", "draw once and exit (for scripts)")
    .action(async (options) =>
      (await load<typeof import("./telemetry/dashboard.ts")>("dashboard")).runDashboard(
        app,
        options,
      )
    );
  telemetry.command("health")
    .description("Traffic-light health per subsystem; exit 0 healthy, 1 WARN, 2 CRITICAL")
    .option(JSON_FLAG, JSON_HELP)
    .addOption(
      telemetry.createOption("-S, --source <source>", "data source").choices(SOURCES).default(
        "auto" as const,
      ),
    )
    .action(async (options) =>
      (await load<typeof import("./telemetry/health.ts")>("health")).runHealth(app, options)
    );
  telemetry.command("export-config")
    .description("Write the Docker Compose monitoring stack (Prometheus, Push Gateway, Grafana)")
    .option("-o, --output-dir <dir>", "target directory", "./sase-monitoring")
    .option("-f, --force", "overwrite a target directory that is not empty")
    .action(async (options) =>
      (await load<typeof import("./telemetry/export_config.ts")>("export_config"))
        .runExportConfig(app, options)
    );
}
