/**
 * `sase revive-log`: read back the agent revival audit log
 * (`SASE_HOME/logs/events.jsonl`): the last 20 records by default.
 *
 * @module
 */

import { type Command, Option } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { formatTable, style } from "./shared/output.ts";
import { importOnDemand } from "../core/on_demand.ts";

/** Run `sase revive-log`: a table, or with `-j` one record (as logged) per line. */
async function runReviveLog(
  app: AppContext,
  options: { all?: boolean; since?: string; outcome?: "success" | "failure"; json?: boolean },
): Promise<void> {
  const { parseDateRange, reviveLog } = await importOnDemand<
    typeof import("../core/agent/records/revive_log.ts")
  >("../core/agent/records/revive_log.ts", import.meta.url);
  const since = options.since === undefined ? undefined : parseDateRange(options.since, app.now());
  const rows = await reviveLog(app, { since, outcome: options.outcome, all: options.all });
  if (options.json) {
    for (const row of rows) console.log(JSON.stringify(row));
    return;
  }
  if (rows.length === 0) {
    console.log("No agent revival records.");
    return;
  }
  console.log(formatTable(
    ["TIMESTAMP", "EVENT", "OUTCOME", "BATCH", "AGENT", "DETAIL"],
    rows.map((row) => [
      row.timestamp,
      row.event,
      row.outcome === "failure"
        ? style("red", row.outcome)
        : row.outcome
        ? style("green", row.outcome)
        : "-",
      String(row.batch_size ?? "-"),
      [row.cl_name, row.raw_suffix].filter(Boolean).join("/") || "-",
      row.stage
        ? `${row.stage}: ${row.error_message ?? row.reason ?? ""}`.trim()
        : row.bundle_path ?? "-",
    ]),
  ));
}

/** Register `sase revive-log`. */
export function register(program: Command, app: AppContext): void {
  program
    .command("revive-log")
    .description("Inspect the agent revival audit log (start / success / failure events)")
    .option("-a, --all", "every record (default: the last 20)")
    .option("-s, --since <daterange>", "records in a date range: -7d, 260318, 260315..260318")
    .addOption(
      new Option("-o, --outcome <outcome>", "only successes or failures")
        .choices(["success", "failure"] as const),
    )
    .option("-j, --json", "one JSON object per line")
    .action((options) => runReviveLog(app, options));
}
