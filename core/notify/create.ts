/**
 * Turning producer input (the JSON given to `sase notify create`, or an
 * object from library code) into a stored notification: fill `id` and
 * `timestamp`, apply the CLI's sender and tags, normalize tags, validate.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { deeperThan, MAX_NESTING } from "../fs/nesting.ts";
import { neutralizeControls } from "../text/control_chars.ts";
import { normalizeTags, type Notification, validateNotification } from "./model.ts";
import { isoLocal, parseTimestamp } from "./time.ts";
import { appendNotifications } from "./store.ts";

/** The fields that hold times; each must be an ISO-8601 timestamp when present. */
const TIME_FIELDS = ["timestamp", "snooze_until", "resurfaced_at"] as const;

/** Overrides a producer (or the CLI) applies on top of the input object. */
export interface CreateOptions {
  /** Sender to use; wins over the input's `sender`. */
  sender?: string;
  /** Tags appended after the input's own tags. */
  tags?: readonly string[];
  /** Creation time (default: now). */
  now?: Date;
  /** Where the input came from, for error messages (e.g. `stdin`, a file path). */
  source?: string;
}

/**
 * Build a valid notification from `input`. The input's own fields (including
 * `id`, `timestamp`, state flags and unknown keys) are kept; `id` defaults to
 * a fresh UUID4 and `timestamp` to now. A time field that is not an ISO-8601
 * timestamp, or a value nested deeper than {@linkcode MAX_NESTING} levels, is
 * an error naming the field.
 */
export function buildNotification(input: unknown, options: CreateOptions = {}): Notification {
  const source = options.source ?? "input";
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new SaseError("notify.invalid", `notification ${source} must be a JSON object`, {
      hint: `example: {"sender": "test", "notes": ["Hello"], "tags": ["review"]}`,
      kind: "invalid-data",
    });
  }
  const deep = deeperThan(input);
  if (deep !== undefined) {
    throw invalidField(source, deep, `nests deeper than ${MAX_NESTING} levels`);
  }
  const draft: Record<string, unknown> = { ...input };
  if (draft.id === undefined) draft.id = crypto.randomUUID();
  if (draft.timestamp === undefined) draft.timestamp = isoLocal(options.now);
  if (options.sender !== undefined) draft.sender = options.sender;
  if (draft.tags !== undefined || options.tags?.length) {
    const own = draft.tags;
    if (own !== undefined && (!Array.isArray(own) || own.some((tag) => typeof tag !== "string"))) {
      throw invalidField(source, "tags", "must be a list of strings");
    }
    draft.tags = normalizeTags([...(own as string[] | undefined ?? []), ...(options.tags ?? [])]);
  }
  const result = validateNotification(draft);
  if (!result.ok) throw invalidField(source, result.field, result.reason);
  for (const field of TIME_FIELDS) {
    const value = result.record[field];
    if (typeof value === "string" && parseTimestamp(value) === undefined) {
      throw invalidField(
        source,
        field,
        `is not an ISO-8601 timestamp: '${value}' (e.g. 2026-04-30T12:00:00+00:00)`,
      );
    }
  }
  return result.record;
}

function invalidField(source: string, field: string, reason: string): SaseError {
  const hint = field === "sender"
    ? 'add a "sender" to the JSON or pass -s/--sender'
    : "see `sase notify --help` and handbook 14.4 for the record fields";
  // The reason may quote the input, which is not ours to print raw.
  const message = `notification ${source}: field '${field}' ${reason}`;
  return new SaseError("notify.invalid", neutralizeControls(message, { keepLayout: false }), {
    hint,
    kind: "invalid-data",
  });
}

/** Parse JSON text into a notification; syntax errors name the line and column. */
export function parseNotificationJson(text: string, options: CreateOptions = {}): Notification {
  const source = options.source ?? "input";
  if (text.trim() === "") {
    throw new SaseError("notify.invalid", `notification ${source} is empty`, {
      hint:
        `pipe a JSON object, e.g. echo '{"sender":"test","notes":["Hello"]}' | sase notify create`,
      kind: "invalid-data",
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SaseError(
      "notify.invalid",
      // V8's message already carries the line and column of the fault.
      `notification ${source} is not valid JSON: ${
        neutralizeControls((error as Error).message, { keepLayout: false })
      }`,
      { hint: "the input must be one JSON object", kind: "invalid-data" },
    );
  }
  return buildNotification(value, options);
}

/** Build, validate and append one notification; resolves to the stored record. */
export async function createNotification(
  path: string,
  input: unknown,
  options: CreateOptions = {},
): Promise<Notification> {
  const record = buildNotification(input, options);
  await appendNotifications(path, [record]);
  return record;
}
