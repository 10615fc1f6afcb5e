/**
 * Filtering, chips, dates and slugs for prompt history commands.
 *
 * @module
 */

import { usageError } from "../../errors.ts";
import { findReferences } from "../reference.ts";
import { findWorkspaceRefs } from "../workspace_refs.ts";
import type { PromptEntry } from "./model.ts";
import { parseSaseTimestamp, saseTimestamp } from "../../time.ts";

/** Project, xprompt and directive hints of a prompt (`gh:sase`, `#review`, `%model`). */
export function promptChips(
  text: string,
): { projects: string[]; xprompts: string[]; directives: string[] } {
  const projects = [...new Set(findWorkspaceRefs(text).map((ref) => `${ref.kind}:${ref.ref}`))];
  const workspace = new Set(["cd", "git", "gh", "hg"]);
  const xprompts = [
    ...new Set(
      findReferences(text).filter((ref) => !workspace.has(ref.name)).map((ref) =>
        `${ref.marker}${ref.name}`
      ),
    ),
  ];
  const directives = [
    ...new Set([...text.matchAll(/(?<=^|\s)%([A-Za-z_]+)/g)].map((m) => `%${m[1]}`)),
  ];
  return { projects, xprompts, directives };
}

/** One-line preview. */
export function preview(text: string, width = 60): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}

/** A file-name slug from the preview text. */
export function slugify(text: string, max = 40): string {
  const words = text.toLowerCase().replace(/[#%][\w/:.@-]+/g, " ").replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ").filter(Boolean);
  let slug = "";
  for (const word of words) {
    if ((slug + "-" + word).length > max) break;
    slug = slug ? `${slug}-${word}` : word;
  }
  return slug || "prompt";
}

/** Parse a `--after`/`--before` value into a `YYMMDD_HHMMSS` bound. */
export function parseDateBound(value: string, now: Date = new Date()): string {
  const relative = /^(\d+)([dwmy])$/.exec(value);
  if (relative) {
    const date = new Date(now);
    const n = Number(relative[1]);
    if (relative[2] === "d") date.setDate(date.getDate() - n);
    if (relative[2] === "w") date.setDate(date.getDate() - 7 * n);
    if (relative[2] === "m") date.setMonth(date.getMonth() - n);
    if (relative[2] === "y") date.setFullYear(date.getFullYear() - n);
    return saseTimestamp(date);
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (iso) return `${iso[1].slice(2)}${iso[2]}${iso[3]}_000000`;
  const month = /^((?:19|20)\d{2})(0[1-9]|1[0-2])$/.exec(value);
  if (month && Number(value.slice(2, 4)) > 12) return `${month[1].slice(2)}${month[2]}01_000000`;
  if (parseSaseTimestamp(value)) return value.length === 6 ? `${value}_000000` : value;
  throw usageError(
    `unparseable date '${value}'`,
    "use 2026-06-01, 202606, 260601, 260601_143000 or 30d/2w/6m/1y",
  );
}

/** Filters shared by `list`, `search` and `prune`. */
export interface EntryFilter {
  query?: string;
  cancelled?: "only" | "exclude" | "include";
  after?: string;
  before?: string;
}

/** Whether an entry passes `filter`. */
export function matchesFilter(entry: PromptEntry, filter: EntryFilter): boolean {
  const mode = filter.cancelled ?? "exclude";
  if (mode === "only" && !entry.cancelled) return false;
  if (mode === "exclude" && entry.cancelled) return false;
  if (filter.query && !entry.text.toLowerCase().includes(filter.query.toLowerCase())) return false;
  if (filter.after && entry.last_used < filter.after) return false;
  if (filter.before && entry.last_used > filter.before) return false;
  return true;
}
