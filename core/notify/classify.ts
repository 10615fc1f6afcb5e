/**
 * Which inbox section a notification belongs to, and what it does to the
 * unread indicator (handbook 14.2.2 and 14.2.5).
 *
 * Lives in core so the CLI, ACE, toasts and the mobile gateway classify the
 * same row the same way.
 *
 * @module
 */

import type { Notification } from "./model.ts";
import { parseTimestamp } from "./time.ts";

/** The four fixed sections, in the order they are shown. */
export const SECTIONS = ["priority", "errors", "inbox", "muted"] as const;

/** One inbox section. */
export type Section = typeof SECTIONS[number];

/** Actions that always need the user's attention. */
const PRIORITY_ACTIONS: ReadonlySet<string> = new Set([
  "PlanApproval",
  "EpicApproval",
  "LaunchApproval",
  "UserQuestion",
  "JumpToMentorReview",
]);

/** Senders whose non-error notifications are priority (axe, CRS workflow results). */
const PRIORITY_SENDERS: ReadonlySet<string> = new Set(["axe", "crs"]);

/** Senders whose `ViewErrorReport` rows are error reports. */
const ERROR_SENDERS: ReadonlySet<string> = new Set(["axe", "user-agent"]);

/** An axe error digest or an agent error report. */
export function isError(record: Notification): boolean {
  return record.action === "ViewErrorReport" && ERROR_SENDERS.has(record.sender);
}

/** Plan approvals, questions, mentor reviews, non-error axe rows and CRS results. */
export function isPriority(record: Notification): boolean {
  if (isError(record)) return false;
  if (record.action && PRIORITY_ACTIONS.has(record.action)) return true;
  return PRIORITY_SENDERS.has(record.sender);
}

/** Whether a snooze is still running at `now` (unparseable deadlines count as running). */
export function isSnoozed(record: Notification, now: number = Date.now()): boolean {
  if (!record.snooze_until) return false;
  const until = parseTimestamp(record.snooze_until);
  return until === undefined || until > now;
}

/**
 * Whether the row is effectively muted. A snooze implies mute, and an expired
 * snooze releases the row even before a writer has cleared the stored flags,
 * so the row "re-emerges on its own" as the handbook says.
 */
export function isMuted(record: Notification, now: number = Date.now()): boolean {
  if (record.snooze_until) return isSnoozed(record, now);
  return record.muted === true;
}

/** The section a row is shown in; mute dominates priority. */
export function sectionOf(record: Notification, now: number = Date.now()): Section {
  if (isMuted(record, now)) return "muted";
  if (isError(record)) return "errors";
  if (isPriority(record)) return "priority";
  return "inbox";
}

/** Unread, non-silent, non-dismissed rows per section. */
export type UnreadCounts = Record<Section, number>;

/** Count what the bell would count: silent and dismissed rows never do. */
export function unreadCounts(
  records: Iterable<Notification>,
  now: number = Date.now(),
): UnreadCounts {
  const counts: UnreadCounts = { priority: 0, errors: 0, inbox: 0, muted: 0 };
  for (const record of records) {
    if (record.read || record.dismissed || record.silent) continue;
    counts[sectionOf(record, now)] += 1;
  }
  return counts;
}

/** The top-bar indicator colour for a set of unread counts. */
export type Indicator = "orange" | "gold" | "cyan" | "none";

/** Orange for priority/errors, gold for inbox, cyan for muted only, none otherwise. */
export function indicatorFor(counts: UnreadCounts): Indicator {
  if (counts.priority + counts.errors > 0) return "orange";
  if (counts.inbox > 0) return "gold";
  if (counts.muted > 0) return "cyan";
  return "none";
}
