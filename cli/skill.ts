/**
 * `sase skill`: generated provider skills — the inventory, the initializer,
 * the agent-side use audit and its log. Bare `sase skill` runs `list`.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import type { AppContext } from "../core/context.ts";
import { importOnDemand } from "../core/on_demand.ts";
import { JSON_FLAG, JSON_HELP } from "./shared/output.ts";
import { addSkillInitCommand } from "./shared/skill_init.ts";

function load<T>(file: string): Promise<T> {
  return importOnDemand<T>(`./skill/${file}.ts`, import.meta.url);
}

/** Register `sase skill`. */
export function register(program: Command, app: AppContext): void {
  const skill = program
    .command("skill")
    .description("Generated provider skills: inventory, init, audited use and its log");
  skill.command("list")
    .description("Show skill sources, their provider targets and current/stale/missing state")
    .option("-p, --provider <provider>", "only this provider's targets")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) =>
      (await load<typeof import("./skill/list.ts")>("list")).runList(app, options)
    );
  addSkillInitCommand(skill, app, "init", "Render skill sources into each provider's SKILL.md");
  skill.command("use")
    .description("Agent-side: record that this agent is using a generated skill")
    .argument("<name>", "the skill's name, e.g. sase_git_commit")
    .requiredOption("-r, --reason <reason>", "why the agent uses it (recorded)")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (name, options) =>
      (await load<typeof import("./skill/use.ts")>("use")).runUse(app, name, options)
    );
  skill.command("log")
    .description("Summarize or list audited skill uses")
    .option("--skill <name>", "only uses of this skill")
    .option("--agent <name>", "only uses by this agent")
    .option("--runtime <runtime>", "only uses from this runtime (provider), e.g. codex")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) =>
      (await load<typeof import("./skill/log.ts")>("log")).runLog(app, options)
    );
}
