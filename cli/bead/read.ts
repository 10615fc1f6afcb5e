/**
 * Read commands: list, ready, blocked, show, search, stats.
 *
 * @module
 */

import type { Command } from "@commander-js/extra-typings";
import { usageError } from "../../core/errors.ts";
import { ISSUE_TYPES, issueToRow, READ_STATUSES, TIERS } from "../../core/bead/model.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import {
  allIssues,
  beadStats,
  blockedIssues,
  issueDetail,
  listIssues,
  readyIssues,
} from "../../core/bead/query.ts";
import { searchIssues } from "../../core/bead/search.ts";
import { openView, type StoreView } from "../../core/bead/view.ts";
import { JSON_FLAG, JSON_HELP, printJson, style, useColor } from "../shared/output.ts";
import { activeStoreDir, collect } from "./context.ts";
import { detailText, issueTable, typeLabel } from "./format.ts";
import { plural } from "../../core/text/plural.ts";

function checkValues(
  flag: string,
  values: readonly string[] | undefined,
  allowed: readonly string[],
) {
  for (const value of values ?? []) {
    if (!allowed.includes(value)) {
      throw usageError(`${flag}: expected one of ${allowed.join(", ")}, got '${value}'`);
    }
  }
}

async function withView<T>(fn: (view: StoreView) => T): Promise<T> {
  const view = await openView(await activeStoreDir());
  try {
    warnProblems(view);
    return fn(view);
  } finally {
    view.close();
  }
}

function warnProblems(view: StoreView): void {
  if (view.problems.length === 0) return;
  console.error(
    `warning: skipped ${
      plural(view.problems.length, "unreadable line or field", "unreadable lines or fields")
    } in the bead store; run \`sase bead doctor\``,
  );
}

/** Register list, ready, blocked, show, search and stats. */
export function registerRead(bead: Command): void {
  bead
    .command("list")
    .description("List beads (default: open, claimed, in_progress and ready)")
    .option("-s, --status <status>", "filter by status (repeatable)", collect)
    .option("-t, --type <type>", "filter by type: plan, phase (repeatable)", collect)
    .option("--tier <tier>", "filter by plan tier: plan, epic, legend (repeatable)", collect)
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => {
      checkValues("--status", options.status, READ_STATUSES);
      checkValues("--type", options.type, ISSUE_TYPES);
      checkValues("--tier", options.tier, TIERS);
      const issues = await withView((view) =>
        listIssues(view, { statuses: options.status, types: options.type, tiers: options.tier })
      );
      if (options.json) printJson(issues.map(issueToRow));
      else console.log(issueTable(issues));
    });

  bead
    .command("ready")
    .description("Show beads ready to work on (no open dependencies)")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => {
      const issues = await withView((view) => readyIssues(view));
      if (options.json) printJson(issues.map(issueToRow));
      else console.log(issueTable(issues));
    });

  bead
    .command("blocked")
    .description("Show beads with at least one active (non-closed) blocker")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => {
      const issues = await withView((view) => blockedIssues(view));
      if (options.json) printJson(issues.map(issueToRow));
      else console.log(issueTable(issues));
    });

  bead
    .command("show")
    .description("Show every detail of one bead")
    .argument("<id>", "bead id")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (id, options) => {
      const detail = await withView((view) => issueDetail(allIssues(view), id));
      if (!options.json) return console.log(detailText(detail));
      printJson({
        ...issueToRow(detail.issue),
        children: detail.children.map((child) => child.id),
        blocks: detail.blocks.map((issue) => issue.id),
        blockers: detail.blockers.map((issue) => issue.id),
      });
    });

  bead
    .command("search")
    .description("Case-insensitive substring search over bead text fields (includes closed)")
    .argument("<query>", "literal text to find")
    .option("-c, --color <mode>", "colour for compact output: auto, always, never", "auto")
    .option("-f, --format <format>", "compact, json or full", "compact")
    .option("-n, --limit <n>", "maximum results (0 = unlimited)", "0")
    .option("-s, --status <status>", "filter by status (repeatable)", collect)
    .option("--tier <tier>", "filter by plan tier (repeatable)", collect)
    .option("-t, --type <type>", "filter by type (repeatable)", collect)
    .action(async (query, options) => {
      if (query.trim() === "") throw usageError("search query must not be empty");
      checkValues("--color", [options.color], ["auto", "always", "never"]);
      checkValues("--format", [options.format], ["compact", "json", "full"]);
      checkValues("--status", options.status, READ_STATUSES);
      checkValues("--type", options.type, ISSUE_TYPES);
      checkValues("--tier", options.tier, TIERS);
      if (!/^\d+$/.test(options.limit)) {
        throw usageError(`--limit: expected a non-negative integer, got '${options.limit}'`);
      }
      const { hits, all } = await withView((view) => {
        const all = allIssues(view);
        const hits = searchIssues(all, query, {
          statuses: options.status,
          types: options.type,
          tiers: options.tier,
          limit: Number(options.limit),
        });
        return { hits, all };
      });
      if (options.format === "json") {
        return printJson(
          hits.map((hit) => ({ ...issueToRow(hit.issue), matched_fields: hit.matched_fields })),
        );
      }
      if (options.format === "full") {
        return console.log(
          hits.map((hit) =>
            `${detailText(issueDetail(all, hit.issue.id))}\nMatched:     ${
              hit.matched_fields.join(", ")
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
          } ${
            style("bold", neutralizeControls(hit.issue.title, { keepLayout: false }), color)
          }\n    ${hit.matched_fields.join(",")}: ${snippet}`,
        );
      }
    });

  bead
    .command("stats")
    .description("Counts by status and type")
    .option(JSON_FLAG, JSON_HELP)
    .action(async (options) => {
      const stats = await withView((view) => beadStats(allIssues(view)));
      if (options.json) return printJson(stats);
      console.log(
        [
          `Total:       ${stats.total}`,
          `Open:        ${stats.open}`,
          ...(stats.claimed ? [`Claimed:     ${stats.claimed}`] : []),
          `In progress: ${stats.in_progress}`,
          `Ready:       ${stats.ready}`,
          ...(stats.snoozed ? [`Snoozed:     ${stats.snoozed}`] : []),
          `Closed:      ${stats.closed}`,
          ...(stats.other_status
            ? [`Other:       ${stats.other_status} (see \`sase bead doctor\`)`]
            : []),
          `Plans:       ${stats.plan} (epics ${stats.epic}, legends ${stats.legend})`,
          `Phases:      ${stats.phase}`,
          ...(stats.task ? [`Tasks:       ${stats.task}`] : []),
        ].join("\n"),
      );
    });
}

function highlight(text: string, query: string, color: boolean): string {
  const clipped = text.length > 160 ? text.slice(0, 157) + "..." : text;
  if (!color) return clipped;
  const at = clipped.toLowerCase().indexOf(query.toLowerCase());
  if (at < 0) return clipped;
  return clipped.slice(0, at) + style("yellow", clipped.slice(at, at + query.length), true) +
    clipped.slice(at + query.length);
}
