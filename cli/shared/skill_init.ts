/**
 * The skill initializer command, registered both as `sase skill init` and
 * as `sase init skills`.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../../core/context.ts";
import type { SkillApplied, SkillPlan } from "../../core/skill/plan.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { importOnDemand } from "../../core/on_demand.ts";
import { JSON_FLAG, JSON_HELP, printJson, style } from "./output.ts";

/** The options of the skill initializer. */
export interface SkillInitOptions {
  dryRun?: boolean;
  force?: boolean;
  provider?: string;
  commit?: boolean;
  push?: boolean;
  apply?: boolean;
  json?: boolean;
}

/** Text lines of a dry run (every target with its state) or of what applying did. */
export function renderSkillInit(plan: SkillPlan, applied: SkillApplied | null): string[] {
  const inert = (text: string) => neutralizeControls(text, { keepLayout: false });
  if (!applied) {
    return [
      ...plan.targets.map((t) => `${t.status.padEnd(7)} ${t.provider.padEnd(8)} ${inert(t.path)}`),
      `dry run: ${
        plan.targets.filter((t) => t.status !== "current").length
      } of ${plan.targets.length} ` +
      "skill files would be written",
    ];
  }
  const lines = [
    ...applied.written.map((t) => `${style("green", "wrote")} ${t.provider} ${inert(t.path)}`),
    ...applied.skipped.map((t) =>
      `${style("yellow", "skipped")} ${t.provider} ${
        inert(t.path)
      } (differs; pass --force to overwrite)`
    ),
    ...applied.deploy.map((step) => `${style("cyan", "deploy")} ${inert(step)}`),
  ];
  if (applied.written.length === 0 && applied.skipped.length === 0) {
    lines.push("skill files are current");
  }
  return lines;
}

async function runSkillInit(app: AppContext, options: SkillInitOptions): Promise<void> {
  const { applySkills, planSkills } = await importOnDemand<
    typeof import("../../core/skill/plan.ts")
  >("../../core/skill/plan.ts", import.meta.url);
  const plan = await planSkills(app, options.provider);
  let applied: SkillApplied | null = null;
  if (!options.dryRun) {
    const interactive = Deno.stdin.isTerminal() && !options.json;
    applied = await applySkills(app, plan, {
      force: options.force ?? false,
      confirm: interactive
        ? (target) =>
          confirm(`Overwrite ${neutralizeControls(target.path, { keepLayout: false })}?`)
        : undefined,
      commit: options.commit !== false,
      push: options.push !== false,
      apply: options.apply !== false,
    });
  }
  if (options.json) {
    const { skillInitWire } = await importOnDemand<typeof import("../../core/skill/wire.ts")>(
      "../../core/skill/wire.ts",
      import.meta.url,
    );
    return printJson(skillInitWire(plan, applied));
  }
  for (const line of renderSkillInit(plan, applied)) console.log(line);
}

/** Register the skill initializer on `parent` as `name`. */
export function addSkillInitCommand(
  parent: Command,
  app: AppContext,
  name: string,
  description: string,
): void {
  parent
    .command(name)
    .description(description)
    .option("-n, --dry-run", "list the target files per provider without writing")
    .option("-f, --force", "overwrite deployed skill files that differ, without asking")
    .option("-p, --provider <provider>", "deploy only this provider's skill files")
    .option(
      "-C, --no-commit",
      "with use_chezmoi: write the source files only (no commit, push, apply)",
    )
    .option("-P, --no-push", "with use_chezmoi: commit but do not push")
    .option("-A, --no-apply", "with use_chezmoi: do not run chezmoi apply")
    .option(JSON_FLAG, JSON_HELP)
    .addHelpText(
      "after",
      "\nMissing files are written; files that differ are overwritten only with --force (or a" +
        "\nyes at the prompt on a terminal). Skills start with a `sase skill use` line unless" +
        "\ntheir source sets log_skill_use: false.",
    )
    .action((options) => runSkillInit(app, options));
}
