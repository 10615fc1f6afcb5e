/**
 * Human output of bead commands.
 *
 * @module
 */

import { type Issue, STATUS_ICONS } from "../../core/bead/model.ts";
import type { IssueDetail } from "../../core/bead/query.ts";
import { neutralizeControls } from "../../core/text/control_chars.ts";
import { formatTable, style } from "../shared/output.ts";

/** Agent-written text for one table cell or line: controls (newlines too) made visible. */
function inline(text: string): string {
  return neutralizeControls(text, { keepLayout: false });
}

function statusText(status: string): string {
  return `${STATUS_ICONS[status] ?? "?"} ${status === "" ? "(blank)" : inline(status)}`;
}

/** The type column: `plan/epic`, `phase`, `task`. */
export function typeLabel(issue: Issue): string {
  return inline(
    issue.issue_type === "plan" && issue.tier ? `plan/${issue.tier}` : issue.issue_type,
  );
}

/** A table of beads (id, status, type, title, assignee). */
export function issueTable(issues: readonly Issue[]): string {
  if (issues.length === 0) return "No issues found.";
  return formatTable(
    ["ID", "STATUS", "TYPE", "TITLE", "ASSIGNEE"],
    issues.map((issue) => [
      style("cyan", issue.id),
      statusText(issue.status),
      typeLabel(issue),
      inline(issue.title),
      inline(issue.assignee),
    ]),
  );
}

function ref(issue: Issue | null, fallback: string): string {
  return issue
    ? `${issue.id} ${STATUS_ICONS[issue.status] ?? "?"} ${inline(issue.title)}`
    : `${inline(fallback)} (missing)`;
}

/** The `show` view (every text others wrote is shown with its control characters made visible). */
export function detailText(detail: IssueDetail): string {
  const issue = detail.issue;
  const lines: string[] = [
    `${style("bold", issue.id)}: ${inline(issue.title)}`,
    `Status:      ${statusText(issue.status)}`,
    `Type:        ${inline(issue.issue_type)}`,
  ];
  const add = (label: string, value: string | number | null | undefined) => {
    if (value !== null && value !== undefined && value !== "") {
      lines.push(`${label.padEnd(12)} ${inline(String(value))}`);
    }
  };
  add("Tier:", issue.tier);
  add("Epic count:", issue.epic_count);
  add("Parent:", issue.parent_id ? ref(detail.ancestors[0] ?? null, issue.parent_id) : "");
  add("Plan:", issue.design);
  add("Owner:", issue.owner);
  add("Assignee:", issue.assignee);
  add("Model:", issue.model);
  add("ChangeSpec:", issue.changespec_name);
  add("Bug ID:", issue.changespec_bug_id);
  add("Ready:", issue.is_ready_to_work ? "yes (ready to work)" : "");
  add("Created:", `${issue.created_at}${issue.created_by ? ` by ${issue.created_by}` : ""}`);
  add("Updated:", issue.updated_at);
  const snooze = issue.extra.snooze as { until?: unknown; reason?: unknown } | undefined;
  if (typeof snooze?.until === "string") {
    const reason = typeof snooze.reason === "string" && snooze.reason ? ` (${snooze.reason})` : "";
    // A snooze whose time passed reads as ready; say so rather than hide the record.
    add("Snooze:", `${issue.status === "snoozed" ? "until" : "ended"} ${snooze.until}${reason}`);
  }
  add("Closed:", issue.closed_at);
  add("Reason:", issue.close_reason);
  if (detail.children.length > 0) {
    lines.push("Children:");
    for (const child of detail.children) lines.push(`  ${ref(child, child.id)}`);
  }
  if (issue.dependencies.length > 0) {
    lines.push("Depends on:");
    issue.dependencies.forEach((dep, index) =>
      lines.push(`  ${ref(detail.dependsOn[index], dep.depends_on_id)}`)
    );
  }
  if (detail.blockers.length > 0) {
    lines.push(`Blocked by:  ${detail.blockers.map((b) => b.id).join(", ")}`);
  }
  if (detail.blocks.length > 0) {
    lines.push(`Blocks:      ${detail.blocks.map((b) => b.id).join(", ")}`);
  }
  if (issue.description) {
    lines.push("", "Description:", indent(neutralizeControls(issue.description)));
  }
  if (issue.notes) lines.push("", "Notes:", indent(neutralizeControls(issue.notes)));
  return lines.join("\n");
}

function indent(text: string): string {
  return text.split("\n").map((line) => `  ${line}`).join("\n");
}
