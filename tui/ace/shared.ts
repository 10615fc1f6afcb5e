/**
 * Small helpers the ACE view models share: grouping in first-seen order,
 * the tier-guide gutter of nested rows, and the local-time stamps the
 * panels print.
 *
 * @module
 */

import { seg, type Segment } from "./segments.ts";

/** Group `items` by `key`, keeping the order in which each key first appears. */
export function groupInOrder<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** The gutter of a row nested `depth` banners deep: one `│` per enclosing banner. */
export function guides(depth: number): Segment[] {
  return depth === 0 ? [] : [seg("│ ".repeat(depth), "guide")];
}

/** Month abbreviations, January first. */
export const MONTHS = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];

/** Two digits. */
export function pad2(value: number): string {
  return String(value).padStart(2, "0");
}

/** `HH:MM:SS` of `date` in local time. */
export function clockTime(date: Date): string {
  return `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}`;
}

/**
 * An ISO time as `MM-DD HH:MM:SS` (`long`: `YYYY-MM-DD HH:MM:SS`) in local
 * time; text that is no time comes back as it was (the caller neutralises it).
 */
export function localStamp(iso: string, long = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = `${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
  return `${long ? `${date.getFullYear()}-` : ""}${day} ${clockTime(date)}`;
}
