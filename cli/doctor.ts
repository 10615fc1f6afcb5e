/**
 * `sase doctor`: read-only support diagnostics.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { JSON_FLAG, printJson, style, type StyleName } from "./shared/output.ts";
import { allChecks, makeDoctorContext, runDoctor } from "../core/doctor/registry.ts";
import { type CheckStatus, doctorExitCode, type DoctorReport } from "../core/doctor/model.ts";
import { processEnv, saseHome } from "../core/config/paths.ts";
import { requireKnownProject } from "../core/known_project.ts";
import { plural } from "../core/text/plural.ts";

const STATUS_STYLE: Record<CheckStatus, StyleName> = {
  OK: "green",
  WARN: "yellow",
  ERROR: "red",
  SKIP: "dim",
};

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Human rendering: groups in order; compact mode hides OK/SKIP details. */
export function renderReport(report: DoctorReport, verbose: boolean): string {
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
      for (const step of check.next_steps) {
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

/** Register `sase doctor`. */
export function register(program: Command): void {
  program
    .command("doctor")
    .description("Run read-only install, config, provider, project and state diagnostics")
    .option(JSON_FLAG, "emit the schema_version 1 JSON support report")
    .option("-v, --verbose", "show every check plus bounded details")
    .option("-D, --deep", "include slower read-only deep checks")
    .option("-s, --strict", "exit non-zero for warnings as well as errors")
    .option("-L, --list-checks", "list check ids without running them")
    .option("-C, --check <id|group>", "run only this check id or group (repeatable)", collect, [])
    .option("-p, --project <name>", "inspect a named project")
    .action(async (options) => {
      if (options.listChecks) {
        const rows = allChecks().map((check) => ({
          id: check.id,
          group: check.group,
          title: check.title,
          deep: check.deep ?? false,
        }));
        if (options.json) printJson({ schema_version: 1, checks: rows });
        else {
          for (const row of rows) {
            console.log(`${row.id.padEnd(24)} ${row.deep ? "deep   " : "default"}  ${row.title}`);
          }
        }
        return;
      }
      const env = processEnv();
      const context = makeDoctorContext({
        env,
        cwd: Deno.cwd(),
        saseHome: saseHome(env),
        project: options.project === undefined
          ? null
          : await requireKnownProject(options.project, env),
      });
      const report = await runDoctor(context, {
        selections: options.check,
        deep: options.deep ?? false,
        strict: options.strict ?? false,
      });
      if (options.json) printJson(report);
      else console.log(renderReport(report, options.verbose ?? false));
      Deno.exitCode = doctorExitCode(report.status, options.strict ?? false);
    });
}
