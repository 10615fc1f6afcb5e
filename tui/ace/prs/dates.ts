/**
 * The calendar arithmetic of the PRs tab's BY_DATE grouping: which bucket
 * (Today, Yesterday, This Week, Earlier) a moment falls in relative to now,
 * and the labels of its sub-groups (4-hour windows, hours, days, Monday-start
 * weeks). Local time, as the handbook's `YYMMDD_HHMMSS` stamps are.
 *
 * @module
 */

import { MONTHS } from "../shared.ts";

/** The BY_DATE top-level buckets, newest first. */
export type DateBucket = "Today" | "Yesterday" | "This Week" | "Earlier";

/** The buckets in display order. */
export const DATE_BUCKETS: readonly DateBucket[] = ["Today", "Yesterday", "This Week", "Earlier"];

const DAY_MS = 86_400_000;
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** Local midnight of `date`. */
export function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

/** Local midnight of the Monday starting `date`'s week. */
export function startOfWeek(date: Date): Date {
  const day = startOfDay(date);
  const offset = (day.getDay() + 6) % 7;
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() - offset);
}

/** The bucket of `moment` seen from `now`; moments after now count as Today. */
export function dateBucket(moment: Date, now: Date): DateBucket {
  const today = startOfDay(now);
  if (moment >= today) return "Today";
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
  if (moment >= yesterday) return "Yesterday";
  if (moment >= startOfWeek(now)) return "This Week";
  return "Earlier";
}

function hour12(hour: number): string {
  const h = hour % 12 === 0 ? 12 : hour % 12;
  return `${h}${hour % 24 < 12 ? "AM" : "PM"}`;
}

/** The first hour (0, 4, ..., 20) of the 4-hour window holding `moment`. */
export function windowStart(moment: Date): number {
  return Math.floor(moment.getHours() / 4) * 4;
}

/** `8AM-12PM` for the window starting at `start`. */
export function windowLabel(start: number): string {
  return `${hour12(start)}-${hour12(start + 4)}`;
}

/** `09:00` for the hour of `moment`. */
export function hourLabel(moment: Date): string {
  return `${String(moment.getHours()).padStart(2, "0")}:00`;
}

function monthDay(date: Date): string {
  return `${MONTHS[date.getMonth()]} ${date.getDate()}`;
}

/** `Wed Mar 25` for the day of `moment`. */
export function dayLabel(moment: Date): string {
  return `${WEEKDAYS[moment.getDay()]} ${monthDay(moment)}`;
}

/** `Mar 16 - Mar 22` for the Monday-start week holding `moment`. */
export function weekLabel(moment: Date): string {
  const start = startOfWeek(moment);
  const end = new Date(start.getTime() + 6 * DAY_MS + DAY_MS / 2);
  return `${monthDay(start)} - ${monthDay(end)}`;
}
