/**
 * Recursive-descent query parser. Precedence, tightest first: NOT, AND
 * (explicit or by juxtaposition), OR; parentheses override.
 *
 * @module
 */

import { tokenize } from "./tokenizer.ts";
import { QueryError, type QueryExpr, type Token, type TokenKind } from "./types.ts";

const UNARY_START = new Set<TokenKind>([
  "STRING",
  "PROPERTY",
  "NOT",
  "LPAREN",
  "ERROR_SUFFIX",
  "NOT_ERROR_SUFFIX",
  "RUNNING_AGENT",
  "NOT_RUNNING_AGENT",
  "RUNNING_PROCESS",
  "NOT_RUNNING_PROCESS",
  "ANY_SPECIAL",
]);

function label(token: Token): string {
  return token.value === "" ? token.kind : token.value;
}

/** Parse `query` into a syntax tree; throws `QueryError` with a position. */
export function parseQuery(query: string): QueryExpr {
  const tokens = tokenize(query);
  let index = 0;
  const current = () => tokens[Math.min(index, tokens.length - 1)];
  const advance = () => tokens[index++];

  const parseOr = (): QueryExpr => {
    const operands = [parseAnd()];
    while (current().kind === "OR") {
      advance();
      operands.push(parseAnd());
    }
    return operands.length === 1 ? operands[0] : { type: "or", operands };
  };

  const parseAnd = (): QueryExpr => {
    const operands = [parseUnary()];
    while (true) {
      if (current().kind === "AND") {
        advance();
        operands.push(parseUnary());
      } else if (UNARY_START.has(current().kind)) {
        operands.push(parseUnary());
      } else {
        break;
      }
    }
    return operands.length === 1 ? operands[0] : { type: "and", operands };
  };

  const parseUnary = (): QueryExpr => {
    let nots = 0;
    while (current().kind === "NOT") {
      advance();
      nots++;
    }
    let expr = parsePrimary();
    for (let i = 0; i < nots; i++) expr = { type: "not", operand: expr };
    return expr;
  };

  const parsePrimary = (): QueryExpr => {
    const token = current();
    switch (token.kind) {
      case "STRING":
        advance();
        return { type: "string", value: token.value, caseSensitive: token.caseSensitive };
      case "PROPERTY":
        advance();
        return { type: "property", key: token.propertyKey!, value: token.value };
      case "ERROR_SUFFIX":
        advance();
        return { type: "special", kind: "error_suffix" };
      case "NOT_ERROR_SUFFIX":
        advance();
        return { type: "not", operand: { type: "special", kind: "error_suffix" } };
      case "RUNNING_AGENT":
        advance();
        return { type: "special", kind: "running_agent" };
      case "NOT_RUNNING_AGENT":
        advance();
        return { type: "not", operand: { type: "special", kind: "running_agent" } };
      case "RUNNING_PROCESS":
        advance();
        return { type: "special", kind: "running_process" };
      case "NOT_RUNNING_PROCESS":
        advance();
        return { type: "not", operand: { type: "special", kind: "running_process" } };
      case "ANY_SPECIAL":
        advance();
        return {
          type: "or",
          operands: [
            { type: "special", kind: "error_suffix" },
            { type: "special", kind: "running_agent" },
            { type: "special", kind: "running_process" },
          ],
        };
      case "LPAREN": {
        advance();
        const expr = parseOr();
        const close = current();
        if (close.kind !== "RPAREN") {
          throw new QueryError(`Expected RPAREN, got ${close.kind}`, close.position);
        }
        advance();
        return expr;
      }
      default:
        throw new QueryError(`Expected string or '(', got ${label(token)}`, token.position);
    }
  };

  if (current().kind === "EOF") throw new QueryError("Empty query", 0);
  const expr = parseOr();
  if (current().kind !== "EOF") {
    throw new QueryError(`Unexpected token: ${label(current())}`, current().position);
  }
  return expr;
}
