/**
 * `sase skill use <name> -r <reason>`: record an agent's skill use.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { recordSkillUse } from "../../core/skill/use_log.ts";
import { skillUseWire } from "../../core/skill/wire.ts";
import { printJson } from "../shared/output.ts";

/** Run `sase skill use`. */
export async function runUse(
  app: AppContext,
  name: string,
  options: { reason: string; json?: boolean },
): Promise<void> {
  const event = await recordSkillUse(app, name, options.reason);
  if (options.json) return printJson(skillUseWire(event));
  console.log(`recorded skill use ${event.id}: ${event.skill_name} by ${event.agent_name}`);
}
