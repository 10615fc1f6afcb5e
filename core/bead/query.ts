/**
 * Read queries: list, ready, blocked, show, search, stats, children.
 *
 * `ready`, `blocked` and `list` run as SQL over the cache so a warm
 * `sase bead ready` touches only the rows it prints; the rest are pure
 * functions over issue arrays.
 *
 * Ready means: no dependency that is still active, and either the triaged
 * status `ready`, or status `open` on a bead that is marked ready to work
 * (or whose parent plan is, as after `sase bead work`). An open plan that was
 * never marked ready is not offered as work.
 *
 * @module
 */

import type { DatabaseSync } from "node:sqlite";
import { SaseError } from "../errors.ts";
import { rowsToIssues } from "./cache.ts";
import { compareIds, type Issue } from "./model.ts";

/** Filters of `sase bead list` (each list ORs its values; empty = any). */
export interface ListFilter {
  statuses?: readonly string[];
  types?: readonly string[];
  tiers?: readonly string[];
}

/** Statuses `sase bead list` shows without `--status`. */
export const DEFAULT_LIST_STATUSES = ["open", "in_progress", "ready"] as const;

function inClause(column: string, values: readonly string[], params: string[]): string {
  if (values.length === 0) return "";
  params.push(...values);
  return ` AND ${column} IN (${values.map(() => "?").join(", ")})`;
}

/** `sase bead list`. */
export function listIssues(db: DatabaseSync, filter: ListFilter = {}): Issue[] {
  const params: string[] = [];
  const where = inClause("status", filter.statuses ?? DEFAULT_LIST_STATUSES, params) +
    inClause("issue_type", filter.types ?? [], params) +
    inClause("tier", filter.tiers ?? [], params);
  const rows = db.prepare(`SELECT row FROM issues WHERE 1 = 1${where} ORDER BY id`).all(
    ...params,
  ) as Array<{ row: string }>;
  return rowsToIssues(rows);
}

const ACTIVE_BLOCKER = `EXISTS (SELECT 1 FROM deps d JOIN issues b ON b.id = d.depends_on_id
  WHERE d.issue_id = i.id AND b.status != 'closed')`;

/** `sase bead ready`. */
export function readyIssues(db: DatabaseSync): Issue[] {
  const rows = db.prepare(
    `SELECT i.row FROM issues i WHERE (i.status = 'ready' OR (i.status = 'open' AND (i.is_ready = 1
       OR EXISTS (SELECT 1 FROM issues p WHERE p.id = i.parent_id AND p.is_ready = 1))))
     AND NOT ${ACTIVE_BLOCKER} ORDER BY i.id`,
  ).all() as Array<{ row: string }>;
  return rowsToIssues(rows);
}

/** `sase bead blocked`: non-closed beads with at least one non-closed dependency. */
export function blockedIssues(db: DatabaseSync): Issue[] {
  const rows = db.prepare(
    `SELECT i.row FROM issues i WHERE i.status != 'closed' AND ${ACTIVE_BLOCKER} ORDER BY i.id`,
  ).all() as Array<{ row: string }>;
  return rowsToIssues(rows);
}

/** Every issue, sorted by id. */
export function allIssues(db: DatabaseSync): Issue[] {
  return rowsToIssues(
    db.prepare("SELECT row FROM issues ORDER BY id").all() as Array<
      { row: string }
    >,
  );
}

/** One issue or `undefined`. */
export function findIssue(db: DatabaseSync, id: string): Issue | undefined {
  const row = db.prepare("SELECT row FROM issues WHERE id = ?").get(id) as
    | { row: string }
    | undefined;
  return row ? rowsToIssues([row])[0] : undefined;
}

/** The "Issue not found" error every command raises for an unknown id. */
export function notFound(id: string): SaseError {
  return new SaseError("bead.not_found", `Issue not found: ${id}`, {
    hint: "run `sase bead list` or `sase bead search <text>` to find the id",
  });
}

/** Look `id` up in `issues`, throwing the not-found error. */
export function requireIssue(issues: ReadonlyMap<string, Issue>, id: string): Issue {
  const issue = issues.get(id);
  if (!issue) throw notFound(id);
  return issue;
}

/** Everything `sase bead show` prints about one bead. */
export interface IssueDetail {
  issue: Issue;
  /** Parent chain, nearest first; `null` where a parent id does not resolve. */
  ancestors: Array<Issue | null>;
  children: Issue[];
  /** Dependencies, `null` where the target does not resolve. */
  depends_on: Array<Issue | null>;
  /** Beads that depend on this one. */
  blocks: Issue[];
  /** Dependencies that are not closed yet. */
  blockers: Issue[];
}

/** Direct children of `id`, sorted by id. */
export function childrenOf(issues: readonly Issue[], id: string): Issue[] {
  return issues.filter((issue) => issue.parent_id === id).sort((a, b) => compareIds(a.id, b.id));
}

/** The detail view of `id` (throws `Issue not found: <id>`). */
export function issueDetail(issues: readonly Issue[], id: string): IssueDetail {
  const byId = new Map(issues.map((issue) => [issue.id, issue]));
  const issue = requireIssue(byId, id);
  const ancestors: Array<Issue | null> = [];
  const seen = new Set<string>([id]);
  for (let parent = issue.parent_id; parent && !seen.has(parent);) {
    seen.add(parent);
    const found = byId.get(parent) ?? null;
    ancestors.push(found);
    parent = found?.parent_id ?? null;
  }
  const depends_on = issue.dependencies.map((dep) => byId.get(dep.depends_on_id) ?? null);
  return {
    issue,
    ancestors,
    children: childrenOf(issues, id),
    depends_on,
    blocks: issues.filter((other) => other.dependencies.some((dep) => dep.depends_on_id === id)),
    blockers: depends_on.filter((dep): dep is Issue => dep !== null && dep.status !== "closed"),
  };
}

/** Counts for `sase bead stats`. */
export interface BeadStats {
  total: number;
  open: number;
  in_progress: number;
  ready: number;
  closed: number;
  plan: number;
  phase: number;
  task: number;
  epic: number;
  legend: number;
}

/** `sase bead stats`. */
export function beadStats(issues: readonly Issue[]): BeadStats {
  const stats: BeadStats = {
    total: issues.length,
    open: 0,
    in_progress: 0,
    ready: 0,
    closed: 0,
    plan: 0,
    phase: 0,
    task: 0,
    epic: 0,
    legend: 0,
  };
  const counts = stats as unknown as Record<string, number>;
  for (const issue of issues) {
    if (issue.status in counts && issue.status !== "total") counts[issue.status]++;
    if (issue.issue_type in counts) counts[issue.issue_type]++;
    if (issue.tier === "epic" || issue.tier === "legend") counts[issue.tier]++;
  }
  return stats;
}
