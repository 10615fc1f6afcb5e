/**
 * Loading the Agents tab: the visible inbox from the agent index (active
 * runs plus the recent finished ones, per `sase agent list`; the index
 * refreshes itself incrementally, so no run directory is walked on a
 * refresh), and the notification inbox, whose active completion
 * notifications mark finished agents unread.
 *
 * @module
 */

import { type Env, notificationsPath } from "../../../core/config/paths.ts";
import { indexLocation } from "../../../core/agent/index/index_service.ts";
import { listAgents } from "../../../core/agent/index/list.ts";
import { readNotifications } from "../../../core/notify/store.ts";
import { type AgentItem, agentItems, completionsByRun } from "../agents/item.ts";

/** The tab's items now. */
export async function loadAgentItems(env: Env, now: Date): Promise<AgentItem[]> {
  const [rows, inbox] = await Promise.all([
    listAgents(indexLocation(env), { nowMs: now.getTime() }),
    readNotifications(notificationsPath(env)),
  ]);
  return agentItems(rows, completionsByRun(inbox.records));
}
