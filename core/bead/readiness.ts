/**
 * Readiness kept in `beads.db`, so `sase bead ready` and `blocked` read only
 * the rows they print instead of evaluating the rule for every bead.
 *
 * Each cached issue carries a derived `blocked` column: it has a dependency
 * whose bead exists and is not closed. The beads that are or will become
 * ready have a row in `ready_rows` too: their id, `ready_from` (the earliest
 * time, epoch ms, they read as ready) and their `issues.jsonl` row as `-j`
 * prints it (see `row_reads.ts`), kept together so a read of the ready beads
 * touches only their pages and prints them as they are. The ready
 * rule (see `query.ts`) depends on the clock only through snoozes: a snoozed
 * task with no open dependency is ready from its wake time on; every other
 * ready bead is ready at any time ({@linkcode ALWAYS}).
 *
 * Both depend on the bead itself, the beads it depends on (their status) and
 * its parent (its type and ready-to-work mark), so a change to some beads is
 * followed by {@linkcode refreshReadiness} over them, the beads that depend on
 * them and their children.
 *
 * @module
 */

import type { DatabaseSync } from "node:sqlite";
import { printedElementSql } from "./row_reads.ts";

/** `ready_from` of a bead that is ready whatever the clock says: earlier than any time. */
export const ALWAYS = Number.MIN_SAFE_INTEGER;

/** Whether the row `issues` has a dependency on an existing bead that is not closed. */
const HAS_OPEN_BLOCKER = `EXISTS (SELECT 1 FROM deps d JOIN issues b ON b.id = d.depends_on_id
  WHERE d.issue_id = issues.id AND b.status != 'closed')`;

/**
 * When the row `issues` is ready (its `blocked` already current): a triaged
 * `ready` bead at once, a snoozed one at its wake time (never without one),
 * an `open` one at once unless it is a phase of a plan that is not marked
 * ready to work (and the phase itself is not marked either).
 */
const READY_FROM = `CASE
  WHEN blocked = 1 THEN NULL
  WHEN status = 'ready' THEN ${ALWAYS}
  WHEN status = 'snoozed' THEN snooze_until
  WHEN status = 'open' AND (issue_type != 'phase' OR is_ready = 1
    OR NOT EXISTS (SELECT 1 FROM issues p WHERE p.id = issues.parent_id AND p.issue_type = 'plan')
    OR EXISTS (SELECT 1 FROM issues p WHERE p.id = issues.parent_id AND p.is_ready = 1))
    THEN ${ALWAYS}
  ELSE NULL END`;

/** The beads whose readiness a change to the beads in `json_each(?)` can change. */
const AFFECTED = `WITH changed(id) AS (SELECT value FROM json_each(?)),
  affected(id) AS (
    SELECT id FROM changed
    UNION SELECT d.issue_id FROM deps d JOIN changed c ON d.depends_on_id = c.id
    UNION SELECT i.id FROM issues i JOIN changed c ON i.parent_id = c.id)`;

/** The `ready_rows` of the beads `issues` rows `where` picks. */
function readyRowsOf(where: string): string {
  return `INSERT INTO ready_rows(id, ready_from, printed)
    SELECT id, ready_from, ${printedElementSql("row")}
    FROM (SELECT id, ${READY_FROM} AS ready_from, row FROM issues ${where})
    WHERE ready_from IS NOT NULL`;
}

/**
 * Recompute `blocked` and `ready_rows` after the beads `changed` were
 * inserted, replaced or deleted (their dependency edges already current),
 * or, without `changed`, for every bead of a fresh cache (where no bead is
 * marked blocked yet: only the blocked ones are rewritten).
 */
export function refreshReadiness(db: DatabaseSync, changed?: Iterable<string>): void {
  if (changed === undefined) {
    db.exec(`UPDATE issues SET blocked = 1 WHERE id IN (SELECT d.issue_id FROM deps d
      JOIN issues b ON b.id = d.depends_on_id WHERE b.status != 'closed')`);
    db.exec(`DELETE FROM ready_rows; ${readyRowsOf("")}`);
    return;
  }
  const ids = JSON.stringify([...new Set(changed)]);
  if (ids === "[]") return;
  const where = "WHERE id IN (SELECT id FROM affected)";
  db.prepare(`${AFFECTED} UPDATE issues SET blocked = ${HAS_OPEN_BLOCKER} ${where}`).run(ids);
  db.prepare(`${AFFECTED} DELETE FROM ready_rows ${where}`).run(ids);
  db.prepare(`${AFFECTED} ${readyRowsOf(where)}`).run(ids);
}
