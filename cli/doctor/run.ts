/**
 * `sase doctor`: the checks' report, grouped, or the check list.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { saseHome } from "../../core/config/paths.ts";
import { type CheckStatus, doctorExitCode, type DoctorReport } from "../../core/doctor/model.ts";
import { allChecks, makeDoctorContext, runDoctor } from "../../core/doctor/registry.ts";
import { doctorCheckListWire, doctorReportWire } from "../../core/doctor/wire.ts";
import { plural } from "../../core/text/plural.ts";
import { printJson, style, type StyleName } from "../shared/output.ts";
import { importOnDemand } from "../../core/on_demand.ts";

const STATUS_STYLE: Record<CheckStatus, StyleName> = {
  OK: "green",
  WARN: "yellow",
  ERROR: "red",
  SKIP: "dim",
};

/** Human rendering: groups in order; compact mode hides OK/SKIP details. */
function renderReport(report: DoctorReport, verbose: boolean): string {
  const lines: string[] = [];
  const groups = [...new Set(report.checks.map((check) => check.group))];
  for (const group of groups) {
    const checks = report.checks.filter((check) => check.group === group);
    lines.push(style("bold", group));
    for (const check of checks) {
      if (!verbose && check.status === "OK") continue;
      const label = style(STATUS_STYLE[check.status], check.status.padEnd(5));
      lines.push(`  ${label} ${check.id}: ${check.summary}`);
      if (verbose) { for (const detail of check.details) lines.push(`          ${detail}`); }
      for (const step of check.nextSteps) {
        lines.push(`          ${style("cyan", "next:")} ${step}`);
      }
    }
    const ok = checks.filter((check) => check.status === "OK").length;
    if (!verbose && ok === checks.length) {
      lines.push(`  ${style("green", "OK")}    ${plural(ok, "check")}`);
    }
  }
  const counts = Object.entries(report.counts).map(([status, count]) => `${count} ${status}`).join(
    ", ",
  );
  lines.push("", `${style(STATUS_STYLE[report.status], report.status)} (${counts})`);
  return lines.join("\n");
}

/** Options of `sase doctor`. */
export interface DoctorCliOptions {
  json?: boolean;
  verbose?: boolean;
  deep?: boolean;
  strict?: boolean;
  listChecks?: boolean;
  check: string[];
  project?: string;
}

/** Run `sase doctor`: exit 1 on errors (and on warnings with `--strict`). */
export async function runDoctorCommand(app: AppContext, options: DoctorCliOptions): Promise<void> {
  if (options.listChecks) {
    const list = doctorCheckListWire(allChecks());
    if (options.json) return printJson(list);
    for (const row of list.checks) {
      console.log(`${row.id.padEnd(24)} ${row.deep ? "deep   " : "default"}  ${row.title}`);
    }
    return;
  }
  const context = makeDoctorContext({
    env: app.env,
    cwd: app.cwd,
    saseHome: saseHome(app.env),
    // The compact human report only counts OK checks.
    detailed: (options.json ?? false) || (options.verbose ?? false),
    project: options.project === undefined
      ? null
      // Only `-p` needs the project registry (and the ProjectSpec reader behind it).
      : await (await importOnDemand<typeof import("../../core/workspace/known_project.ts")>(
        "../../core/workspace/known_project.ts",
        import.meta.url,
      )).requireKnownProject(
        options.project,
        app.env,
      ),
  });
  const report = await runDoctor(context, {
    selections: options.check,
    deep: options.deep ?? false,
    strict: options.strict ?? false,
  });
  if (options.json) printJson(doctorReportWire(report));
  else console.log(renderReport(report, options.verbose ?? false));
  Deno.exitCode = doctorExitCode(report.status, options.strict ?? false);
}
