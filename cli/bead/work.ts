/**
 * `sase bead work <id>`: launch an epic's phase agents (or a legend's
 * epic-planning agents) as detached agents. `-n` prints the exact plan
 * without changing anything; `-y` skips the confirmation a terminal gets.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { planWork, type WorkPlan } from "../../core/bead/work.ts";
import type { AppContext } from "../../core/context.ts";
import { beadWorkWire, workPlanWire } from "../../core/bead/wire.ts";
import { resolveStoreDir } from "../../core/bead/settings.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { JSON_FLAG, JSON_HELP, printJson, style } from "../shared/output.ts";
import { confirmOrRequireYes } from "../shared/confirm.ts";
import { plural } from "../../core/text/plural.ts";

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

/** Register `sase bead work`. */
export function registerWork(bead: Command, app: AppContext): void {
  bead
    .command("work")
    .description("Launch agents for an epic or legend plan bead")
    .argument("<id>", "epic or legend plan bead id")
    .option("-n, --dry-run", "print the wave plan and multi-prompt without changing anything")
    .option("-P, --no-push", "commit the launch record but skip git push")
    .option("-y, --yes", "launch without asking (required when stdin is not a terminal)")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (id, options) => {
      const { env } = app;
      const { dir, checkoutRoot } = await resolveStoreDir(app.cwd, env);
      const { loadStore } = await import("../../core/bead/store.ts");
      const { resolveWorkContext } = await import("../../core/bead/work_context.ts");
      const store = await loadStore(dir);
      const plan = planWork(
        new Map(store.issues.map((issue) => [issue.id, issue])),
        id,
        await resolveWorkContext({ env, cwd: app.cwd, checkoutRoot }),
      );
      if (options.dryRun) {
        const { liveNameOwners } = await import("../../core/bead/work_agents.ts");
        for (const name of await liveNameOwners(env, plan.reuseNames)) {
          console.error(
            style(
              "yellow",
              `warning: a launch would stop the running agent ${name} to reuse its name`,
            ),
          );
        }
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
      const { launchBeadWork } = await import("../../core/bead/work_launch.ts");
      const { beadWorkReport } = await import("../shared/bead_work.ts");
      const launch = await launchBeadWork(app, { dir, id, checkoutRoot, noPush: !options.push });
      if (options.json) printJson(beadWorkWire(launch));
      else for (const line of beadWorkReport(launch)) console.log(line);
      if (launch.result.warning) {
        console.error(style("yellow", `warning: ${neutralizeControls(launch.result.warning)}`));
      }
    });
}
