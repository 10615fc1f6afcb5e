/**
 * The wire format of `sase doctor`: the check list (`-L -j`) and the
 * support report (`-j`, `schema_version` 1), as the CLI prints them and
 * the gateway will send them.
 *
 * @module
 */

import type { DoctorReport } from "./model.ts";

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

/**
 * `sase doctor -j`. The report model already has the contract's shape
 * (`core/doctor/model.ts`); this is the seam front doors print through.
 */
export type DoctorReportWire = DoctorReport;

/** A doctor report in wire form. */
export function doctorReportWire(report: DoctorReport): DoctorReportWire {
  return report;
}
