/**
 * `sase bead work <id>`: launch an epic's phase agents (or a legend's
 * epic-planning agents) as detached agents. `-n` prints the exact plan
 * without changing anything; `-y` skips the confirmation a terminal gets.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import type { WorkPlan } from "../../core/bead/work.ts";
import { launchBeadWork, previewBeadWork } from "../../core/bead/work_launch.ts";
import { beadWorkWire, workPlanWire } from "../../core/bead/work_wire.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { plural } from "../../core/text/plural.ts";
import { beadWorkReport } from "../shared/bead_work.ts";
import { confirmOrRequireYes } from "../shared/confirm.ts";
import { printJson } from "../shared/output.ts";

/**
 * The dry-run text: waves, agent names, directives and the rendered
 * multi-prompt (bead titles and models others wrote are shown with their
 * control characters made visible).
 */
export function workPlanText(plan: WorkPlan): string {
  const lines = [
    `${plan.kind === "epic" ? "Epic" : "Legend"} ${plan.id}: ${plan.title}${
      plan.retry ? " (retry: already marked ready to work)" : ""
    }`,
    "",
    "Waves:",
    ...plan.waves.map((wave, index) => `  ${index + 1}: ${wave.join(", ")}`),
    "",
    "Agents:",
    ...plan.segments.map((segment) =>
      `  ${segment.name}${
        segment.waitsOn.length ? ` (waits on ${segment.waitsOn.join(", ")})` : ""
      }`
    ),
    "",
    `Force-reused names: ${plan.reuseNames.join(", ")}`,
    `Bead changes on launch: ${
      plan.launchEvents.map((event) =>
        event.operation === "ready_marked"
          ? `mark ${event.issue_id} ready to work`
          : `pre-claim ${event.issue_id} (in_progress, assignee ${event.payload.agent_name})`
      ).join("; ") || "none"
    }`,
    `Commit after launch: ${plan.commitMessage}`,
    "",
    "Multi-prompt:",
    plan.multiPrompt,
  ];
  return neutralizeControls(lines.join("\n"));
}

/** Run `sase bead work ID`. */
export async function runWork(
  app: AppContext,
  id: string,
  options: { dryRun?: boolean; push: boolean; yes?: boolean; json?: boolean },
): Promise<void> {
  const { plan, dir, checkoutRoot } = await previewBeadWork(app, id, {
    warnReuse: options.dryRun,
  });
  if (options.dryRun) {
    if (options.json) return printJson(workPlanWire(plan));
    return console.log(workPlanText(plan));
  }
  if (!options.yes && Deno.stdin.isTerminal()) console.log(workPlanText(plan));
  confirmOrRequireYes({
    yes: options.yes,
    question: `Launch ${plural(plan.segments.length, "agent")} for ${id}?`,
    action: `launching ${plural(plan.segments.length, "agent")} for ${id}`,
    declined: "nothing launched; no bead was changed",
  });
  const launch = await launchBeadWork(app, { dir, id, checkoutRoot, noPush: !options.push });
  if (options.json) printJson(beadWorkWire(launch));
  else for (const line of beadWorkReport(launch)) console.log(line);
  if (launch.result.warning) app.warn(neutralizeControls(launch.result.warning));
}
