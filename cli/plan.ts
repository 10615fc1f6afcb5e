/**
 * `sase plan`: the plan approval pipeline from a shell — list proposals,
 * propose a plan, approve one (launching its follow-up), validate a plan
 * file, search prior plans. Bare `sase plan` runs `sase plan list`. Each
 * command's body is in `plan/` and loads when it runs.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { APPROVAL_KINDS } from "../core/sdd/approval_kinds.ts";
import { SDD_TIERS } from "../core/sdd/layout.ts";
import { JSON_FLAG, JSON_HELP } from "./shared/output.ts";
import { importOnDemand } from "../core/on_demand.ts";

function addList(plan: Command, app: AppContext): void {
  plan.command("list")
    .description("List pending, recently approved and inferred rejected plan proposals")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) =>
      (await importOnDemand<typeof import("./plan/list.ts")>("./plan/list.ts", import.meta.url))
        .runList(app, options)
    );
}

function addPropose(plan: Command, app: AppContext): void {
  plan.command("propose")
    .description(
      "Submit a markdown plan file for approval (used by the /sase_plan skill); a plain " +
        "Markdown plan is fine: the archived copy gains `tier:` frontmatter, your file is unchanged",
    )
    .argument("<plan_file>", "the plan markdown file")
    .option(
      "--prompt-file <path>",
      "expanded prompt the planner received (default: $SASE_ARTIFACTS_DIR/prompt.md)",
    )
    .addOption(
      plan.createOption(
        "-t, --tier <tier>",
        "tier of a plan whose frontmatter names none (default: tale)",
      ).choices(SDD_TIERS),
    )
    .action(async (planFile, options) =>
      (await importOnDemand<typeof import("./plan/propose.ts")>(
        "./plan/propose.ts",
        import.meta.url,
      )).runPropose(app, planFile, options)
    );
}

function addApprove(plan: Command, app: AppContext): void {
  plan.command("approve")
    .description("Approve one pending proposal by notification id or unique id prefix")
    .argument("[selector]", "notification id or prefix (optional when exactly one is pending)")
    .addOption(
      plan.createOption(
        "-k, --kind <kind>",
        "approve, tale, epic, legend or commit (default: the tier the plan declares)",
      ).choices(APPROVAL_KINDS),
    )
    .option("-m, --model <model>", "model of the follow-up agent")
    .option("-p, --prompt <text>", "extra coder instructions (approve and tale only)")
    .action(async (selector, options) =>
      (await importOnDemand<typeof import("./plan/approve.ts")>(
        "./plan/approve.ts",
        import.meta.url,
      )).runApprove(app, selector, options)
    );
}

function addValidate(plan: Command, app: AppContext): void {
  plan.command("validate")
    .description(
      "Validate a plan file against a tier; prints every problem with its line, exit 1 on errors",
    )
    .argument("<plan_file>", "the plan markdown file")
    .addOption(
      plan.createOption(
        "-t, --tier <tier>",
        "tale, epic or legend (default: the tier the plan declares, else tale)",
      ).choices(SDD_TIERS),
    )
    .option(JSON_FLAG, JSON_HELP)
    .action(async (planFile, options) =>
      (await importOnDemand<typeof import("./plan/validate.ts")>(
        "./plan/validate.ts",
        import.meta.url,
      )).runValidate(app, planFile, options)
    );
}

function addSearch(plan: Command, app: AppContext): void {
  plan.command("search")
    .description("Search committed SDD plans first, then the ~/.sase/plans archive")
    .argument("[query]", "text to look for (omit to browse by recency)")
    .addOption(plan.createOption("--kind <tier>", "tale, epic or legend").choices(SDD_TIERS))
    .option("--status <status>", "frontmatter status, e.g. wip or done")
    .addOption(
      plan.createOption("--source <source>", "sdd or local").choices(["sdd", "local"] as const),
    )
    .option("--since <date>", "created on or after YYYY-MM-DD")
    .option("--until <date>", "created on or before YYYY-MM-DD")
    .addOption(
      plan.createOption("-f, --format <format>", "output format").choices(
        ["compact", "full", "json", "markdown"] as const,
      ).default("compact" as const),
    )
    .option(JSON_FLAG, "print machine-readable JSON (same as -f json)")
    .action(async (query, options) =>
      (await importOnDemand<typeof import("./plan/search.ts")>("./plan/search.ts", import.meta.url))
        .runSearch(app, query, options)
    );
}

/** Register `sase plan`. */
export function register(program: Command, app: AppContext): void {
  const plan = program.command("plan").description(
    "Plan proposals: list, propose, approve, validate and search plans",
  );
  addList(plan, app);
  addPropose(plan, app);
  addApprove(plan, app);
  addValidate(plan, app);
  addSearch(plan, app);
}
