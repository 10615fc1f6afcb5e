/**
 * Writing `issues.jsonl` after a write: the cached issues' rows, one per
 * line in id order (see `projection.ts`), without re-serialising every bead.
 *
 * A write records the identity of the projection it made from exactly the
 * cached issues (`projection_key` in the cache's `meta`; any other change to
 * the cached issues drops it). The next write, finding the file still that
 * one, splices its own changed rows into it: a few binary searches over the
 * bytes instead of reading every row. Otherwise the projection is made
 * whole from the cached rows.
 *
 * @module
 */

import type { DatabaseSync } from "node:sqlite";

/** One bead a write changed: its new row (compact JSON), or `null` when it is gone. */
export interface RowChange {
  id: string;
  row: string | null;
}

const NEWLINE = 0x0a;
const QUOTE = 0x22;
/** Every row starts with its id: `{"id":"`. */
const ROW_START = new TextEncoder().encode('{"id":"');

const encoder = new TextEncoder();

/** The id of the row starting at `at`, or undefined when no row of ours starts there. */
function idAt(bytes: Uint8Array, at: number): string | undefined {
  for (let i = 0; i < ROW_START.length; i++) {
    if (bytes[at + i] !== ROW_START[i]) return undefined;
  }
  const start = at + ROW_START.length;
  const end = bytes.indexOf(QUOTE, start);
  if (end < 0) return undefined;
  // Ids are ASCII (see `ids.ts`): one character per byte, compared as `compareIds` does.
  return String.fromCharCode(...bytes.subarray(start, end));
}

/**
 * The start of the first line at or after `from` (a line start) whose id is
 * not below `id`, by binary search over the bytes; undefined when a line is
 * not a row of ours.
 */
function firstLineFrom(bytes: Uint8Array, from: number, id: string): number | undefined {
  let low = from;
  let high = bytes.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const start = bytes.lastIndexOf(NEWLINE, middle - 1) + 1;
    const lineStart = Math.max(start, low);
    const found = idAt(bytes, lineStart);
    if (found === undefined) return undefined;
    if (found < id) {
      const end = bytes.indexOf(NEWLINE, lineStart);
      if (end < 0) return undefined;
      low = end + 1;
    } else high = lineStart;
  }
  return low;
}

/**
 * `base` (a projection this implementation wrote: rows in id order, each
 * on its own line starting with its id) with `changes` applied: a changed
 * bead's line replaced, a new one inserted in order, a gone one dropped. The
 * result is the pieces to write one after another (slices of `base` and
 * the new lines); undefined when `base` is not such a file.
 */
export function spliceProjection(
  base: Uint8Array,
  changes: readonly RowChange[],
): Uint8Array[] | undefined {
  if (base.length > 0 && base[base.length - 1] !== NEWLINE) return undefined;
  const sorted = [...changes].sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const pieces: Uint8Array[] = [];
  let cursor = 0;
  for (const change of sorted) {
    const at = firstLineFrom(base, cursor, change.id);
    if (at === undefined) return undefined;
    pieces.push(base.subarray(cursor, at));
    cursor = at;
    if (at < base.length && idAt(base, at) === change.id) {
      cursor = base.indexOf(NEWLINE, at) + 1;
    }
    if (change.row !== null) pieces.push(encoder.encode(`${change.row}\n`));
  }
  pieces.push(base.subarray(cursor));
  return pieces;
}

/** The projection of the cached issues: their rows in id order, one per line. */
export function projectionOfCache(db: DatabaseSync): Uint8Array {
  const { rows } = db.prepare(
    "SELECT CAST(group_concat(row, char(10)) AS BLOB) AS rows FROM (SELECT row FROM issues ORDER BY id)",
  ).get() as { rows: Uint8Array | null };
  if (rows === null) return new Uint8Array();
  const out = new Uint8Array(rows.length + 1);
  out.set(rows);
  out[rows.length] = NEWLINE;
  return out;
}
