/**
 * The `issue_updated` field rules, as the original writes these events.
 *
 * The original puts every field on each update event and marks the ones it
 * does not change with `null`, so `null` means *unchanged*. An empty string
 * clears a field (the handbook's `-m ""`): a text field becomes `""`, a
 * nullable one (`tier`, `parent_id`, `closed_at`, `close_reason`,
 * `epic_count`) becomes `null`. A status is never blank. A value of the wrong
 * type is reported and skipped; the other fields of the event still apply.
 *
 * @module
 */

import { type Issue, NULLABLE_TEXT_KEYS, TEXT_KEYS } from "./model.ts";
import { typeName } from "./row.ts";

/** Fields only creation sets: an update naming them is reported and skipped. */
const FIXED_FIELDS = new Set<string>([
  "id",
  "issue_type",
  "created_at",
  "created_by",
  "updated_at",
  "dependencies",
]);

/** Text fields an update may set (every one creation does not fix); `""` clears them. */
const TEXT_FIELDS = new Set<string>(TEXT_KEYS.filter((key) => !FIXED_FIELDS.has(key)));

/** Nullable fields an update may set (all of them); `""` clears them to `null`. */
const NULLABLE_FIELDS = new Set<string>(NULLABLE_TEXT_KEYS);

/** What applying one update's fields did. */
export interface UpdateOutcome {
  /** The new status when the event set one (already applied to the issue). */
  status?: string;
  /** One message per skipped field. */
  problems: string[];
}

/** Apply `fields` to `issue` in place (the caller stamps `updated_at`). */
export function applyUpdateFields(issue: Issue, fields: Record<string, unknown>): UpdateOutcome {
  const target = issue as unknown as Record<string, unknown>;
  const problems: string[] = [];
  const skip = (key: string, why: string) => problems.push(`field '${key}': ${why}; skipped`);
  let status: string | undefined;
  for (const [key, value] of Object.entries(fields)) {
    if (value === null || value === undefined) continue;
    if (key === "status") {
      if (typeof value !== "string") skip(key, `expected a string, got ${typeName(value)}`);
      else if (value.trim() === "") skip(key, "a status cannot be blank");
      else status = issue.status = value;
    } else if (TEXT_FIELDS.has(key)) {
      if (typeof value === "string") target[key] = value;
      else skip(key, `expected a string, got ${typeName(value)}`);
    } else if (NULLABLE_FIELDS.has(key)) {
      if (typeof value === "string") target[key] = value === "" ? null : value;
      else skip(key, `expected a string or null, got ${typeName(value)}`);
    } else if (key === "epic_count") {
      if (value === "") issue.epic_count = null;
      else if (Number.isInteger(value)) issue.epic_count = value as number;
      else skip(key, `expected an integer or null, got ${typeName(value)}`);
    } else if (key === "is_ready_to_work") {
      if (typeof value === "boolean") issue.is_ready_to_work = value;
      else skip(key, `expected a boolean or null, got ${typeName(value)}`);
    } else if (FIXED_FIELDS.has(key)) {
      skip(key, "set only when the bead is created");
    } else {
      // A field this implementation does not model (`size`, `resolution`, ...): kept verbatim.
      issue.extra[key] = value;
    }
  }
  return { status, problems };
}
