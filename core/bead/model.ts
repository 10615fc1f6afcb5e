/**
 * The bead data model: issues, dependencies and their on-disk row shape.
 *
 * Rows are read leniently (legacy stores lack newer fields, which get the
 * documented defaults) and written in one canonical key order so the
 * generated `issues.jsonl` is byte-compatible with the upstream projection.
 *
 * @module
 */

/** Statuses `sase bead update --status` sets; `ready` is the triaged-task status newer stores use. */
export const STATUSES = ["open", "in_progress", "ready", "closed"] as const;
/** A bead status. */
export type Status = (typeof STATUSES)[number];

/**
 * Every status a store may hold and a read may filter on: the original also
 * writes `claimed` and `snoozed` (a snooze needs a wake time, so `update`
 * never sets it).
 */
export const READ_STATUSES = [
  "open",
  "claimed",
  "in_progress",
  "ready",
  "snoozed",
  "closed",
] as const;

/** Bead types: plans (containers), phases (their executable children), tasks. */
export const ISSUE_TYPES = ["plan", "phase", "task"] as const;
/** A bead type. */
export type IssueType = (typeof ISSUE_TYPES)[number];

/** Plan-bead tiers. */
export const TIERS = ["plan", "epic", "legend"] as const;
/** A plan-bead tier. */
export type Tier = (typeof TIERS)[number];

/** Status icons used by human output. */
export const STATUS_ICONS: Readonly<Record<string, string>> = {
  open: "○",
  in_progress: "◐",
  ready: "●",
  claimed: "◑",
  snoozed: "◈",
  closed: "✓",
};

/** One "A depends on B" edge. */
export interface Dependency {
  issue_id: string;
  depends_on_id: string;
  created_at: string;
  created_by: string;
}

/** A bead as stored in the projection and reduced from events. */
export interface Issue {
  id: string;
  title: string;
  status: string;
  issue_type: string;
  tier: string | null;
  epic_count: number | null;
  parent_id: string | null;
  owner: string;
  assignee: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  closed_at: string | null;
  close_reason: string | null;
  description: string;
  notes: string;
  design: string;
  model: string;
  is_ready_to_work: boolean;
  changespec_name: string;
  changespec_bug_id: string;
  dependencies: Dependency[];
  /** Fields this implementation does not model, kept verbatim so no user data is lost. */
  extra: Record<string, unknown>;
}

/** The text fields of the model (`""` when unset). */
export const TEXT_KEYS = [
  "title",
  "owner",
  "assignee",
  "created_at",
  "created_by",
  "updated_at",
  "description",
  "notes",
  "design",
  "model",
  "changespec_name",
  "changespec_bug_id",
] as const;

/** The text fields of the model that are `null` when unset. */
export const NULLABLE_TEXT_KEYS = ["tier", "parent_id", "closed_at", "close_reason"] as const;

/** Keys the model owns, in the canonical projection order. */
export const KNOWN_KEYS = [
  "id",
  "title",
  "status",
  "issue_type",
  "tier",
  "epic_count",
  "parent_id",
  "owner",
  "assignee",
  "created_at",
  "created_by",
  "updated_at",
  "closed_at",
  "close_reason",
  "description",
  "notes",
  "design",
  "model",
  "is_ready_to_work",
  "changespec_name",
  "changespec_bug_id",
  "dependencies",
] as const;
const KNOWN = new Set<string>(KNOWN_KEYS);

/** Whether `key` is a field the model owns (everything else is kept in `extra`). */
export function isKnownKey(key: string): boolean {
  return KNOWN.has(key);
}

/** Rebuild an issue from a row this implementation wrote itself (no validation: fast path). */
export function issueFromTrustedRow(row: Record<string, unknown>): Issue {
  const extra: Record<string, unknown> = {};
  for (const key in row) if (!KNOWN.has(key)) extra[key] = row[key];
  const issue = { ...row, extra } as unknown as Issue;
  for (const key in extra) delete (issue as unknown as Record<string, unknown>)[key];
  issue.tier ??= null;
  issue.epic_count ??= null;
  return issue;
}

/**
 * The canonical row object: known fields in projection order
 * ({@linkcode KNOWN_KEYS}; `tier` and `epic_count` only when set, as
 * upstream omits them), then unknown fields. Written field by field: every
 * bead of a rebuild goes through here, and a row built in a fixed order is
 * several times faster to build and serialise than one built in a loop.
 */
export function issueToRow(issue: Issue): Record<string, unknown> {
  const row: Record<string, unknown> = {
    id: issue.id,
    title: issue.title,
    status: issue.status,
    issue_type: issue.issue_type,
  };
  if (issue.tier !== null) row.tier = issue.tier;
  if (issue.epic_count !== null) row.epic_count = issue.epic_count;
  row.parent_id = issue.parent_id;
  row.owner = issue.owner;
  row.assignee = issue.assignee;
  row.created_at = issue.created_at;
  row.created_by = issue.created_by;
  row.updated_at = issue.updated_at;
  row.closed_at = issue.closed_at;
  row.close_reason = issue.close_reason;
  row.description = issue.description;
  row.notes = issue.notes;
  row.design = issue.design;
  row.model = issue.model;
  row.is_ready_to_work = issue.is_ready_to_work;
  row.changespec_name = issue.changespec_name;
  row.changespec_bug_id = issue.changespec_bug_id;
  row.dependencies = issue.dependencies.map((dep) => ({
    issue_id: dep.issue_id,
    depends_on_id: dep.depends_on_id,
    created_at: dep.created_at,
    created_by: dep.created_by,
  }));
  for (const key in issue.extra) {
    const value = issue.extra[key];
    if (value !== null && value !== undefined) row[key] = value;
  }
  return row;
}

/** A deep copy of an issue (reducers mutate their own copies). */
export function cloneIssue(issue: Issue): Issue {
  return {
    ...issue,
    dependencies: issue.dependencies.map((dep) => ({ ...dep })),
    extra: { ...issue.extra },
  };
}

/** Byte-order comparison of ids, the projection's sort order. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The root (stream) id of a bead: everything before the first dot. */
export function rootIdOf(id: string): string {
  const dot = id.indexOf(".");
  return dot === -1 ? id : id.slice(0, dot);
}

/** A fresh issue with every default filled in. */
export function newIssue(fields: Partial<Issue> & Pick<Issue, "id" | "title">): Issue {
  return {
    status: "open",
    issue_type: "plan",
    tier: null,
    epic_count: null,
    parent_id: null,
    owner: "",
    assignee: "",
    created_at: "",
    created_by: "",
    updated_at: "",
    closed_at: null,
    close_reason: null,
    description: "",
    notes: "",
    design: "",
    model: "",
    is_ready_to_work: false,
    changespec_name: "",
    changespec_bug_id: "",
    dependencies: [],
    extra: {},
    ...fields,
  };
}
