/**
 * Performing the reducers' effects through the core services: query
 * persistence, kills (`stopAgentRun`, the one stop every front door uses),
 * dismissals, notification acknowledgement, pinned idle. A failure does
 * not stop the others; it comes back as an error toast. Toast effects are
 * handed back for the toast queue; `quit` and `refresh` are the app's own.
 *
 * @module
 */

import type { AppContext } from "../../../core/context.ts";
import { notificationsPath } from "../../../core/config/paths.ts";
import { writeLastQuery } from "../../../core/query/persist/last_query.ts";
import { writeQueryHistory } from "../../../core/query/persist/query_history.ts";
import { deleteQuery, saveQuery } from "../../../core/query/persist/saved_queries.ts";
import { dismissMany } from "../../../core/notify/store.ts";
import { dismissRuns } from "../../../core/agent/identity/dismiss.ts";
import { writePinnedIdle } from "../../../core/ace/pinned_idle.ts";
import { type AceEffect, toast } from "../effects.ts";

/** Effects the app itself handles. */
export type AppEffect = Extract<AceEffect, { kind: "toast" | "quit" | "refresh" }>;

async function perform(app: AppContext, effect: AceEffect): Promise<void> {
  const env = app.env;
  switch (effect.kind) {
    case "writeLastQuery":
      return await writeLastQuery(env, effect.query);
    case "writeQueryHistory":
      return await writeQueryHistory(env, effect.history);
    case "saveQuerySlot":
      return void await saveQuery(env, effect.slot, effect.query);
    case "deleteQuerySlot":
      return void await deleteQuery(env, effect.slot);
    case "killAgents": {
      const { stopAgentRun } = await import("../../../core/agent/identity/kill.ts");
      for (const run of effect.runs) await stopAgentRun(app, run.dir, { project: run.project });
      return;
    }
    case "dismissAgents":
      return void await dismissRuns(env, effect.runs);
    case "dismissNotifications":
      return void await dismissMany(notificationsPath(env), effect.ids);
    case "writePinnedIdle":
      return await writePinnedIdle(env, effect.pinned);
    case "toast":
    case "quit":
    case "refresh":
      return;
  }
}

/** Perform `effects` in order; resolves to what the app must handle (toasts include failures). */
export async function performEffects(
  app: AppContext,
  effects: readonly AceEffect[],
): Promise<AppEffect[]> {
  const out: AppEffect[] = [];
  for (const effect of effects) {
    if (effect.kind === "toast" || effect.kind === "quit" || effect.kind === "refresh") {
      out.push(effect);
      continue;
    }
    try {
      await perform(app, effect);
    } catch (error) {
      out.push(toast("error", `${effect.kind} failed: ${(error as Error).message}`) as AppEffect);
    }
  }
  return out;
}
