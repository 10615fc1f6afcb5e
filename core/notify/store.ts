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
 * - a process parses each line once: later reads and rewrites reuse the
 *   records and bytes of lines that did not change, and skip the read when
 *   the file is still the version the process last read or wrote
 *   (`store_lines.ts`), so a state change in a 10,000-row inbox costs
 *   writing the file, not parsing or re-serialising it;
 * - reads are bounded ({@linkcode READ_LIMITS.store}): a store that is too
 *   large, a directory or a device in its place is an error naming it.
 *
 * @module
 */

import { dirname } from "../fs/path.ts";
import { withFileLock } from "../fs/lock.ts";
import { appendJsonlLocked } from "../fs/jsonl.ts";
import { atomicWriteFile } from "../fs/atomic_write.ts";
import { READ_LIMITS, readBytesBounded } from "../fs/bounded_read.ts";
import { SaseError } from "../errors.ts";
import type { Notification } from "./model.ts";
import { parseTimestamp } from "./time.ts";
import {
  fileStamp,
  parseStoreBytes,
  problemsOf,
  recordsOf,
  rememberedStore,
  rememberStore,
  rewriteStore,
  type StoreLine,
  type StoreProblem,
  type StoreVersion,
} from "./store_lines.ts";

export type { StoreProblem } from "./store_lines.ts";

/** Everything read from the store. */
export interface StoreSnapshot {
  /** Valid records in file order (dismissed ones included). */
  records: Notification[];
  /** Lines that were skipped. */
  problems: StoreProblem[];
}

async function readStoreBytes(path: string): Promise<Uint8Array> {
  try {
    return await readBytesBounded(path, READ_LIMITS.store);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return new Uint8Array();
    if (error instanceof SaseError) throw error;
    throw new SaseError("notify.read", `cannot read notification store ${path}: ${error}`, {
      cause: error,
      kind: "failed",
    });
  }
}

/** Parse store text (exported for tests and for tools that already hold the text). */
export function parseStoreText(text: string): StoreSnapshot {
  return snapshotOf(parseStoreBytes(new TextEncoder().encode(text)));
}

function snapshotOf(version: StoreVersion): StoreSnapshot {
  return { records: recordsOf(version.lines), problems: problemsOf(version.lines) };
}

/**
 * The store's current version, parsing only what changed since this
 * process last read or wrote it (see `store_lines.ts`).
 */
async function currentVersion(path: string): Promise<StoreVersion> {
  // The identity is taken before the read: should the file change between
  // the two, the stamp is older than the bytes and the next read re-reads.
  const stamp = await fileStamp(path);
  const version = parseStoreBytes(await readStoreBytes(path), rememberedStore(path));
  rememberStore(path, { ...version, stamp });
  return version;
}

/**
 * The store's current version: the remembered one when the file's identity
 * is still that version's (see `fileStamp`), else read and parsed anew.
 */
async function latestVersion(path: string): Promise<StoreVersion> {
  const known = rememberedStore(path);
  return known && known.stamp === await fileStamp(path) ? known : await currentVersion(path);
}

/**
 * Read the store without locking; a missing file is an empty inbox. A file
 * whose identity is that of the version this process last read or wrote is
 * not read again. The records are shared with other reads of the same rows
 * in this process: callers must not modify them.
 */
export async function readNotifications(path: string): Promise<StoreSnapshot> {
  return snapshotOf(await latestVersion(path));
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
    const text = new TextDecoder().decode(await readStoreBytes(path));
    const taken = storedIds(text, records.map((record) => record.id));
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
 * A new version of a stored record, or null to leave it as it is. The
 * stored record is shared with readers and is never modified.
 */
export type RecordEdit = (record: Readonly<Notification>) => Notification | null;

/**
 * Change rows under the lock: `edit` sees each valid record and returns its
 * new version (a copy) or null. The file is rewritten atomically only when
 * something changed, the changed rows serialised anew and every other line
 * written back as it was read. Resolves to the number of changed rows.
 */
export function updateNotifications(path: string, edit: RecordEdit): Promise<number> {
  return withFileLock(path, async () => {
    const version = await latestVersion(path);
    const replaced = new Map<StoreLine, Notification>();
    for (const line of version.lines) {
      const record = line.record && edit(line.record);
      if (record) replaced.set(line, record);
    }
    if (replaced.size > 0) {
      const next = rewriteStore(version, replaced);
      await atomicWriteFile(path, next.bytes);
      // Under the lock no other sase writer can have replaced it since.
      rememberStore(path, { ...next, stamp: await fileStamp(path) });
    }
    return replaced.size;
  });
}

/** `record` with boolean `key` set to `value`, or null when it already is. */
function withFlag(
  record: Readonly<Notification>,
  key: "read" | "dismissed",
  value: boolean,
): Notification | null {
  return (record[key] ?? false) === value ? null : { ...record, [key]: value };
}

/** Mark one notification read; resolves to whether it changed. Unknown ids throw. */
export async function markRead(path: string, id: string): Promise<boolean> {
  return await updateOne(path, id, (record) => withFlag(record, "read", true));
}

/** Mark one notification unread again. */
export async function markUnread(path: string, id: string): Promise<boolean> {
  return await updateOne(path, id, (record) => withFlag(record, "read", false));
}

/** Mark every notification read; resolves to the number changed. */
export function markAllRead(path: string): Promise<number> {
  return updateNotifications(path, (record) => withFlag(record, "read", true));
}

/** Dismiss one notification (it stays in the file, hidden from default listings). */
export async function dismiss(path: string, id: string): Promise<boolean> {
  return await updateOne(path, id, (record) => withFlag(record, "dismissed", true));
}

/**
 * Mark an answered action's notification handled: read and dismissed in one
 * write, whichever transport (CLI, ACE, the gateway) answered it.
 */
export function markHandled(path: string, id: string): Promise<number> {
  return updateNotifications(path, (record) => {
    if (record.id !== id) return null;
    const read = withFlag(record, "read", true) ?? record;
    return withFlag(read, "dismissed", true) ?? (read === record ? null : read);
  });
}

/** Dismiss several notifications at once; unknown ids are ignored. */
export function dismissMany(path: string, ids: Iterable<string>): Promise<number> {
  const wanted = new Set(ids);
  return updateNotifications(
    path,
    (record) => wanted.has(record.id) ? withFlag(record, "dismissed", true) : null,
  );
}

/** Mute or unmute; unmuting also cancels a pending snooze. */
export async function setMuted(path: string, id: string, muted: boolean): Promise<boolean> {
  return await updateOne(path, id, (record) => {
    const snoozed = record.snooze_until !== undefined && record.snooze_until !== null;
    if ((record.muted ?? false) === muted && (muted || !snoozed)) return null;
    return !muted && snoozed ? { ...record, muted, snooze_until: null } : { ...record, muted };
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
    if (record.muted === true && record.snooze_until === until) return null;
    return { ...record, muted: true, snooze_until: until };
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
    if (until === undefined || until > now.getTime()) return null;
    released.push(record.id);
    return {
      ...record,
      muted: false,
      snooze_until: null,
      resurfaced_at: record.resurfaced_at ?? now.toISOString(),
    };
  });
  return released;
}

async function updateOne(path: string, id: string, edit: RecordEdit): Promise<boolean> {
  let found = false;
  const changed = await updateNotifications(path, (record) => {
    if (record.id !== id || found) return null;
    found = true;
    return edit(record);
  });
  if (!found) {
    throw new SaseError("notify.not_found", `no notification with id '${id}' in ${path}`, {
      hint: "list ids with `sase notify list -a`",
      kind: "not-found",
    });
  }
  return changed > 0;
}
