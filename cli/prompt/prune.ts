/**
 * `sase prompt prune`: remove prompts by criteria, after confirmation.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { usageError } from "../../core/errors.ts";
import { promptId } from "../../core/xprompt/history/model.ts";
import { parseDateBound } from "../../core/xprompt/history/query.ts";
import { pruneCandidates, prunePrompts } from "../../core/xprompt/history/service.ts";
import { plural } from "../../core/text/plural.ts";
import { confirmOrRequireYes } from "../shared/confirm.ts";

/** Run `sase prompt prune`. */
export async function runPrune(
  app: AppContext,
  options: { cancelled?: boolean; keep?: number; before?: string; dryRun?: boolean; yes?: boolean },
): Promise<void> {
  if (!options.cancelled && options.keep === undefined && !options.before) {
    throw usageError("prune needs at least one of --cancelled, --keep, --before");
  }
  const criteria = {
    cancelled: options.cancelled,
    keep: options.keep,
    before: options.before ? parseDateBound(options.before, app.now()) : undefined,
  };
  const doomed = await pruneCandidates(app.env, criteria);
  if (options.dryRun) {
    for (const entry of doomed) console.log(`would remove ${promptId(entry.text)}`);
    console.log(`${plural(doomed.length, "prompt")} would be removed (dry run)`);
    return;
  }
  if (doomed.length === 0) {
    console.log("nothing to prune");
    return;
  }
  confirmOrRequireYes({
    yes: options.yes,
    question: `Remove ${plural(doomed.length, "prompt")}?`,
    action: `removing ${plural(doomed.length, "prompt")}`,
    declined: "aborted; nothing was removed",
  });
  console.log(`removed ${plural(await prunePrompts(app.env, criteria), "prompt")}`);
}
