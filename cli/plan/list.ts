/**
 * `sase plan list`: pending, recently approved and rejected proposals.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { proposalDashboard, type ProposalRow } from "../../core/sdd/proposals.ts";
import { proposalDashboardWire } from "../../core/sdd/wire.ts";
import { formatTable, printJson, style } from "../shared/output.ts";
import { inert } from "./inert.ts";

function section(title: string, list: ProposalRow[], detail: (row: ProposalRow) => string): void {
  console.log(style("bold", `${title} (${list.length})`));
  if (list.length === 0) return console.log("  none");
  console.log(
    formatTable(
      ["ID", "TIER", "TITLE", "DETAIL"],
      list.map((row) => [row.idPrefix, inert(row.tier), inert(row.title), inert(detail(row))]),
    ),
  );
}

/** Run `sase plan list`. */
export async function runList(app: AppContext, options: { json?: boolean }): Promise<void> {
  const dashboard = await proposalDashboard(app.env);
  if (options.json) return printJson(proposalDashboardWire(dashboard));
  section("Proposed", dashboard.proposed, (row) => row.planFile ?? "-");
  section(
    "Approved",
    dashboard.approved,
    (row) => `${row.kind ?? "approve"}${row.savedPlanPath ? ` → ${row.savedPlanPath}` : ""}`,
  );
  section("Rejected", dashboard.rejected, (row) => row.planFile ?? "-");
}
