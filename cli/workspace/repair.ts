/**
 * `sase workspace repair`: release dead claims and reconcile registries.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { repairProjectWorkspaces } from "../../core/workspace/manage.ts";
import type { RepairReport } from "../../core/workspace/repair.ts";
import { repairReportWire } from "../../core/workspace/wire.ts";
import { printJson } from "../shared/output.ts";

function printRepair(report: RepairReport): void {
  const verb = report.dryRun ? "would " : "";
  let changes = 0;
  for (const project of report.projects) {
    for (const claim of project.released) {
      changes++;
      console.log(
        `${project.project}: ${verb}release #${claim.workspace} (dead pid ${claim.pid}, ${
          claim.changespec || claim.workflow
        })`,
      );
    }
    for (const num of project.dropped) {
      changes++;
      console.log(`${project.project}: ${verb}drop registry row #${num} (checkout is gone)`);
    }
    for (const num of project.rematerialized) {
      changes++;
      console.log(`${project.project}: ${verb}re-create checkout #${num} (live claim)`);
    }
  }
  if (changes === 0) console.log("Nothing to repair.");
}

/** Run `sase workspace repair`. */
export async function runRepair(
  app: AppContext,
  options: { project?: string; dryRun?: boolean; json?: boolean },
): Promise<void> {
  const report = await repairProjectWorkspaces(app, options);
  if (options.json) printJson(repairReportWire(report));
  else printRepair(report);
}
