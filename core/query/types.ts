/**
 * Tokens, syntax tree and errors of the ChangeSpec query language.
 *
 * @module
 */

import { SaseError } from "../errors.ts";

/** Property keys a `key:value` filter may use. */
export const PROPERTY_KEYS = [
  "status",
  "project",
  "ancestor",
  "name",
  "sibling",
  "origin",
] as const;

/** One property key. */
export type PropertyKey = typeof PROPERTY_KEYS[number];

/** Token kinds produced by the tokenizer. */
export type TokenKind =
  | "STRING"
  | "PROPERTY"
  | "AND"
  | "OR"
  | "NOT"
  | "LPAREN"
  | "RPAREN"
  | "ERROR_SUFFIX"
  | "NOT_ERROR_SUFFIX"
  | "RUNNING_AGENT"
  | "NOT_RUNNING_AGENT"
  | "RUNNING_PROCESS"
  | "NOT_RUNNING_PROCESS"
  | "ANY_SPECIAL"
  | "EOF";

/** One token with its 0-based source position. */
export interface Token {
  kind: TokenKind;
  value: string;
  position: number;
  caseSensitive: boolean;
  propertyKey: PropertyKey | null;
}

/** Which marker a special predicate looks for. */
export type SpecialKind = "error_suffix" | "running_agent" | "running_process";

/** The query syntax tree. */
export type QueryExpr =
  | { type: "string"; value: string; caseSensitive: boolean }
  | { type: "special"; kind: SpecialKind }
  | { type: "property"; key: PropertyKey; value: string }
  | { type: "not"; operand: QueryExpr }
  | { type: "and"; operands: QueryExpr[] }
  | { type: "or"; operands: QueryExpr[] };

/** A query that does not tokenize or parse; `position` is 0-based. */
export class QueryError extends SaseError {
  /** Character offset of the fault. */
  readonly position: number;

  constructor(message: string, position: number) {
    super("query.syntax", `${message} (at position ${position})`, {
      kind: "invalid-input",
      hint: "see `sase changespec search --help` for the query syntax",
    });
    this.position = position;
  }
}

/** A tokenizer error: the message names the position twice, as the original does. */
export function tokenizerError(message: string, position: number): QueryError {
  return new QueryError(`${message} at position ${position}`, position);
}
