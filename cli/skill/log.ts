/**
 * `sase skill log`: summaries and rows of audited skill uses.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { skillLog, type UseSummary } from "../../core/skill/use_log.ts";
import { skillLogWire } from "../../core/skill/wire.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { formatTable, printJson } from "../shared/output.ts";

const inert = (text: string) => neutralizeControls(text, { keepLayout: false });

function table(title: string, rows: readonly UseSummary[], distinct: string): string {
  return formatTable(
    [title, "USES", distinct, "LAST USED", "LAST REASON"],
    rows.map((
      r,
    ) => [inert(r.key), `${r.uses}`, `${r.distinct}`, r.lastUsedAt, inert(r.lastReason)]),
  );
}

/** Run `sase skill log`. */
export async function runLog(
  app: AppContext,
  options: { skill?: string; agent?: string; runtime?: string; json?: boolean },
): Promise<void> {
  const log = await skillLog(app, options);
  if (options.json) return printJson(skillLogWire(log));
  if (log.events.length === 0) {
    console.log(`No audited skill uses for project ${inert(log.project)}.`);
    return;
  }
  if (options.skill !== undefined || options.agent !== undefined || options.runtime !== undefined) {
    console.log(formatTable(
      ["ID", "TIMESTAMP", "SKILL", "AGENT", "RUNTIME", "REASON"],
      log.events.map((e) => [
        e.id,
        e.timestamp,
        inert(e.skill_name),
        inert(e.agent_name),
        inert(e.runtime ?? "unknown"),
        inert(e.reason),
      ]),
    ));
    return;
  }
  console.log(table("SKILL", log.bySkill, "AGENTS"));
  console.log("");
  console.log(table("AGENT", log.byAgent, "SKILLS"));
  console.log("");
  console.log(table("RUNTIME", log.byRuntime, "SKILLS"));
}
