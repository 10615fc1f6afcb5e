/**
 * `sase prompt search QUERY`: SDD prompt snapshots and local history.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { usageError } from "../../core/errors.ts";
import { preview } from "../../core/xprompt/history/query.ts";
import type { SearchHit } from "../../core/xprompt/history/search.ts";
import { searchPromptHistory } from "../../core/xprompt/history/service.ts";
import { promptSearchWire } from "../../core/xprompt/history/wire.ts";
import { plural } from "../../core/text/plural.ts";
import { printJson, style, useColor } from "../shared/output.ts";

/** Print `shown` hits (of `total`) as compact lines or full texts. */
function printHits(
  shown: readonly SearchHit[],
  total: number,
  query: string,
  full: boolean,
  color: boolean,
): void {
  if (shown.length === 0) {
    console.log(`No prompts match "${query}".`);
    return;
  }
  const mark = (text: string) =>
    color
      ? text.replace(
        new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi"),
        (m) => style("bold", m, true),
      )
      : text;
  for (const source of ["sdd", "local"] as const) {
    const group = shown.filter((hit) => hit.source === source);
    if (group.length === 0) continue;
    if (!full) {
      console.log(`— ${source === "sdd" ? "SDD prompts" : "Local history"} (${group.length}) —`);
    }
    for (const hit of group) {
      if (full) {
        console.log(
          `${"─".repeat(40)}\n${hit.id}${hit.path ? `  ${hit.path}` : ""}  ${hit.date}\n\n${
            mark(hit.text)
          }\n`,
        );
        continue;
      }
      const locator = hit.path ?? hit.id;
      console.log(
        `${mark(locator)}  ${hit.date}${hit.alsoInLocal ? "  (also in local history)" : ""}`,
      );
      const line = hit.matched.includes("body")
        ? hit.text.split("\n").find((l) => l.toLowerCase().includes(query.toLowerCase())) ?? ""
        : hit.plan && hit.matched.includes("plan")
        ? `plan: "${hit.plan}"`
        : `tag: "${hit.tags.join(", ")}"`;
      console.log(`    ${mark(preview(line, 100))}`);
    }
  }
  const sdd = shown.filter((hit) => hit.source === "sdd").length;
  console.log(
    `${plural(total, "match", "matches")} (${sdd} SDD · ${
      shown.length - sdd
    } local) · showing ${shown.length}`,
  );
}

/** Run `sase prompt search`. */
export async function runSearch(
  app: AppContext,
  query: string,
  options: {
    source: string;
    tag: string[];
    cancelled?: boolean;
    after?: string;
    before?: string;
    limit: number;
    format: string;
    color: string;
  },
): Promise<void> {
  if (!["compact", "json", "full"].includes(options.format)) {
    throw usageError(`unknown format '${options.format}'`);
  }
  const { hits } = await searchPromptHistory(app, query, {
    source: options.source,
    tags: options.tag,
    cancelled: options.cancelled ? "only" : "exclude",
    after: options.after,
    before: options.before,
  });
  const shown = options.limit ? hits.slice(0, options.limit) : hits;
  if (options.format === "json") return printJson(promptSearchWire(query, shown, hits.length));
  const color = options.color === "always" || (options.color === "auto" && useColor());
  printHits(shown, hits.length, query, options.format === "full", color);
}
