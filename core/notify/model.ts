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

import { z } from "zod";

const stringList = z.array(z.string());
const nullableString = z.string().nullable();

/**
 * The zod schema of one stored notification. `id`, `timestamp` and `sender`
 * are required and non-empty (a row without them cannot be addressed or
 * sorted); everything else is optional for legacy rows. Unknown keys pass
 * through untouched.
 */
export const NotificationSchema: z.ZodType<Notification> = z.looseObject({
  id: z.string().min(1, "must be a non-empty string"),
  timestamp: z.string().min(1, "must be a non-empty ISO-8601 string"),
  sender: z.string().min(1, "must be a non-empty string"),
  icon: nullableString.optional(),
  notes: stringList.optional(),
  files: stringList.optional(),
  tags: stringList.optional(),
  action: nullableString.optional(),
  // Producers put strings here; other JSON values are kept rather than rejected
  // so that a newer producer's row is never dropped by an older reader.
  action_data: z.record(z.string(), z.unknown()).optional(),
  read: z.boolean().optional(),
  dismissed: z.boolean().optional(),
  silent: z.boolean().optional(),
  muted: z.boolean().optional(),
  snooze_until: nullableString.optional(),
  resurfaced_at: nullableString.optional(),
});

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

/** Describe a zod issue path as `notes[1]` / `action_data.key`. */
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

/** Validate `value` as a notification, reporting the first offending field. */
export function validateNotification(value: unknown): ValidationResult {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, field: "(record)", reason: "must be a JSON object" };
  }
  const parsed = NotificationSchema.safeParse(value);
  // Keep the caller's object (not zod's copy) so key order and unknown fields
  // are written back byte-for-byte as they came.
  if (parsed.success) return { ok: true, record: value as Notification };
  const issue = parsed.error.issues[0];
  const field = issuePath(issue.path);
  const missing = issue.code === "invalid_type" &&
    (value as Record<string, unknown>)[String(issue.path[0])] === undefined &&
    issue.path.length === 1;
  return { ok: false, field, reason: missing ? "is required" : issue.message };
}
