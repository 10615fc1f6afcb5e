/**
 * `sase bead work <id>`: launch an epic's phase agents (or a legend's
 * epic-planning agents). `-n` prints the exact plan without changing
 * anything.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { SaseError } from "../../core/errors.ts";
import { planWork, type WorkPlan } from "../../core/bead/work.ts";
import { JSON_FLAG, JSON_HELP, printJson } from "../output.ts";
import { activeStoreDir } from "./context.ts";

/** The dry-run text: waves, agent names, directives and the rendered multi-prompt. */
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
  return lines.join("\n");
}

/** Register `sase bead work`. */
export function registerWork(bead: Command): void {
  bead
    .command("work")
    .description("Launch agents for an epic or legend plan bead")
    .argument("<id>", "epic or legend plan bead id")
    .option("-n, --dry-run", "print the wave plan and multi-prompt without changing anything")
    .option("-P, --no-push", "commit the launch record but skip git push")
    .option("-y, --yes", "skip the launch confirmation prompt")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (id, options) => {
      const { loadStore } = await import("../../core/bead/store.ts");
      const store = await loadStore(await activeStoreDir());
      const plan = planWork(new Map(store.issues.map((issue) => [issue.id, issue])), id);
      if (options.dryRun) {
        if (options.json) return printJson(plan);
        return console.log(workPlanText(plan));
      }
      throw new SaseError(
        "bead.work_runtime",
        `launching agents for ${id} needs the agent runtime, which is not built yet; nothing was changed`,
        { hint: `preview the launch with \`sase bead work ${id} --dry-run\`` },
      );
    });
}
