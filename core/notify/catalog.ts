/**
 * The read side of the inbox: filter, sort and find notifications (their
 * wire form is in `wire.ts`).
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { normalizeTag, type Notification, withDefaults } from "./model.ts";
import { parseTimestamp } from "./time.ts";

/** Filters of `sase notify list`. */
export interface ListFilter {
  /** Keep at most this many rows (after sorting). */
  limit?: number;
  /** Case-insensitive substring over id, sender, notes, files, action, action data and tags. */
  query?: string;
  /** Exact normalized tag. */
  tag?: string;
  /** Exact sender. */
  sender?: string;
  /** Only rows not yet read. */
  unread?: boolean;
  /** Include dismissed rows (hidden by default). */
  all?: boolean;
}

function searchable(record: Notification): string[] {
  const view = withDefaults(record);
  const values = [view.id, view.sender, ...view.notes, ...view.files, ...view.tags];
  if (view.action) values.push(view.action);
  for (const value of Object.values(view.action_data)) {
    values.push(typeof value === "string" ? value : JSON.stringify(value));
  }
  return values;
}

/** Whether `record` matches a `-q` query (case-insensitive substring). */
export function matchesQuery(record: Notification, query: string): boolean {
  const needle = query.toLowerCase();
  return searchable(record).some((value) => value.toLowerCase().includes(needle));
}

/**
 * Newest first by `timestamp`; equal stamps keep file order; unparseable
 * stamps go last. `timeOf` reads a record's stamp (a long-lived reader
 * passes one that remembers each record's).
 */
export function sortNewestFirst(
  records: readonly Notification[],
  timeOf: (record: Notification) => number | undefined = (record) =>
    parseTimestamp(record.timestamp),
): Notification[] {
  return records
    .map((record, index) => ({ record, index, ms: timeOf(record) }))
    .sort((a, b) => {
      if (a.ms === undefined || b.ms === undefined) {
        if (a.ms === b.ms) return a.index - b.index;
        return a.ms === undefined ? 1 : -1;
      }
      return b.ms - a.ms || a.index - b.index;
    })
    .map((entry) => entry.record);
}

/** Apply `sase notify list` filters and ordering. */
export function filterNotifications(
  records: readonly Notification[],
  filter: ListFilter = {},
): Notification[] {
  const tag = filter.tag === undefined ? undefined : normalizeTag(filter.tag);
  const kept = records.filter((record) => {
    if (!filter.all && record.dismissed) return false;
    if (filter.sender !== undefined && record.sender !== filter.sender) return false;
    if (filter.unread && record.read) return false;
    if (tag !== undefined && !(record.tags ?? []).includes(tag)) return false;
    if (filter.query && !matchesQuery(record, filter.query)) return false;
    return true;
  });
  const sorted = sortNewestFirst(kept);
  return filter.limit === undefined ? sorted : sorted.slice(0, Math.max(0, filter.limit));
}

/**
 * Find one notification (dismissed ones included) by exact id, or by a unique
 * id prefix as the mobile gateway's short ids are.
 */
export function findNotification(records: readonly Notification[], ref: string): Notification {
  const exact = records.find((record) => record.id === ref);
  if (exact) return exact;
  const matches = ref ? records.filter((record) => record.id.startsWith(ref)) : [];
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    throw new SaseError("notify.ambiguous", `notification id prefix '${ref}' is ambiguous`, {
      hint: `it matches ${matches.slice(0, 5).map((record) => record.id).join(", ")}`,
      kind: "conflict",
    });
  }
  throw new SaseError("notify.not_found", `no notification with id '${ref}'`, {
    hint: "list ids with `sase notify list -a`",
    kind: "not-found",
  });
}
