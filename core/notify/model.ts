/**
 * The notification record: one line of `notifications.jsonl`.
 *
 * The store is shared with other tools (the original Python/Rust sase, the
 * mobile bridge, Telegram chops), so a record is kept as the exact object that
 * was read: fields this version does not know survive every rewrite, and
 * absent optional fields stay absent on disk. {@linkcode withDefaults} gives
 * readers a fully populated view without touching the stored object.
 *
 * @module
 */

/** What one known field of a stored notification must hold. */
export type NotificationFieldKind =
  | "non-empty string"
  | "string or null"
  | "string list"
  | "boolean"
  | "object";

/** One known field: its name, what it holds, and whether a record must have it. */
export interface NotificationField {
  name: keyof NotificationView;
  kind: NotificationFieldKind;
  required: boolean;
  /** Why an empty value is refused (non-empty strings). */
  emptyMessage?: string;
}

/**
 * The known fields of a stored notification, in the order they are checked.
 * `id`, `timestamp` and `sender` are required and non-empty (a row without
 * them cannot be addressed or sorted); everything else is optional for
 * legacy rows. Unknown keys pass through untouched. `validateNotification`
 * checks a record against this list, and the zod schema library users get
 * (`schema.ts`) is built from it.
 */
export const NOTIFICATION_FIELDS: readonly NotificationField[] = [
  {
    name: "id",
    kind: "non-empty string",
    required: true,
    emptyMessage: "must be a non-empty string",
  },
  {
    name: "timestamp",
    kind: "non-empty string",
    required: true,
    emptyMessage: "must be a non-empty ISO-8601 string",
  },
  {
    name: "sender",
    kind: "non-empty string",
    required: true,
    emptyMessage: "must be a non-empty string",
  },
  { name: "icon", kind: "string or null", required: false },
  { name: "notes", kind: "string list", required: false },
  { name: "files", kind: "string list", required: false },
  { name: "tags", kind: "string list", required: false },
  { name: "action", kind: "string or null", required: false },
  // Producers put strings here; other JSON values are kept rather than rejected
  // so that a newer producer's row is never dropped by an older reader.
  { name: "action_data", kind: "object", required: false },
  { name: "read", kind: "boolean", required: false },
  { name: "dismissed", kind: "boolean", required: false },
  { name: "silent", kind: "boolean", required: false },
  { name: "muted", kind: "boolean", required: false },
  { name: "snooze_until", kind: "string or null", required: false },
  { name: "resurfaced_at", kind: "string or null", required: false },
];

/**
 * A stored notification exactly as read: the known fields of handbook 14.4
 * typed, every other field kept as it came.
 */
export interface Notification {
  id: string;
  timestamp: string;
  sender: string;
  icon?: string | null;
  notes?: string[];
  files?: string[];
  tags?: string[];
  action?: string | null;
  action_data?: Record<string, unknown>;
  read?: boolean;
  dismissed?: boolean;
  silent?: boolean;
  muted?: boolean;
  snooze_until?: string | null;
  resurfaced_at?: string | null;
  [extra: string]: unknown;
}

/** A notification with every known field present (defaults filled in). */
export interface NotificationView {
  /** UUID4 (or any unique string from another producer). */
  id: string;
  /** ISO-8601 creation time. */
  timestamp: string;
  /** Who sent it, e.g. `plan`, `axe`, `user-agent`. */
  sender: string;
  /** Optional single display glyph. */
  icon: string | null;
  /** Human-readable message lines. */
  notes: string[];
  /** Attached file paths. */
  files: string[];
  /** Normalized labels for filtering and tag tabs. */
  tags: string[];
  /** Action type such as `PlanApproval`, or null. */
  action: string | null;
  /** Action-specific data. */
  action_data: Record<string, unknown>;
  /** Whether the user has read it. */
  read: boolean;
  /** Whether it was dismissed (hidden from default listings). */
  dismissed: boolean;
  /** Stored for the audit trail but hidden from the TUI, toasts and bridges. */
  silent: boolean;
  /** Shown under MUTED; excluded from the bell and toasts. */
  muted: boolean;
  /** ISO-8601 time at which a snooze ends, or null. */
  snooze_until: string | null;
  /** Activity time after a snooze expired, or null. */
  resurfaced_at: string | null;
}

