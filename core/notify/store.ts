/**
 * The notification inbox on disk: `SASE_HOME/notifications/notifications.jsonl`.
 *
 * Many processes share the file (agents, axe, ACE, the mobile gateway), so:
 * - appends and state changes run under the file's lock (`withFileLock`);
 * - a state change re-reads the file under the lock and replaces it with an
 *   atomic rename, so a concurrent reader sees the old or the new file, never a
 *   half-written one, and a concurrent writer's row is never lost;
 * - readers never take the lock;
 * - lines this version cannot read (bad JSON, a record missing `sender`, a
 *   value nested deeper than sase reads) are reported, skipped by readers and
 *   written back verbatim by rewrites, so a mark-read never destroys data
 *   another tool may still understand;
 * - reads are bounded ({@linkcode READ_LIMITS.store}): a store that is too
 *   large, a directory or a device in its place is an error naming it.
 *
 * @module
 */

import { dirname } from "../fs/path.ts";
import { withFileLock } from "../fs/lock.ts";
import { appendJsonlLocked } from "../fs/jsonl.ts";
import { atomicWriteTextFile } from "../fs/atomic_write.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import { deeperThan, MAX_NESTING } from "../fs/nesting.ts";
import { SaseError } from "../errors.ts";
import { type Notification, validateNotification } from "./model.ts";
import { parseTimestamp } from "./time.ts";

/** A line of the store that is not a usable notification. */
export interface StoreProblem {
  /** 1-based line number. */
  line: number;
  /** Why the line was skipped (bad JSON, or which field is wrong). */
  reason: string;
}

/** Everything read from the store. */
export interface StoreSnapshot {
  /** Valid records in file order (dismissed ones included). */
  records: Notification[];
  /** Lines that were skipped. */
  problems: StoreProblem[];
}

/**
 * One line of the file as a rewrite sees it: its original text, plus the
 * record when it is one. Unchanged lines are written back as their original
 * text, so a rewrite never reformats rows another tool wrote.
 */
interface StoreLine {
  raw: string;
  record?: Notification;
}

function parseLines(text: string): { lines: StoreLine[]; problems: StoreProblem[] } {
  const lines: StoreLine[] = [];
  const problems: StoreProblem[] = [];
  text.split("\n").forEach((rawLine, index) => {
    const raw = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
    if (raw.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      problems.push({ line: index + 1, reason: `invalid JSON: ${(error as Error).message}` });
      lines.push({ raw });
      return;
    }
    const deep = deeperThan(value);
    if (deep !== undefined) {
      problems.push({
        line: index + 1,
        reason: `field '${deep}' nests deeper than ${MAX_NESTING} levels`,
      });
      lines.push({ raw });
      return;
    }
    const result = validateNotification(value);
    if (result.ok) lines.push({ raw, record: result.record });
    else {
      problems.push({ line: index + 1, reason: `field '${result.field}' ${result.reason}` });
      lines.push({ raw });
    }
  });
  return { lines, problems };
}

async function readText(path: string): Promise<string> {
  try {
    return await readTextBounded(path, READ_LIMITS.store);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return "";
    if (error instanceof SaseError) throw error;
    throw new SaseError("notify.read", `cannot read notification store ${path}: ${error}`, {
      cause: error,
      kind: "failed",
    });
  }
}

/** Parse store text (exported for tests and for tools that already hold the text). */
export function parseStoreText(text: string): StoreSnapshot {
  const { lines, problems } = parseLines(text);
  const records = lines.flatMap((line) => line.record ? [line.record] : []);
  return { records, problems };
}

/** Read the store without locking; a missing file is an empty inbox. */
export async function readNotifications(path: string): Promise<StoreSnapshot> {
  return parseStoreText(await readText(path));
}

function serialize(lines: readonly StoreLine[], changed: ReadonlySet<Notification>): string {
  return lines
    .map((
      line,
    ) => (line.record && changed.has(line.record) ? JSON.stringify(line.record) : line.raw))
    .map((text) => text + "\n")
    .join("");
}

/**
 * Which of `ids` valid rows of the store `text` already hold. Only a line
 * that could hold one is parsed: a row's `id` is a JSON string, which holds
 * its value's characters literally unless the line has an escape (`\\`),
 * so a line without a backslash that does not contain an id cannot be that
 * id's row. An inbox of hundreds of rows is checked without parsing them.
 */
function storedIds(text: string, ids: readonly string[]): Set<string> {
  const candidates = text.split("\n").filter((line) =>
    line.includes("\\") || ids.some((id) => line.includes(id))
  );
  const stored = parseStoreText(candidates.join("\n")).records.map((record) => record.id);
  return new Set(stored.filter((id) => ids.includes(id)));
}

/**
 * Append `records` in one write under the lock. Ids must be new: a duplicate
 * (already stored, or twice in `records`) fails with nothing written.
 */
