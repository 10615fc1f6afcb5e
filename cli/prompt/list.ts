/**
 * `sase prompt list`: recent prompts as a table (or `-j` JSON).
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { promptId } from "../../core/xprompt/history/model.ts";
import { preview, promptChips } from "../../core/xprompt/history/query.ts";
import { listPrompts } from "../../core/xprompt/history/service.ts";
import { promptListWire } from "../../core/xprompt/history/wire.ts";
import { formatTable, printJson } from "../shared/output.ts";

/** Run `sase prompt list`. */
export async function runList(
  app: AppContext,
  options: { query?: string; limit: number; cancelled?: boolean; all?: boolean; json?: boolean },
): Promise<void> {
  const entries = await listPrompts(app.env, {
    query: options.query,
    cancelled: options.all ? "include" : options.cancelled ? "only" : "exclude",
    limit: options.limit,
  });
  if (options.json) return printJson(promptListWire(entries));
  if (entries.length === 0) {
    console.log("No prompts in history match.");
    return;
  }
  const rows = entries.map((entry) => {
    const chips = promptChips(entry.text);
    return [
      promptId(entry.text),
      entry.last_used,
      entry.cancelled ? "cancelled" : "launched",
      String(entry.text.length),
      [...chips.projects, ...chips.xprompts, ...chips.directives].slice(0, 4).join(" "),
      preview(entry.text, 50),
    ];
  });
  console.log(formatTable(["ID", "LAST USED", "STATUS", "CHARS", "CHIPS", "PREVIEW"], rows));
}
