/**
 * `sase skill list` (and bare `sase skill`): the skill inventory.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { planSkills } from "../../core/skill/plan.ts";
import { skillListWire } from "../../core/skill/wire.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { formatTable, printJson } from "../shared/output.ts";

/** Run `sase skill list`. */
export async function runList(
  app: AppContext,
  options: { provider?: string; json?: boolean },
): Promise<void> {
  const plan = await planSkills(app, options.provider);
  if (options.json) return printJson(skillListWire(plan));
  const inert = (text: string) => neutralizeControls(text, { keepLayout: false });
  console.log(formatTable(
    ["SKILL", "PROVIDERS", "CURRENT", "STALE", "MISSING", "DESCRIPTION"],
    plan.sources.map((s) => {
      const mine = plan.targets.filter((t) => t.skill === s.name);
      const count = (status: string) => `${mine.filter((t) => t.status === status).length}`;
      return [
        s.name,
        s.providers.join(",") || "-",
        count("current"),
        count("stale"),
        count("missing"),
        inert(s.description.split("\n")[0]),
      ];
    }),
  ));
  const drift = plan.targets.filter((t) => t.status !== "current");
  console.log(
    `\n${plan.sources.length} skill sources, ${plan.targets.length} targets (${
      plan.useChezmoi ? "chezmoi source" : "home"
    } ${inert(plan.root)}); ${drift.length} need \`sase skill init\``,
  );
}
