/**
 * Reading many cached rows at once: SQLite joins the `issues.jsonl` rows a
 * read picks into one JSON array, so thousands of rows make one string (or
 * one byte array), not an object per row.
 *
 * The array comes in one of two forms:
 * - `json`: compact text, to parse into issues;
 * - `printed`: the UTF-8 bytes `JSON.stringify(rows, null, 2)` prints, made
 *   by SQLite's `json_pretty` (whose layout is the same; the bead tests check
 *   it), so `-j` output never parses or re-serialises a row in JavaScript.
 *
 * @module
 */

import type { DatabaseSync } from "node:sqlite";

/** The form of a {@linkcode readRows} answer (see the module documentation). */
export type RowsForm = "json" | "printed";

/** A {@linkcode readRows} answer in form `F`. */
export type RowsOf<F extends RowsForm> = F extends "printed" ? Uint8Array : string;

/**
 * SQL: the JSON text `json` as `JSON.stringify(rows, null, 2)` prints it as
 * an element of `rows` (indented by two spaces; a JSON text holds no raw
 * newline but between its tokens).
 */
export function printedElementSql(json: string): string {
  return `replace(json_pretty(${json}, '  '), char(10), char(10) || '  ')`;
}

/** What rows a read picks. */
export interface RowQuery {
  /** The row as this read sees it: an SQL expression over `from` giving its JSON text. */
  seen: string;
  /** The same row as a printed element, when `from` stores it so (default: printed here). */
  printed?: string;
  /** The table (with its alias) the rows come from. */
  from: string;
  /** The SQL condition picking them. */
  where: string;
  /** The id column, the rows' order. */
  id: string;
}

const encoder = new TextEncoder();

/** Printed-array pieces around the rows (each printed element is indented by two spaces). */
const OPEN = encoder.encode("[\n  ");
const CLOSE = encoder.encode("\n]");
const EMPTY = encoder.encode("[]");

/**
 * The rows `query` picks, in id order, as one JSON array in form `form`;
 * `bind` holds the statement's parameters (`now` for `:now`, then the `?`s).
 * (The ordered subquery feeds the join in its order: an ordered aggregate
 * would sort the rows' text again.)
 */
export function readRows<F extends RowsForm>(
  db: DatabaseSync,
  query: RowQuery,
  form: F,
  bind: { now: number; params?: readonly string[] },
): RowsOf<F> {
  const ordered = (row: string) =>
    `FROM (SELECT ${row} AS item FROM ${query.from} WHERE ${query.where} ORDER BY ${query.id})`;
  const params = bind.params ?? [];
  if (form === "json") {
    const { rows } = db.prepare(`SELECT group_concat(item, ',') AS rows ${ordered(query.seen)}`)
      .get({ now: bind.now }, ...params) as { rows: string | null };
    return `[${rows ?? ""}]` as RowsOf<F>;
  }
  const printed = query.printed ?? printedElementSql(query.seen);
  const { rows } = db.prepare(
    `SELECT CAST(group_concat(item, ',' || char(10) || '  ') AS BLOB) AS rows ${ordered(printed)}`,
  ).get({ now: bind.now }, ...params) as { rows: Uint8Array | null };
  if (rows === null) return EMPTY.slice() as RowsOf<F>;
  const out = new Uint8Array(OPEN.length + rows.length + CLOSE.length);
  out.set(OPEN);
  out.set(rows, OPEN.length);
  out.set(CLOSE, OPEN.length + rows.length);
  return out as RowsOf<F>;
}
