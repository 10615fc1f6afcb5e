/**
 * One agent as the Agents tab models it: the index's listing row plus what
 * ACE adds: a display name, the ChangeSpec it targets, its tag, and whether
 * it is unread. Unread is a projection of the notification inbox: a
 * finished row with an active (not dismissed) completion notification for
 * its run (`action_data.raw_suffix` = the run's timestamp) is unread, and
 * acknowledging it dismisses those notifications (handbook 4.22.2).
 *
 * @module
 */

import type { AgentRow } from "../../../core/agent/index/rows.ts";
import type { Notification } from "../../../core/notify/model.ts";

/** An agent of the tab. */
export interface AgentItem {
  /** Stable identity: the run's artifact directory. */
  readonly id: string;
  readonly row: AgentRow;
  /** The agent name, else the workflow name, else `<project>@<timestamp>`. */
  readonly displayName: string;
  /** The ChangeSpec the agent works on, when known. */
  readonly changeSpec: string | null;
  /** Ids of the active completion notifications of this run (non-empty: unread when finished). */
  readonly completionIds: readonly string[];
}

const TERMINAL = new Set(["DONE", "FAILED", "KILLED"]);

/** Whether the row is finished (DONE, FAILED, KILLED). */
export function isFinished(row: AgentRow): boolean {
  return TERMINAL.has(row.status);
}

/** Actions of the notifications a finished run posts. */
const COMPLETION_ACTIONS: ReadonlySet<string> = new Set(["JumpToAgent", "ViewErrorReport"]);

/** Active completion notification ids by run timestamp (raw suffix). */
export function completionsByRun(notifications: Iterable<Notification>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const record of notifications) {
    if (record.dismissed || record.silent) continue;
    if (!record.action || !COMPLETION_ACTIONS.has(record.action)) continue;
    const suffix = record.action_data?.raw_suffix;
    if (typeof suffix !== "string" || suffix === "") continue;
    const list = out.get(suffix);
    if (list) list.push(record.id);
    else out.set(suffix, [record.id]);
  }
  return out;
}

/** The display name of a row. */
export function displayNameOf(row: AgentRow): string {
  return row.name ?? row.workflowName ?? `${row.project}@${row.timestamp}`;
}

/** The tab's items of `rows`, with the completion notifications projected on them. */
export function agentItems(
  rows: readonly AgentRow[],
  completions: ReadonlyMap<string, readonly string[]>,
): AgentItem[] {
  return rows.map((row) => ({
    id: row.artifactsDir,
    row,
    displayName: displayNameOf(row),
    changeSpec: row.clName,
    completionIds: isFinished(row) ? completions.get(row.timestamp) ?? [] : [],
  }));
}