/** Fill in the defaults of every known field; the stored record is not modified. */
export function withDefaults(record: Notification): NotificationView {
  return {
    id: record.id,
    timestamp: record.timestamp,
    sender: record.sender,
    icon: record.icon ?? null,
    notes: record.notes ?? [],
    files: record.files ?? [],
    tags: record.tags ?? [],
    action: record.action ?? null,
    action_data: record.action_data ?? {},
    read: record.read ?? false,
    dismissed: record.dismissed ?? false,
    silent: record.silent ?? false,
    muted: record.muted ?? false,
    snooze_until: record.snooze_until ?? null,
    resurfaced_at: record.resurfaced_at ?? null,
  };
}

/**
 * Normalize tags the way the handbook says: trim, drop empties, lowercase,
 * remove duplicates while keeping the sender's order.
 */
export function normalizeTags(tags: Iterable<string>): string[] {
  const seen = new Set<string>();
  for (const tag of tags) {
    const value = tag.trim().toLowerCase();
    if (value) seen.add(value);
  }
  return [...seen];
}

/** Normalize one tag for an exact-match filter (same rules as {@linkcode normalizeTags}). */
export function normalizeTag(tag: string): string {
  return tag.trim().toLowerCase();
}

/** Describe a field path as `notes[1]` / `action_data.key`. */
export function issuePath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const part of path) {
    if (typeof part === "number") text += `[${part}]`;
    else text += text ? `.${String(part)}` : String(part);
  }
  return text || "(record)";
}

/** Outcome of validating one unknown value as a notification. */
export type ValidationResult =
  | { ok: true; record: Notification }
  | { ok: false; field: string; reason: string };

/** The name of `value`'s type, as the validation messages use it. */
function typeName(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (value === null) return "null";
  if (typeof value === "number" && !Number.isFinite(value)) {
    return Number.isNaN(value) ? "NaN" : String(value);
  }
  return typeof value;
}

function expected(type: string, value: unknown): string {
  return `Invalid input: expected ${type}, received ${typeName(value)}`;
}

/** Why `value` cannot be `field` (and where inside it), or null when it can. */
function fieldProblem(
  field: NotificationField,
  value: unknown,
): { at: string; reason: string } | null {
  const at = field.name;
  switch (field.kind) {
    case "non-empty string":
      if (typeof value !== "string") return { at, reason: expected("string", value) };
      return value.length === 0 ? { at, reason: field.emptyMessage ?? "must not be empty" } : null;
    case "string or null":
      return value === null || typeof value === "string"
        ? null
        : { at, reason: expected("string", value) };
    case "boolean":
      return typeof value === "boolean" ? null : { at, reason: expected("boolean", value) };
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value)
        ? null
        : { at, reason: expected("record", value) };
    case "string list": {
      if (!Array.isArray(value)) return { at, reason: expected("array", value) };
      const index = value.findIndex((item) => typeof item !== "string");
      return index === -1
        ? null
        : { at: issuePath([at, index]), reason: expected("string", value[index]) };
    }
  }
}

/**
 * Validate `value` as a notification, reporting the first offending field
 * (in {@linkcode NOTIFICATION_FIELDS} order). Every inbox read checks every
 * row, so this is plain code rather than a schema library, which would cost
 * each command more to load than its whole run.
 */
export function validateNotification(value: unknown): ValidationResult {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, field: "(record)", reason: "must be a JSON object" };
  }
  const record = value as Record<string, unknown>;
  for (const field of NOTIFICATION_FIELDS) {
    const fieldValue = record[field.name];
    if (fieldValue === undefined) {
      if (field.required) return { ok: false, field: field.name, reason: "is required" };
      continue;
    }
    const problem = fieldProblem(field, fieldValue);
    if (problem) return { ok: false, field: problem.at, reason: problem.reason };
  }
  // The caller's object is kept (not a copy) so key order and unknown fields
  // are written back byte-for-byte as they came.
  return { ok: true, record: value as Notification };
}
