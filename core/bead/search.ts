/**
 * `sase bead search`: a case-insensitive literal substring over the indexed
 * text fields (never timestamps), reporting which fields matched and the
 * matching line of multi-line fields as the snippet.
 *
 * @module
 */

import type { Issue } from "./model.ts";

/** Indexed fields, in the order results report them. */
export const SEARCH_FIELDS = [
  "id",
  "title",
  "description",
  "notes",
  "design",
  "owner",
  "assignee",
  "model",
  "changespec_name",
  "changespec_bug_id",
  "status",
  "issue_type",
  "tier",
] as const;

/** Search options. */
export interface SearchOptions {
  statuses?: readonly string[];
  types?: readonly string[];
  tiers?: readonly string[];
  /** 0 or undefined: unlimited. */
  limit?: number;
}

/** One search hit. */
export interface SearchHit {
  issue: Issue;
  /** The fields the query was found in, in search order. */
  matchedFields: string[];
  /** The first matching line of the first matched field. */
  snippet: string;
}

function fieldText(issue: Issue, field: (typeof SEARCH_FIELDS)[number]): string {
  const value = (issue as unknown as Record<string, unknown>)[field];
  return typeof value === "string" ? value : "";
}

/** Run a search; `query` must be non-empty (the CLI rejects blank queries). */
export function searchIssues(
  issues: readonly Issue[],
  query: string,
  options: SearchOptions = {},
): SearchHit[] {
  const needle = query.toLowerCase();
  const hits: SearchHit[] = [];
  for (const issue of issues) {
    if (options.statuses?.length && !options.statuses.includes(issue.status)) continue;
    if (options.types?.length && !options.types.includes(issue.issue_type)) continue;
    if (options.tiers?.length && !options.tiers.includes(issue.tier ?? "")) continue;
    const matched: string[] = [];
    let snippet = "";
    for (const field of SEARCH_FIELDS) {
      const text = fieldText(issue, field);
      if (!text.toLowerCase().includes(needle)) continue;
      matched.push(field);
      if (snippet === "") {
        snippet = text.split("\n").find((line) => line.toLowerCase().includes(needle))?.trim() ??
          text;
      }
    }
    if (matched.length === 0) continue;
    hits.push({ issue, matchedFields: matched, snippet });
    if (options.limit && hits.length >= options.limit) break;
  }
  return hits;
}
