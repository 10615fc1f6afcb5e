/**
 * Applying one event to the reduced issues: the projection rules of the
 * original's reducer, read from the events it writes.
 *
 * - `issue_updated`: `null` leaves a field unchanged, `""` clears it (see
 *   `update_fields.ts`); a non-closed status clears the close fields.
 * - `issue_closed`: the *last* close wins (its time, reason and resolution),
 *   as in the original's projections of repeated closes.
 * - A snooze record lives exactly as long as the `snoozed` status.
 *
 * Every payload value is type-checked: a wrong one is reported and skipped,
 * never trusted.
 *
 * @module
 */

import type { BeadEvent } from "./event.ts";
import { cloneIssue, type Issue } from "./model.ts";
import { parseIssueRow } from "./row.ts";
import { applyUpdateFields } from "./update_fields.ts";

/** What applying one event did. */
export interface ApplyOutcome {
  /** Whether the event changed the issues at all. */
  applied: boolean;
  /** Messages for what was skipped (the whole event, or single fields of it). */
  problems: string[];
  /** The event closed an already closed bead (it still wins: the last close is kept). */
  redundantClose?: boolean;
  /** A second creation of this id (two clones allocated the same id). */
  duplicateOf?: string;
}

const OK: ApplyOutcome = { applied: true, problems: [] };

function skipped(message: string, duplicateOf?: string): ApplyOutcome {
  return { applied: false, problems: [message], ...(duplicateOf ? { duplicateOf } : {}) };
}