export async function appendNotifications(
  path: string,
  records: readonly Notification[],
): Promise<void> {
  if (records.length === 0) return;
  await Deno.mkdir(dirname(path), { recursive: true });
  await withFileLock(path, async () => {
    const taken = storedIds(await readText(path), records.map((record) => record.id));
    for (const record of records) {
      if (taken.has(record.id)) {
        throw new SaseError("notify.duplicate_id", `a notification with id '${record.id}' exists`, {
          hint: "omit `id` to get a fresh UUID, or pick another id",
          kind: "conflict",
        });
      }
      taken.add(record.id);
    }
    await appendJsonlLocked(path, records);
  });
}

/**
 * Change rows in place under the lock. `change` receives each valid record
 * and returns true when it modified it; the file is rewritten atomically only
 * when something changed. Resolves to the number of changed rows.
 */
export function updateNotifications(
  path: string,
  change: (record: Notification) => boolean,
): Promise<number> {
  return withFileLock(path, async () => {
    const { lines } = parseLines(await readText(path));
    const changed = new Set<Notification>();
    for (const line of lines) if (line.record && change(line.record)) changed.add(line.record);
    if (changed.size > 0) await atomicWriteTextFile(path, serialize(lines, changed));
    return changed.size;
  });
}

function setFlag(
  record: Notification,
  key: "read" | "dismissed",
  value: boolean,
): boolean {
  if ((record[key] ?? false) === value) return false;
  record[key] = value;
  return true;
}

/** Mark one notification read; resolves to whether it changed. Unknown ids throw. */
export async function markRead(path: string, id: string): Promise<boolean> {
  return await updateOne(path, id, (record) => setFlag(record, "read", true));
}

/** Mark one notification unread again. */
export async function markUnread(path: string, id: string): Promise<boolean> {
  return await updateOne(path, id, (record) => setFlag(record, "read", false));
}

/** Mark every notification read; resolves to the number changed. */
export function markAllRead(path: string): Promise<number> {
  return updateNotifications(path, (record) => setFlag(record, "read", true));
}

/** Dismiss one notification (it stays in the file, hidden from default listings). */
export async function dismiss(path: string, id: string): Promise<boolean> {
  return await updateOne(path, id, (record) => setFlag(record, "dismissed", true));
}

/**
 * Mark an answered action's notification handled: read and dismissed in one
 * write, whichever transport (CLI, ACE, the gateway) answered it.
 */
export function markHandled(path: string, id: string): Promise<number> {
  return updateNotifications(path, (record) => {
    if (record.id !== id) return false;
    const changed = setFlag(record, "read", true);
    return setFlag(record, "dismissed", true) || changed;
  });
}

/** Dismiss several notifications at once; unknown ids are ignored. */
export function dismissMany(path: string, ids: Iterable<string>): Promise<number> {
  const wanted = new Set(ids);
  return updateNotifications(
    path,
    (record) => wanted.has(record.id) && setFlag(record, "dismissed", true),
  );
}

/** Mute or unmute; unmuting also cancels a pending snooze. */
export async function setMuted(path: string, id: string, muted: boolean): Promise<boolean> {
  return await updateOne(path, id, (record) => {
    const snoozed = record.snooze_until !== undefined && record.snooze_until !== null;
    if ((record.muted ?? false) === muted && (muted || !snoozed)) return false;
    record.muted = muted;
    if (!muted && snoozed) record.snooze_until = null;
    return true;
  });
}

/** Snooze until `until` (ISO-8601); a snooze implies mute. */
export async function snooze(path: string, id: string, until: string): Promise<boolean> {
  if (parseTimestamp(until) === undefined) {
    throw new SaseError(
      "notify.bad_snooze",
      `snooze time '${until}' is not an ISO-8601 timestamp`,
      { kind: "invalid-input" },
    );
  }
  return await updateOne(path, id, (record) => {
    if (record.muted === true && record.snooze_until === until) return false;
    record.muted = true;
    record.snooze_until = until;
    return true;
  });
}

/**
 * Release every snooze that ended by `now`: unmute, clear the deadline and
 * record `resurfaced_at` so the row sorts as fresh activity. Resolves to the
 * ids released.
 */
export async function expireSnoozes(path: string, now: Date = new Date()): Promise<string[]> {
  const released: string[] = [];
  await updateNotifications(path, (record) => {
    const until = parseTimestamp(record.snooze_until);
    if (until === undefined || until > now.getTime()) return false;
    record.muted = false;
    record.snooze_until = null;
    record.resurfaced_at = record.resurfaced_at ?? now.toISOString();
    released.push(record.id);
    return true;
  });
  return released;
}

async function updateOne(
  path: string,
  id: string,
  change: (record: Notification) => boolean,
): Promise<boolean> {
  let found = false;
  const changed = await updateNotifications(path, (record) => {
    if (record.id !== id || found) return false;
    found = true;
    return change(record);
  });
  if (!found) {
    throw new SaseError("notify.not_found", `no notification with id '${id}' in ${path}`, {
      hint: "list ids with `sase notify list -a`",
      kind: "not-found",
    });
  }
  return changed > 0;
}
