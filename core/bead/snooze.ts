/**
 * Snoozed tasks wake when their time passes.
 *
 * The events (and so `issues.jsonl`) keep a snoozed task `snoozed`, with its
 * record, until something wakes it explicitly, exactly as the original
 * writes them. Reads apply the clock: once the snooze's `until` time has
 * passed, the task reads as `ready` (the status both wake paths return a
 * snoozed task to), so it is offered as work again and every status count
 * adds up. A snooze whose `until` cannot be parsed never wakes by itself.
 *
 * @module
 */

import type { Issue } from "./model.ts";

/** The wake time (epoch ms) of a snoozed bead, or `undefined` (not snoozed, or no usable time). */
export function snoozeWakeTime(issue: Issue): number | undefined {
  if (issue.status !== "snoozed") return undefined;
  const snooze = issue.extra.snooze as { until?: unknown } | undefined;
  if (typeof snooze?.until !== "string") return undefined;
  const time = Date.parse(snooze.until);
  return Number.isNaN(time) ? undefined : time;
}

/** SQL: `'ready'` when the snooze of the cache row aliased `alias` has woken at `:now`, else NULL. */
export function wokeStatusSql(alias: string): string {
  return `(CASE WHEN ${alias}.status = 'snoozed' AND ${alias}.snooze_until <= :now THEN 'ready' END)`;
}

/** SQL for the effective status of the cache row aliased `alias` (binds `:now`). */
export function effectiveStatusSql(alias: string): string {
  return `COALESCE(${wokeStatusSql(alias)}, ${alias}.status)`;
}
