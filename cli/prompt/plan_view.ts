/**
 * Printing a launch plan (`sase prompt run --dry-run`).
 *
 * @module
 */

import { loadXPromptEnvironment } from "../../core/xprompt/context.ts";
import { type LaunchPlan, planLaunch } from "../../core/xprompt/launch_plan.ts";
import { formatTable, printJson } from "../output.ts";

/** Plan `text` with the current directory's catalog. */
export async function planFor(text: string): Promise<LaunchPlan> {
  const environment = await loadXPromptEnvironment();
  return await planLaunch(text, { ...environment, cwd: environment.cwd });
}

function describeTime(plan: LaunchPlan["entries"][number]): string {
  if (!plan.time) return "";
  return plan.time.kind === "duration" ? `+${plan.time.seconds}s` : plan.time.at.toISOString();
}

/** Print the plan as a table (or JSON). */
export function printPlan(plan: LaunchPlan, json: boolean): void {
  if (json) {
    printJson(plan);
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
