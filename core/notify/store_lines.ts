/**
 * The lines of the notification store, each parsed at most once per process.
 *
 * The store is rewritten whole for every state change (mark read, dismiss…)
 * and read whole by every listing; at 10,000 rows, parsing and validating
 * every row, and building the file's text anew, is what such a change used
 * to cost (about 100 ms and megabytes of garbage each). A process therefore
 * remembers the last version it read or wrote of each store it touches: the
 * file's bytes and, per line, where it lies in them and what it parsed to.
 * A new read parses only the lines whose bytes differ from the remembered
 * line at the same place (after a mark-read one line, after an append the
 * new ones), and a rewrite copies every unchanged line's bytes as they are.
 *
 * Readers and writers (under the lock) skip even the read when the file's
 * identity (inode, size, mtime) is that of the version remembered: every
 * sase writer appends (a new size) or renames a new file over the store (a
 * new inode), so another process's change always changes the identity.
 * When it changed, lines are compared by content, never trusted by place.
 *
 * Remembered records are shared by every reader of the same version:
 * callers treat them as read-only, and a writer changes a copy.
 *
 * @module
 */

import { deeperThan, MAX_NESTING } from "../fs/nesting.ts";
import { type Notification, validateNotification } from "./model.ts";

/** A line of the store that is not a usable notification. */
export interface StoreProblem {
  /** 1-based line number. */
  line: number;
  /** Why the line was skipped (bad JSON, or which field is wrong). */
  reason: string;
}

/**
 * One non-blank line of a version of the file: where its bytes lie (without
 * the `\n`; a `\r` before it is part of the line, so an untouched row is
 * written back byte for byte), plus the record when it is one, or why not.
 */
export interface StoreLine {
  start: number;
  end: number;
  /** 1-based line number in the file. */
  number: number;
  record?: Notification;
  problem?: string;
}

/** One version of the store's file: its bytes and its non-blank lines. */
export interface StoreVersion {
  bytes: Uint8Array;
  lines: StoreLine[];
}

const NEWLINE = 0x0a;
// The file's first line loses a byte-order mark, as a whole-file decode
// would drop it; anywhere else U+FEFF is text.
const FIRST_LINE = new TextDecoder();
const OTHER_LINE = new TextDecoder("utf-8", { ignoreBOM: true });

/** Why `raw` is not a usable notification, or its record. */
function parseLine(raw: string): { record: Notification } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return { problem: `invalid JSON: ${(error as Error).message}` };
  }
  const deep = deeperThan(value);
  if (deep !== undefined) {
    return { problem: `field '${deep}' nests deeper than ${MAX_NESTING} levels` };
  }
  const result = validateNotification(value);
  return result.ok
    ? { record: result.record }
    : { problem: `field '${result.field}' ${result.reason}` };
}

/** Whether `a[aStart, aEnd)` and `b[bStart, bEnd)` hold the same bytes. */
function sameBytes(
  a: Uint8Array,
  aStart: number,
  aEnd: number,
  b: Uint8Array,
  bStart: number,
  bEnd: number,
): boolean {
  const length = aEnd - aStart;
  if (length !== bEnd - bStart) return false;
  for (let index = 0; index < length; index++) {
    if (a[aStart + index] !== b[bStart + index]) return false;
  }
  return true;
}

/**
 * Split the file's bytes into lines, parsing only those whose bytes differ
 * from `previous` (an earlier version of the same store) at the same
 * position; equal lines reuse the earlier record. Blank lines are left out.
 */
export function parseStoreBytes(bytes: Uint8Array, previous?: StoreVersion): StoreVersion {
  if (previous && sameBytes(bytes, 0, bytes.length, previous.bytes, 0, previous.bytes.length)) {
    return { bytes, lines: previous.lines };
  }
  const lines: StoreLine[] = [];
  let start = 0;
  for (let number = 1; start < bytes.length || number === 1; number++) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end === -1) end = bytes.length;
    const earlier = previous?.lines[lines.length];
    if (
      earlier !== undefined &&
      sameBytes(bytes, start, end, previous!.bytes, earlier.start, earlier.end)
    ) {
      lines.push({ start, end, number, record: earlier.record, problem: earlier.problem });
    } else {
      const raw = (start === 0 ? FIRST_LINE : OTHER_LINE).decode(bytes.subarray(start, end));
      if (raw.trim() !== "") lines.push({ start, end, number, ...parseLine(raw) });
    }
    start = end + 1;
  }
  return { bytes, lines };
}

/**
 * The file a rewrite writes: every line's bytes as they were, except the
 * lines `replaced` holds a new record for, serialised anew; one `\n` after
 * each line.
 */
export function rewriteStore(
  version: StoreVersion,
  replaced: ReadonlyMap<StoreLine, Notification>,
): StoreVersion {
  const encoder = new TextEncoder();
  const fresh = new Map<StoreLine, Uint8Array>();
  let size = 0;
  for (const line of version.lines) {
    const record = replaced.get(line);
    if (record) fresh.set(line, encoder.encode(JSON.stringify(record)));
    size += (fresh.get(line)?.length ?? line.end - line.start) + 1;
  }
  const bytes = new Uint8Array(size);
  const lines: StoreLine[] = [];
  let at = 0;
  for (const line of version.lines) {
    const text = fresh.get(line) ?? version.bytes.subarray(line.start, line.end);
    bytes.set(text, at);
    const record = replaced.get(line) ?? line.record;
    lines.push({
      start: at,
      end: at + text.length,
      number: lines.length + 1,
      record,
      problem: line.problem,
    });
    at += text.length;
    bytes[at++] = NEWLINE;
  }
  return { bytes, lines };
}

/** The problems of parsed lines, with their line numbers. */
export function problemsOf(lines: readonly StoreLine[]): StoreProblem[] {
  return lines.flatMap((line) =>
    line.problem === undefined ? [] : [{ line: line.number, reason: line.problem }]
  );
}

/** The valid records of parsed lines, in file order. */
export function recordsOf(lines: readonly StoreLine[]): Notification[] {
  return lines.flatMap((line) => line.record ? [line.record] : []);
}

/** How many stores a process remembers (a gateway or ACE reads one; tests use many). */
const REMEMBERED_STORES = 4;

/** A version of a store this process read or wrote. */
export interface RememberedStore extends StoreVersion {
  /** The file's identity when it held this version (see {@linkcode fileStamp}). */
  stamp: string;
}

const remembered = new Map<string, RememberedStore>();

/**
 * The identity of the file's current version: inode, size and mtime, or
 * `missing`. Sase's writers replace the store by renaming a new file over
 * it (created while the old one still exists, so with another inode) or
 * append to it (a new size), so a file with the stamp of a remembered
 * version holds that version's bytes.
 */
export async function fileStamp(path: string): Promise<string> {
  try {
    const info = await Deno.stat(path);
    return `${info.ino}:${info.size}:${info.mtime?.getTime()}`;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return "missing";
    throw error;
  }
}

/** The version of the store at `path` this process last read or wrote. */
export function rememberedStore(path: string): RememberedStore | undefined {
  return remembered.get(path);
}

/** Remember a version of the store, forgetting the least recently used store. */
export function rememberStore(path: string, store: RememberedStore): void {
  remembered.delete(path);
  remembered.set(path, store);
  if (remembered.size > REMEMBERED_STORES) {
    remembered.delete(remembered.keys().next().value!);
  }
}
