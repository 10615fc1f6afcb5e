/**
 * `sase plan search [QUERY]`: prior plans, SDD first, then the archive.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import type { SddTier } from "../../core/sdd/layout.ts";
import { type PlanHit, searchPlans } from "../../core/sdd/plan_search.ts";
import { planSearchWire } from "../../core/sdd/wire.ts";
import { plural } from "../../core/text/plural.ts";
import { printJson, style } from "../shared/output.ts";
import { inert, inertBlock } from "./inert.ts";

function renderMarkdown(hits: readonly PlanHit[]): string {
  return hits.map((hit) =>
    `## ${inert(hit.title)}\n\n- source: ${hit.source}\n- path: ${inert(hit.path)}\n- tier: ${
      inert(hit.tier)
    }\n- status: ${inert(hit.status ?? "-")}\n- created: ${inert(hit.created)}\n\n${
      inertBlock(hit.body.trim())
    }\n`
  ).join("\n");
}

function renderText(hits: readonly PlanHit[], full: boolean): string {
  const lines: string[] = [];
  for (const source of ["sdd", "local"] as const) {
    const group = hits.filter((hit) => hit.source === source);
    if (group.length === 0) continue;
    lines.push(
      style("dim", `— ${source === "sdd" ? "SDD plans" : "Local archive"} (${group.length}) —`),
    );
    for (const hit of group) {
      lines.push(
        `${style("bold", inert(hit.title))}  ${
          style("dim", inert(`${hit.tier} · ${hit.created} · ${hit.path}`))
        }`,
      );
      if (full) lines.push(inertBlock(hit.body.trim()), style("dim", "─".repeat(40)));
      else if (hit.snippet) lines.push(`  ${inert(hit.snippet)}`);
    }
  }
  const sdd = hits.filter((hit) => hit.source === "sdd").length;
  lines.push(
    `${plural(hits.length, "match", "matches")} (${sdd} SDD · ${hits.length - sdd} local)`,
  );
  return lines.join("\n");
}

/** Run `sase plan search`. */
export async function runSearch(
  app: AppContext,
  query: string | undefined,
  options: {
    kind?: SddTier;
    status?: string;
    source?: "sdd" | "local";
    since?: string;
    until?: string;
    format: "compact" | "full" | "json" | "markdown";
    json?: boolean;
  },
): Promise<void> {
  const hits = await searchPlans(app, {
    query,
    kind: options.kind,
    status: options.status,
    source: options.source,
    since: options.since,
    until: options.until,
  });
  const format = options.json ? "json" : options.format;
  if (format === "json") printJson(planSearchWire(hits));
  else if (format === "markdown") console.log(renderMarkdown(hits));
  else console.log(renderText(hits, format === "full"));
}
