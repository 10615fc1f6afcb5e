/**
 * The wire format of `sase doctor`: the check list (`-L -j`) and the
 * support report (`-j`, `schema_version` 1), as the CLI prints them and
 * the gateway will send them.
 *
 * @module
 */

import type { CheckStatus, DoctorReport } from "./model.ts";

/** One check of `sase doctor -L -j`. */
export interface DoctorCheckWire {
  id: string;
  group: string;
  title: string;
  /** Runs only with `-D/--deep` (or when selected by id). */
  deep: boolean;
}

/** `sase doctor -L -j`. */
export interface DoctorCheckListWire {
  schema_version: 1;
  checks: DoctorCheckWire[];
}

/** The available checks in wire form. */
export function doctorCheckListWire(
  checks: readonly { id: string; group: string; title: string; deep?: boolean }[],
): DoctorCheckListWire {
  return {
    schema_version: 1,
    checks: checks.map((check) => ({
      id: check.id,
      group: check.group,
      title: check.title,
      deep: check.deep ?? false,
    })),
  };
}

/** One check's result in `sase doctor -j`. */
export interface CheckResultWire {
  id: string;
  group: string;
  status: CheckStatus;
  title: string;
  summary: string;
  details: string[];
  next_steps: string[];
  data: Record<string, unknown>;
  duration_ms: number;
}

/** `sase doctor -j`: the support report, the original's contract (schema_version 1). */
export interface DoctorReportWire {
  schema_version: 1;
  command: "doctor";
  status: CheckStatus;
  generated_at: string;
  cwd: string;
  project: string | null;
  sase_home: string;
  deep: boolean;
  strict: boolean;
  selected_checks: string[];
  counts: Record<CheckStatus, number>;
  checks: CheckResultWire[];
}

/** A doctor report in wire form. */
export function doctorReportWire(report: DoctorReport): DoctorReportWire {
  return {
    schema_version: 1,
    command: "doctor",
    status: report.status,
    generated_at: report.generatedAt,
    cwd: report.cwd,
    project: report.project,
    sase_home: report.saseHome,
    deep: report.deep,
    strict: report.strict,
    selected_checks: report.selectedChecks,
    counts: report.counts,
    checks: report.checks.map((check) => ({
      id: check.id,
      group: check.group,
      status: check.status,
      title: check.title,
      summary: check.summary,
      details: check.details,
      next_steps: check.nextSteps,
      data: check.data,
      duration_ms: check.durationMs,
    })),
  };
}
