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
import {
  compareIds,
  type Issue,
  ISSUE_TYPES,
  issueFromTrustedRow,
  type READ_STATUSES,
} from "./model.ts";
import { ALWAYS } from "./readiness.ts";
import { readRows, type RowsForm, type RowsOf } from "./row_reads.ts";
import { effectiveStatusSql, wokeStatusSql } from "./snooze.ts";

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

/**
 * A cache row as this read sees it: the stored `issues.jsonl` row, with the
 * status `ready` when the read's clock woke its snooze (see `snooze.ts`).
 * SQLite edits just that key in place, so the row keeps its key order.
 */
const SEEN_ROW = `CASE WHEN ${wokeStatusSql("i")} IS NOT NULL
  THEN json_set(i.row, '$.status', 'ready') ELSE i.row END`;

/**
 * A `ready_rows` row (aliased `r`) as this read sees it, printed: only a
 * snoozed bead is ready from a time of its own, so one listed with such a
 * time woke. Its status is a key of the printed element's own (indented by
 * four spaces, where no nested key is) and never its last.
 */
const SEEN_READY_ROW = `CASE WHEN r.ready_from != ${ALWAYS}
  THEN replace(r.printed, char(10) || '    "status": "snoozed",',
    char(10) || '    "status": "ready",')
  ELSE r.printed END`;

/** The rows of the cached issues `where` picks (over `issues i`) in form `form`. */
function issueRows<F extends RowsForm>(
  read: ReadContext,
  where: string,
  form: F,
  params: readonly string[] = [],
): RowsOf<F> {
  const query = { seen: SEEN_ROW, from: "issues i", where, id: "i.id" };
  return readRows(read.db, query, form, { now: read.now, params });
}

/** Issues from rows read in the `json` form. */
export function issuesOfRows(rows: string): Issue[] {
  return (JSON.parse(rows) as Array<Record<string, unknown>>).map(issueFromTrustedRow);
}

function select(read: ReadContext, where: string, params: readonly string[] = []): Issue[] {
  return issuesOfRows(issueRows(read, where, "json", params));
}

/** `sase bead list`: the beads' rows in form `form`. */
export function listRows<F extends RowsForm>(
  read: ReadContext,
  form: F,
  filter: ListFilter = {},
): RowsOf<F> {
  const params: string[] = [];
  const where =
    inClause(effectiveStatusSql("i"), filter.statuses ?? DEFAULT_LIST_STATUSES, params) +
    inClause("i.issue_type", filter.types ?? [], params) +
    inClause("i.tier", filter.tiers ?? [], params);
  return issueRows(read, `1 = 1${where}`, form, params);
}

/** `sase bead list`. */
export function listIssues(read: ReadContext, filter: ListFilter = {}): Issue[] {
  return issuesOfRows(listRows(read, "json", filter));
}

/**
 * `sase bead ready`: the beads' rows in form `form` (the rule is in the
 * module documentation; the cache keeps the beads that are or become ready,
 * and from when, see `readiness.ts`).
 */
export function readyRows<F extends RowsForm>(read: ReadContext, form: F): RowsOf<F> {
  const query = {
    seen: SEEN_READY_ROW,
    printed: SEEN_READY_ROW,
    from: "ready_rows r",
    where: "r.ready_from <= :now",
    id: "r.id",
  };
  return readRows(read.db, query, form, { now: read.now });
}

/** `sase bead ready` (the rule is in the module documentation). */
export function readyIssues(read: ReadContext): Issue[] {
  return issuesOfRows(readyRows(read, "json"));
}

/** `sase bead blocked`: the rows, in form `form`, of non-closed beads with a non-closed dependency. */
export function blockedRows<F extends RowsForm>(read: ReadContext, form: F): RowsOf<F> {
  return issueRows(read, "i.blocked = 1 AND i.status != 'closed'", form);
}

/** `sase bead blocked`: non-closed beads with at least one non-closed dependency. */
export function blockedIssues(read: ReadContext): Issue[] {
  return issuesOfRows(blockedRows(read, "json"));
}

/** Every issue, sorted by id. */
export function allIssues(read: ReadContext): Issue[] {
  return select(read, "1 = 1");
}

/** One issue or `undefined`. */
export function findIssue(read: ReadContext, id: string): Issue | undefined {
  return select(read, "i.id = ?", [id])[0];
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

/**
 * The detail view of `id` read from the cache, looking up only the beads it
 * names (the answer {@linkcode issueDetail} gives over every bead).
 */
export function detailOf(read: ReadContext, id: string): IssueDetail {
  const issue = findIssue(read, id);
  if (!issue) throw notFound(id);
  const ancestors: Array<Issue | null> = [];
  const seen = new Set<string>([id]);
  for (let parent = issue.parent_id; parent && !seen.has(parent);) {
    seen.add(parent);
    const found = findIssue(read, parent) ?? null;
    ancestors.push(found);
    parent = found?.parent_id ?? null;
  }
  const dependsOn = issue.dependencies.map((dep) => findIssue(read, dep.depends_on_id) ?? null);
  return {
    issue,
    ancestors,
    children: select(read, "i.parent_id = ?", [id]),
    dependsOn,
    blocks: select(read, "i.id IN (SELECT d.issue_id FROM deps d WHERE d.depends_on_id = ?)", [
      id,
    ]),
    blockers: dependsOn.filter((dep): dep is Issue => dep !== null && dep.status !== "closed"),
  };
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
