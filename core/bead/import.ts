/**
 * Migrating a legacy `issues.jsonl`-only store into canonical events.
 *
 * Each issue becomes an `issue_created` event (with its recorded times and
 * author) followed by one `dependency_added` per edge, so replaying the
 * result gives back exactly the rows that were imported.
 *
 * @module
 */

import type { EventDraft } from "./event.ts";
import { compareIds, type Issue, issueToRow } from "./model.ts";

/** Event drafts that recreate `issues`. */
export function importDrafts(issues: readonly Issue[]): EventDraft[] {
  const sorted = [...issues].sort((a, b) => compareIds(a.id, b.id));
  const byId = new Map(sorted.map((issue) => [issue.id, issue]));
  const created: EventDraft[] = [];
  const edges: EventDraft[] = [];
  for (const issue of sorted) {
    const born = issue.created_at || issue.updated_at || undefined;
    created.push({
      operation: "issue_created",
      issue_id: issue.id,
      payload: { issue: { ...issueToRow(issue), dependencies: [] } },
      timestamp: born,
      actor: issue.created_by || undefined,
    });
    for (const dep of issue.dependencies) {
      if (!byId.has(dep.depends_on_id)) continue;
      // An edge must replay after both ends exist, whatever the recorded times say.
      const times = [dep.created_at, born ?? "", byId.get(dep.depends_on_id)!.created_at];
      const at = times.reduce((a, b) => (a > b ? a : b), "");
      edges.push({
        operation: "dependency_added",
        issue_id: issue.id,
        payload: { dependency: { ...dep, issue_id: issue.id } },
        timestamp: at || undefined,
        actor: dep.created_by || undefined,
      });
    }
  }
  return [...created, ...edges];
}
