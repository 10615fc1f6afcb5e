/**
 * The read commands: list, ready, blocked, show, search, stats.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { usageError } from "../../core/errors.ts";
import { ISSUE_TYPES, READ_STATUSES, TIERS } from "../../core/bead/model.ts";
import { issueDetail, issuesOfRows } from "../../core/bead/query.ts";
import type { RowsForm, RowsOf } from "../../core/bead/row_reads.ts";
import {
  beadStoreStats,
  blockedBeadRows,
  listBeadRows,
  readyBeadRows,
  searchBeads,
  showBead,
} from "../../core/bead/service.ts";
import { beadDetailWire, beadHitsWire, beadStatsWire } from "../../core/bead/wire.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { printJson, printJsonBytes, style, useColor } from "../shared/output.ts";
import { detailText, issueTable, typeLabel } from "./format.ts";

/** Refuse an option value outside `allowed`, naming the flag. */
function checkValues(
  flag: string,
  values: readonly string[] | undefined,
  allowed: readonly string[],
): void {
  for (const value of values ?? []) {
    if (!allowed.includes(value)) {
      throw usageError(`${flag}: expected one of ${allowed.join(", ")}, got '${value}'`);
    }
  }
}

/**
 * Print beads as a table, or with `json` their rows (`BeadRowWire`s, see
 * `core/bead/wire.ts`) as SQLite prints them; `read` reads them in a form.
 */
async function printBeads(
  read: <F extends RowsForm>(form: F) => Promise<RowsOf<F>>,
  json: boolean | undefined,
): Promise<void> {
  if (json) printJsonBytes(await read("printed"));
  else console.log(issueTable(issuesOfRows(await read("json"))));
}

/** Run `sase bead list`. */
export async function runList(
  app: AppContext,
  options: { status?: string[]; type?: string[]; tier?: string[]; json?: boolean },
): Promise<void> {
  checkValues("--status", options.status, READ_STATUSES);
  checkValues("--type", options.type, ISSUE_TYPES);
  checkValues("--tier", options.tier, TIERS);
  const filter = { statuses: options.status, types: options.type, tiers: options.tier };
  await printBeads((form) => listBeadRows(app, form, filter), options.json);
}

/** Run `sase bead ready`. */
export async function runReady(app: AppContext, options: { json?: boolean }): Promise<void> {
  await printBeads((form) => readyBeadRows(app, form), options.json);
}

/** Run `sase bead blocked`. */
export async function runBlocked(app: AppContext, options: { json?: boolean }): Promise<void> {
  await printBeads((form) => blockedBeadRows(app, form), options.json);
}

/** Run `sase bead show ID`. */
export async function runShow(
  app: AppContext,
  id: string,
  options: { json?: boolean },
): Promise<void> {
  const detail = await showBead(app, id);
  if (options.json) printJson(beadDetailWire(detail));
  else console.log(detailText(detail));
}

function highlight(text: string, query: string, color: boolean): string {
  const clipped = text.length > 160 ? text.slice(0, 157) + "..." : text;
  if (!color) return clipped;
  const at = clipped.toLowerCase().indexOf(query.toLowerCase());
  if (at < 0) return clipped;
  return clipped.slice(0, at) + style("yellow", clipped.slice(at, at + query.length), true) +
    clipped.slice(at + query.length);
}

/** Run `sase bead search QUERY`. */
export async function runSearch(
  app: AppContext,
  query: string,
  options: {
    color: string;
    format: string;
    limit: string;
    status?: string[];
    tier?: string[];
    type?: string[];
  },
): Promise<void> {
  checkValues("--color", [options.color], ["auto", "always", "never"]);
  checkValues("--format", [options.format], ["compact", "json", "full"]);
  checkValues("--status", options.status, READ_STATUSES);
  checkValues("--type", options.type, ISSUE_TYPES);
  checkValues("--tier", options.tier, TIERS);
  if (!/^\d+$/.test(options.limit)) {
    throw usageError(`--limit: expected a non-negative integer, got '${options.limit}'`);
  }
  const { hits, all } = await searchBeads(app, query, {
    statuses: options.status,
    types: options.type,
    tiers: options.tier,
    limit: Number(options.limit),
  });
  if (options.format === "json") return printJson(beadHitsWire(hits));
  if (options.format === "full") {
    return console.log(
      hits.map((hit) =>
        `${detailText(issueDetail(all, hit.issue.id))}\nMatched:     ${
          hit.matchedFields.join(", ")
        }`
      ).join("\n\n") || "No matches.",
    );
  }
  const color = options.color === "always" || (options.color === "auto" && useColor());
  if (hits.length === 0) return console.log("No matches.");
  for (const hit of hits) {
    const snippet = highlight(
      neutralizeControls(hit.snippet, { keepLayout: false }),
      query,
      color,
    );
    console.log(
      `${style("cyan", hit.issue.id, color)} [${neutralizeControls(hit.issue.status)}] ${
        neutralizeControls(typeLabel(hit.issue))
      } ${style("bold", neutralizeControls(hit.issue.title, { keepLayout: false }), color)}\n    ${
        hit.matchedFields.join(",")
      }: ${snippet}`,
    );
  }
}

/** Run `sase bead stats`. */
export async function runStats(app: AppContext, options: { json?: boolean }): Promise<void> {
  const stats = await beadStoreStats(app);
  if (options.json) return printJson(beadStatsWire(stats));
  console.log(
    [
      `Total:       ${stats.total}`,
      `Open:        ${stats.open}`,
      ...(stats.claimed ? [`Claimed:     ${stats.claimed}`] : []),
      `In progress: ${stats.inProgress}`,
      `Ready:       ${stats.ready}`,
      ...(stats.snoozed ? [`Snoozed:     ${stats.snoozed}`] : []),
      `Closed:      ${stats.closed}`,
      ...(stats.otherStatus
        ? [`Other:       ${stats.otherStatus} (see \`sase bead doctor\`)`]
        : []),
      `Plans:       ${stats.plan} (epics ${stats.epic}, legends ${stats.legend})`,
      `Phases:      ${stats.phase}`,
      ...(stats.task ? [`Tasks:       ${stats.task}`] : []),
    ].join("\n"),
  );
}