function clearClose(issue: Issue): void {
  issue.closed_at = null;
  issue.close_reason = null;
  delete issue.extra.resolution;
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Options of {@linkcode applyEvent}. */
export interface ApplyOptions {
  /**
   * The map owns its issues (a replay's own map): change them in place
   * instead of replacing each with a changed copy. Every skip happens before
   * any change, so a skipped event leaves the issue as it was either way.
   */
  owned?: boolean;
}

/** Apply `event` to `issues` (the map changes; its issues only when `owned`). */
export function applyEvent(
  issues: Map<string, Issue>,
  event: BeadEvent,
  options: ApplyOptions = {},
): ApplyOutcome {
  const payload = event.payload;
  const id = event.issue_id;
  if (event.operation === "issue_created") return applyCreated(issues, event);
  if (event.operation === "issue_removed") {
    const removed = new Set<string>([id]);
    const cascade = payload.cascade_removed_issue_ids;
    if (cascade !== undefined && cascade !== null && !Array.isArray(cascade)) {
      return skipped("issue_removed field 'cascade_removed_issue_ids': expected an array");
    }
    for (const child of cascade ?? []) if (typeof child === "string") removed.add(child);
    for (const removedId of removed) issues.delete(removedId);
    for (const issue of issues.values()) {
      if (issue.dependencies.some((dep) => removed.has(dep.depends_on_id))) {
        issue.dependencies = issue.dependencies.filter((dep) => !removed.has(dep.depends_on_id));
      }
    }
    return OK;
  }
  const current = issues.get(id);
  if (!current) return skipped(`event references unknown issue: ${id}`);
  const issue = options.owned ? current : cloneIssue(current);
  const problems: string[] = [];
  let redundantClose = false;
  switch (event.operation) {
    case "issue_updated": {
      if (!isRecord(payload.fields)) return skipped("issue_updated payload has no 'fields' object");
      const outcome = applyUpdateFields(issue, payload.fields);
      problems.push(...outcome.problems.map((message) => `issue_updated ${id}: ${message}`));
      if (outcome.status !== undefined) {
        delete issue.extra.snooze;
        if (outcome.status !== "closed") clearClose(issue);
      }
      issue.updated_at = event.timestamp;
      break;
    }
    case "note_appended": {
      if (typeof payload.entry !== "string") return skipped("note_appended entry is not a string");
      const entry = payload.entry.trim();
      if (entry === "") return skipped("note_appended entry is empty");
      issue.notes = issue.notes === "" ? entry : `${issue.notes}\n${entry}`;
      issue.updated_at = event.timestamp;
      break;
    }
    case "issue_opened":
      issue.status = "open";
      clearClose(issue);
      delete issue.extra.snooze;
      issue.updated_at = event.timestamp;
      break;
    case "issue_closed": {
      const reason = payload.close_reason;
      if (reason !== undefined && reason !== null && typeof reason !== "string") {
        return skipped("issue_closed field 'close_reason': expected a string or null");
      }
      redundantClose = issue.status === "closed" && issue.closed_at !== null;
      issue.status = "closed";
      issue.closed_at = event.timestamp;
      issue.close_reason = reason ?? null;
      if (payload.resolution !== undefined && payload.resolution !== null) {
        issue.extra.resolution = payload.resolution;
      } else delete issue.extra.resolution;
      delete issue.extra.snooze;
      issue.updated_at = event.timestamp;
      break;
    }
    case "dependency_added":
    case "dependency_removed": {
      const dep = payload.dependency;
      if (!isRecord(dep) || !nonEmptyString(dep.depends_on_id)) {
        return skipped(`${event.operation} payload has no dependency`);
      }
      const target = dep.depends_on_id;
      if (event.operation === "dependency_removed") {
        issue.dependencies = issue.dependencies.filter((d) => d.depends_on_id !== target);
        break;
      }
      if (!issues.has(target)) return skipped(`dependency_added target does not exist: ${target}`);
      if (!issue.dependencies.some((d) => d.depends_on_id === target)) {
        issue.dependencies.push({
          issue_id: id,
          depends_on_id: target,
          created_at: typeof dep.created_at === "string" ? dep.created_at : "",
          created_by: typeof dep.created_by === "string" ? dep.created_by : "",
        });
      }
      break;
    }
    case "reference_added":
    case "reference_removed": {
      if (!nonEmptyString(payload.reference)) {
        return skipped(`${event.operation} field 'reference': expected a non-empty string`);
      }
      const reference = payload.reference;
      const refs = Array.isArray(issue.extra.refs) ? [...issue.extra.refs] : [];
      const next = event.operation === "reference_added"
        ? (refs.includes(reference) ? refs : [...refs, reference])
        : refs.filter((ref) => ref !== reference);
      if (next.length > 0) issue.extra.refs = next;
      else delete issue.extra.refs;
      break;
    }
    case "ready_marked":
    case "ready_unmarked":
      issue.is_ready_to_work = event.operation === "ready_marked";
      issue.updated_at = event.timestamp;
      break;
    case "epic_work_preclaimed": {
      if (!nonEmptyString(payload.agent_name)) {
        return skipped("epic_work_preclaimed agent_name is empty");
      }
      issue.status = "in_progress";
      clearClose(issue);
      delete issue.extra.snooze;
      issue.assignee = payload.agent_name;
      issue.updated_at = event.timestamp;
      break;
    }
    case "task_plus_one_recorded": {
      const evidence = Array.isArray(issue.extra.plus_one_evidence)
        ? [...issue.extra.plus_one_evidence]
        : [];
      evidence.push(payload.evidence);
      issue.extra.plus_one_evidence = evidence;
      if (issue.status === "open" || issue.status === "closed") {
        if (issue.status === "closed") issue.assignee = "";
        issue.status = "ready";
        clearClose(issue);
      }
      issue.updated_at = event.timestamp;
      break;
    }
    case "task_snoozed": {
      const snooze = payload.snooze;
      if (!isRecord(snooze) || !nonEmptyString(snooze.until)) {
        return skipped("task_snoozed field 'snooze': expected an object with an 'until' time");
      }
      issue.status = "snoozed";
      issue.extra.snooze = snooze;
      issue.updated_at = event.timestamp;
      break;
    }
    case "task_snooze_canceled":
    case "task_snooze_woken":
      issue.status = "ready";
      delete issue.extra.snooze;
      issue.updated_at = event.timestamp;
      break;
  }
  issues.set(id, issue);
  return { applied: true, problems, ...(redundantClose ? { redundantClose } : {}) };
}

function applyCreated(issues: Map<string, Issue>, event: BeadEvent): ApplyOutcome {
  const id = event.issue_id;
  const parsed = parseIssueRow(event.payload.issue);
  if ("error" in parsed) return skipped(`issue_created payload.issue ${parsed.error}`);
  if (parsed.issue.id !== id) {
    return skipped(`issue_created payload id mismatch: ${parsed.issue.id} != ${id}`);
  }
  if (issues.has(id)) return skipped(`duplicate issue_created event for ${id}`, id);
  // Edges, references and +1s always come from their own events.
  parsed.issue.dependencies = [];
  issues.set(id, parsed.issue);
  return {
    applied: true,
    problems: parsed.problems.map((message) => `issue_created ${id}: ${message}; default used`),
  };
}
