/**
 * Parsing bead rows from untrusted JSON (projection lines, `issue_created`
 * payloads).
 *
 * A row is read field by field. A missing or `null` field gets its
 * documented legacy default; a field of the wrong type is reported (named in
 * `problems`) and gets the default too, so one bad value never loses the rest
 * of the bead and never reaches code that trusts the type. Only a row that
 * cannot be a bead at all (no usable `id`, `status` or `issue_type`) is
 * refused. Unknown keys are kept verbatim in `extra`.
 *
 * @module
 */

import { isSafeIssueId } from "./ids.ts";
import { type Dependency, isKnownKey, type Issue, NULLABLE_TEXT_KEYS, TEXT_KEYS } from "./model.ts";

/** A parsed row: the issue plus what had to be defaulted. */
export interface ParsedRow {
  issue: Issue;
  /** `field 'x': ...` messages for values of the wrong type (empty when the row is clean). */
  problems: string[];
}

/** How a JSON value's type is named in `expected ..., got <type>` messages. */
export function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function wrongType(key: string, expected: string, value: unknown): string {
  return `field '${key}': expected ${expected}, got ${typeName(value)}`;
}

/** Parse one dependency entry; `undefined` (with a problem) when it is unusable. */
function parseDependency(
  raw: unknown,
  issueId: string,
  index: number,
  problems: string[],
): Dependency | undefined {
  const where = `dependencies.${index}`;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    problems.push(wrongType(where, "an object", raw));
    return undefined;
  }
  const dep = raw as Record<string, unknown>;
  if (typeof dep.depends_on_id !== "string" || dep.depends_on_id === "") {
    problems.push(wrongType(`${where}.depends_on_id`, "a non-empty string", dep.depends_on_id));
    return undefined;
  }
  const text = (key: "created_at" | "created_by") => {
    const value = dep[key];
    if (value === undefined || value === null) return "";
    if (typeof value === "string") return value;
    problems.push(wrongType(`${where}.${key}`, "a string", value));
    return "";
  };
  return {
    issue_id: typeof dep.issue_id === "string" ? dep.issue_id : issueId,
    depends_on_id: dep.depends_on_id,
    created_at: text("created_at"),
    created_by: text("created_by"),
  };
}

/** Parse one raw row into an `Issue`, or say why it cannot be one. */
export function parseIssueRow(raw: unknown): ParsedRow | { error: string } {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { error: `expected a JSON object, got ${typeName(raw)}` };
  }
  const row = raw as Record<string, unknown>;
  if (typeof row.id !== "string" || row.id === "") {
    return { error: wrongType("id", "a non-empty string", row.id) };
  }
  if (!isSafeIssueId(row.id)) {
    return {
      error: `field 'id': '${row.id}' is not a valid bead id (letters, digits, '_', '-', '.')`,
    };
  }
  // A blank status is kept as written (the doctor reports it); a missing one cannot be guessed.
  if (typeof row.status !== "string") return { error: wrongType("status", "a string", row.status) };
  if (typeof row.issue_type !== "string" || row.issue_type === "") {
    return { error: wrongType("issue_type", "a non-empty string", row.issue_type) };
  }
  const problems: string[] = [];
  const issue = { id: row.id, status: row.status, issue_type: row.issue_type } as Issue;
  const fields = issue as unknown as Record<string, unknown>;
  for (const key of TEXT_KEYS) {
    const value = row[key];
    if (typeof value === "string") fields[key] = value;
    else {
      if (value !== undefined && value !== null) problems.push(wrongType(key, "a string", value));
      fields[key] = "";
    }
  }
  for (const key of NULLABLE_TEXT_KEYS) {
    const value = row[key];
    if (typeof value === "string") fields[key] = value;
    else {
      if (value !== undefined && value !== null) {
        problems.push(wrongType(key, "a string or null", value));
      }
      fields[key] = null;
    }
  }
  const count = row.epic_count;
  if (Number.isInteger(count)) issue.epic_count = count as number;
  else {
    if (count !== undefined && count !== null) {
      problems.push(wrongType("epic_count", "an integer or null", count));
    }
    issue.epic_count = null;
  }
  const ready = row.is_ready_to_work;
  if (typeof ready === "boolean") issue.is_ready_to_work = ready;
  else {
    if (ready !== undefined && ready !== null) {
      problems.push(wrongType("is_ready_to_work", "a boolean", ready));
    }
    issue.is_ready_to_work = false;
  }
  issue.dependencies = [];
  const deps = row.dependencies;
  if (Array.isArray(deps)) {
    deps.forEach((dep, index) => {
      const parsed = parseDependency(dep, issue.id, index, problems);
      if (parsed) issue.dependencies.push(parsed);
    });
  } else if (deps !== undefined && deps !== null) {
    problems.push(wrongType("dependencies", "an array", deps));
  }
  issue.extra = {};
  for (const key in row) if (!isKnownKey(key)) issue.extra[key] = row[key];
  return { issue, problems };
}
