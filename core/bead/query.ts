/**
 * Read queries: list, ready, blocked, show, search, stats, children.
 *
 * `ready`, `blocked` and `list` run as SQL over the cache so a warm
 * `sase bead ready` touches only the rows it prints; the rest are pure
 * functions over issue arrays. Every read applies the clock to snoozes (see
 * `snooze.ts`), so an expired snooze reads as `ready` everywhere.
 *
 * Ready (the handbook's rule, plus the original's triaged status): a bead
 * whose every dependency is closed and that is either
 * - `ready` (the explicit triaged status of tasks; an expired snooze too), or
 * - `open`, unless it is a phase of a plan not yet marked ready to work: a
 *   phase becomes workable when its plan is launched (`sase bead work` marks
 *   the plan), or when the phase itself is marked ready to work.
 *
 * @module
 */

import type { DatabaseSync } from "node:sqlite";
import { SaseError } from "../errors.ts";
import { rowsToIssues } from "./cache.ts";
import { compareIds, type Issue, ISSUE_TYPES, type READ_STATUSES } from "./model.ts";
import { effectiveStatusSql, withEffectiveStatus } from "./snooze.ts";

/** What a query reads: the cache and the clock of this read. */
export interface ReadContext {
  db: DatabaseSync;
  /** Epoch ms snoozes are compared with. */
  now: number;
}

/** Filters of `sase bead list` (each list ORs its values; empty = any). */
export interface ListFilter {
  statuses?: readonly string[];
  types?: readonly string[];
  tiers?: readonly string[];
}

/** Statuses `sase bead list` shows without `--status`. */
export const DEFAULT_LIST_STATUSES = ["open", "claimed", "in_progress", "ready"] as const;

function inClause(column: string, values: readonly string[], params: string[]): string {
  if (values.length === 0) return "";
  params.push(...values);
  return ` AND ${column} IN (${values.map(() => "?").join(", ")})`;
}

function select(read: ReadContext, sql: string, params: readonly string[] = []): Issue[] {
  const statement = read.db.prepare(sql);
  // SQLite refuses a named parameter the statement does not use.
  const rows =
    (sql.includes(":now")
      ? statement.all({ now: read.now }, ...params)
      : statement.all(...params)) as Array<{ row: string }>;
  return rowsToIssues(rows).map((issue) => withEffectiveStatus(issue, read.now));
}

/** `sase bead list`. */
export function listIssues(read: ReadContext, filter: ListFilter = {}): Issue[] {
  const params: string[] = [];
  const where =
    inClause(effectiveStatusSql("i"), filter.statuses ?? DEFAULT_LIST_STATUSES, params) +
    inClause("i.issue_type", filter.types ?? [], params) +
    inClause("i.tier", filter.tiers ?? [], params);
  return select(read, `SELECT i.row FROM issues i WHERE 1 = 1${where} ORDER BY i.id`, params);
}

const ACTIVE_BLOCKER = `EXISTS (SELECT 1 FROM deps d JOIN issues b ON b.id = d.depends_on_id
  WHERE d.issue_id = i.id AND b.status != 'closed')`;

/** `sase bead ready` (the rule is in the module documentation). */
export function readyIssues(read: ReadContext): Issue[] {
  return select(
    read,
    `SELECT i.row FROM issues i WHERE NOT ${ACTIVE_BLOCKER} AND (
       ${effectiveStatusSql("i")} = 'ready'
       OR (i.status = 'open' AND (i.issue_type != 'phase' OR i.is_ready = 1
         OR NOT EXISTS (SELECT 1 FROM issues p WHERE p.id = i.parent_id AND p.issue_type = 'plan')
         OR EXISTS (SELECT 1 FROM issues p WHERE p.id = i.parent_id AND p.is_ready = 1))))
     ORDER BY i.id`,
  );
}

/** `sase bead blocked`: non-closed beads with at least one non-closed dependency. */
export function blockedIssues(read: ReadContext): Issue[] {
  return select(
    read,
    `SELECT i.row FROM issues i WHERE i.status != 'closed' AND ${ACTIVE_BLOCKER} ORDER BY i.id`,
  );
}

/** Every issue, sorted by id. */
export function allIssues(read: ReadContext): Issue[] {
  return select(read, "SELECT i.row FROM issues i ORDER BY i.id");
}

/** One issue or `undefined`. */
export function findIssue(read: ReadContext, id: string): Issue | undefined {
  return select(read, "SELECT i.row FROM issues i WHERE i.id = ?", [id])[0];
}

/** The "Issue not found" error every command raises for an unknown id. */
export function notFound(id: string): SaseError {
  return new SaseError("bead.not_found", `Issue not found: ${id}`, {
    hint: "run `sase bead list` or `sase bead search <text>` to find the id",
    kind: "not-found",
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
  dependsOn: Array<Issue | null>;
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
  const dependsOn = issue.dependencies.map((dep) => byId.get(dep.depends_on_id) ?? null);
  return {
    issue,
    ancestors,
    children: childrenOf(issues, id),
    dependsOn,
    blocks: issues.filter((other) => other.dependencies.some((dep) => dep.depends_on_id === id)),
    blockers: dependsOn.filter((dep): dep is Issue => dep !== null && dep.status !== "closed"),
  };
}

/** Counts for `sase bead stats`: the status counts always add up to `total`. */
export interface BeadStats {
  total: number;
  open: number;
  claimed: number;
  inProgress: number;
  ready: number;
  snoozed: number;
  closed: number;
  /** Any other status (a newer writer's, or a blank one the doctor reports). */
  otherStatus: number;
  plan: number;
  phase: number;
  task: number;
  epic: number;
  legend: number;
}

/** The count each status a reader knows goes to. */
const STATUS_COUNTS: Readonly<Record<(typeof READ_STATUSES)[number], keyof BeadStats>> = {
  open: "open",
  claimed: "claimed",
  in_progress: "inProgress",
  ready: "ready",
  snoozed: "snoozed",
  closed: "closed",
};
const COUNTED_TYPES = new Set<string>(ISSUE_TYPES);

/** `sase bead stats` over issues as read (expired snoozes already count as ready). */
export function beadStats(issues: readonly Issue[]): BeadStats {
  const stats: BeadStats = {
    total: issues.length,
    open: 0,
    claimed: 0,
    inProgress: 0,
    ready: 0,
    snoozed: 0,
    closed: 0,
    otherStatus: 0,
    plan: 0,
    phase: 0,
    task: 0,
    epic: 0,
    legend: 0,
  };
  const counts = stats as unknown as Record<string, number>;
  for (const issue of issues) {
    // Own keys only: a status such as `constructor` is just another unknown one.
    if (Object.hasOwn(STATUS_COUNTS, issue.status)) {
      counts[STATUS_COUNTS[issue.status as keyof typeof STATUS_COUNTS]]++;
    } else stats.otherStatus++;
    if (COUNTED_TYPES.has(issue.issue_type)) counts[issue.issue_type]++;
    if (issue.issue_type === "plan" && (issue.tier === "epic" || issue.tier === "legend")) {
      counts[issue.tier]++;
    }
  }
  return stats;
}
