/**
 * Printing a launch plan (`sase prompt run --dry-run`).
 *
 * @module
 */

import type { LaunchPlan } from "../../core/xprompt/launch_plan.ts";
import { launchPlanWire } from "../../core/xprompt/wire.ts";
import { formatTable, printJson } from "../shared/output.ts";

function describeTime(plan: LaunchPlan["entries"][number]): string {
  if (!plan.time) return "";
  return plan.time.kind === "duration" ? `+${plan.time.seconds}s` : plan.time.at.toISOString();
}

/** Print the plan as a table and each agent's prompt (or, with `json`, its wire form). */
export function printPlan(plan: LaunchPlan, json: boolean): void {
  if (json) {
    printJson(launchPlanWire(plan));
    return;
  }
  const rows = plan.entries.map((entry, index) => [
    String(index + 1),
    entry.name ?? "(auto)",
    entry.model ? `${entry.provider ? `${entry.provider}/` : ""}${entry.model}` : "(default)",
    entry.waits.join(",") || "-",
    describeTime(entry) || "-",
    entry.workspace.raw + (entry.workspace.implicit ? " (default)" : ""),
    [
      entry.approve && "approve",
      entry.hide && "hide",
      entry.epic && "epic",
      entry.group && `group:${entry.group}`,
    ]
      .filter(Boolean).join(" ") || "-",
  ]);
  console.log(formatTable(["#", "NAME", "MODEL", "WAITS", "TIME", "WORKSPACE", "FLAGS"], rows));
  for (const [index, entry] of plan.entries.entries()) {
    console.log(
      `\n--- agent ${index + 1}${entry.name ? ` (${entry.name})` : ""} ---\n${entry.prompt}`,
    );
  }
}
