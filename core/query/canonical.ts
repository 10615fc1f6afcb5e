/**
 * The canonical printed form of a query: explicit AND/OR, quoted strings,
 * expanded shorthands, and parentheses only where precedence needs them.
 *
 * @module
 */

import { parseQuery } from "./parser.ts";
import type { QueryExpr } from "./types.ts";

const SPECIAL_TEXT = { error_suffix: "!!!", running_agent: "@@@", running_process: "$$$" } as const;

function escape(value: string): string {
  return value.replace(
    /[\\"\n\r\t]/g,
    (ch) => ({ "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t" })[ch]!,
  );
}

function propertyValue(value: string): string {
  return /^[\p{L}\p{N}_][\p{L}\p{N}_.-]*$/u.test(value) ? value : `"${escape(value)}"`;
}

/** Print `expr` in canonical form. */
export function toCanonical(expr: QueryExpr): string {
  switch (expr.type) {
    case "string":
      return `${expr.caseSensitive ? "c" : ""}"${escape(expr.value)}"`;
    case "special":
      return SPECIAL_TEXT[expr.kind];
    case "property":
      return `${expr.key}:${propertyValue(expr.value)}`;
    case "not": {
      const inner = toCanonical(expr.operand);
      const group = expr.operand.type === "and" || expr.operand.type === "or";
      return group ? `NOT (${inner})` : `NOT ${inner}`;
    }
    case "and":
      return expr.operands
        .map((op) => op.type === "or" ? `(${toCanonical(op)})` : toCanonical(op))
        .join(" AND ");
    case "or":
      return expr.operands
        .map((op) => op.type === "and" ? `(${toCanonical(op)})` : toCanonical(op))
        .join(" OR ");
  }
}

/** Parse `query` and print its canonical form. */
export function canonicalizeQuery(query: string): string {
  return toCanonical(parseQuery(query));
}
