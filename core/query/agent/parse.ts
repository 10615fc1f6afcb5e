/**
 * The agent query language of ACE's Agents tab (handbook 4.5.12): bare or
 * quoted words (`c"..."` case-sensitive), `key:value` over a closed key
 * list, boolean keys (`pinned:true`), `age<5m` / `age>=2h` / `age:1d` (`:`
 * means `>=`; `s`/`m`/`h`/`d`), `AND` (or juxtaposition), `OR`, `NOT`/`!`,
 * parentheses; precedence NOT > AND > OR. A query that does not parse is an
 * {@linkcode AgentQueryError} with its position.
 *
 * @module
 */

import { SaseError } from "../../errors.ts";

/** Keys matched as case-insensitive substrings (`tag` matches exactly). */
export const TEXT_KEYS = [
  "status",
  "cl",
  "project",
  "name",
  "model",
  "provider",
  "tag",
  "text",
] as const;

/** Keys with a fixed set of values. */
export const ENUM_KEYS: Readonly<Record<string, readonly string[]>> = {
  pinned: ["true", "false"],
  hidden: ["true", "false"],
  attention: ["true", "false"],
  needs: ["input"],
  type: ["workflow", "run", "running"],
  source: ["axe", "manual"],
};

/** The comparison operators of `age`. */
export type CompareOp = "<" | "<=" | ">" | ">=";

/** A parsed agent query. */
export type AgentQueryExpr =
  | { type: "string"; value: string; caseSensitive: boolean }
  | { type: "property"; key: string; value: string }
  | { type: "age"; op: CompareOp; seconds: number }
  | { type: "not"; operand: AgentQueryExpr }
  | { type: "and"; operands: AgentQueryExpr[] }
  | { type: "or"; operands: AgentQueryExpr[] };

/** An agent query that does not tokenize or parse; `position` is 0-based. */
export class AgentQueryError extends SaseError {
  readonly position: number;

  constructor(message: string, position: number) {
    super("agent_query.syntax", `${message} (at position ${position})`, {
      kind: "invalid-input",
      hint:
        "keys: status cl project name model provider tag text type source, pinned/hidden/attention:true|false, needs:input, age<5m",
    });
    this.position = position;
  }
}

type Token =
  | { kind: "lparen" | "rparen" | "and" | "or" | "not" | "eof"; pos: number }
  | { kind: "term"; pos: number; expr: AgentQueryExpr };

const UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400 };

function readQuoted(query: string, start: number): { value: string; end: number } {
  let value = "";
  let pos = start + 1;
  while (pos < query.length && query[pos] !== '"') {
    if (query[pos] === "\\" && pos + 1 < query.length) {
      const next = query[pos + 1];
      value += next === "n" ? "\n" : next === "t" ? "\t" : next === "r" ? "\r" : next;
      pos += 2;
    } else {
      value += query[pos++];
    }
  }
  if (pos >= query.length) throw new AgentQueryError("Unterminated string", start);
  return { value, end: pos + 1 };
}

const WORD = /[^\s()"]/;

function readWord(query: string, start: number): { value: string; end: number } {
  let pos = start;
  while (pos < query.length && WORD.test(query[pos])) pos++;
  return { value: query.slice(start, pos), end: pos };
}

function ageTerm(text: string, pos: number): AgentQueryExpr {
  const match = /^age(<=|>=|<|>|:)(\d+)([smhd])$/.exec(text);
  if (!match) {
    throw new AgentQueryError(`Expected age<N, age>=N or age:N with s/m/h/d, got '${text}'`, pos);
  }
  const op = match[1] === ":" ? ">=" : match[1] as CompareOp;
  return { type: "age", op, seconds: Number(match[2]) * UNITS[match[3]] };
}

function propertyTerm(key: string, value: string, pos: number): AgentQueryExpr {
  const lower = key.toLowerCase();
  if ((TEXT_KEYS as readonly string[]).includes(lower)) {
    return { type: "property", key: lower, value };
  }
  const allowed = ENUM_KEYS[lower];
  if (!allowed) throw new AgentQueryError(`Unknown key '${key}'`, pos);
  const normal = value.toLowerCase();
  if (!allowed.includes(normal)) {
    throw new AgentQueryError(`'${key}' takes ${allowed.join(" or ")}, got '${value}'`, pos);
  }
  return { type: "property", key: lower, value: normal };
}

function tokenize(query: string): Token[] {
  const out: Token[] = [];
  let pos = 0;
  while (pos < query.length) {
    const ch = query[pos];
    if (/\s/.test(ch)) {
      pos++;
    } else if (ch === "(" || ch === ")") {
      out.push({ kind: ch === "(" ? "lparen" : "rparen", pos });
      pos++;
    } else if (ch === "!") {
      out.push({ kind: "not", pos });
      pos++;
    } else if (ch === '"' || (ch === "c" && query[pos + 1] === '"')) {
      const sensitive = ch === "c";
      const { value, end } = readQuoted(query, sensitive ? pos + 1 : pos);
      out.push({ kind: "term", pos, expr: { type: "string", value, caseSensitive: sensitive } });
      pos = end;
    } else {
      const start = pos;
      const { value: word, end } = readWord(query, pos);
      pos = end;
      if (word === "AND" || word === "OR" || word === "NOT") {
        out.push({ kind: word.toLowerCase() as "and" | "or" | "not", pos: start });
      } else if (/^age[<>:]/i.test(word)) {
        out.push({ kind: "term", pos: start, expr: ageTerm(word.toLowerCase(), start) });
      } else if (/^[A-Za-z_]+:/.test(word)) {
        const colon = word.indexOf(":");
        let value = word.slice(colon + 1);
        if (value === "" && query[pos] === '"') {
          const quoted = readQuoted(query, pos);
          value = quoted.value;
          pos = quoted.end;
        }
        out.push({
          kind: "term",
          pos: start,
          expr: propertyTerm(word.slice(0, colon), value, start),
        });
      } else {
        out.push({
          kind: "term",
          pos: start,
          expr: { type: "string", value: word, caseSensitive: false },
        });
      }
    }
  }
  out.push({ kind: "eof", pos: query.length });
  return out;
}

/** Parse an agent query; throws {@linkcode AgentQueryError}. */
export function parseAgentQuery(query: string): AgentQueryExpr {
  const tokens = tokenize(query);
  let index = 0;
  const peek = () => tokens[index];
  if (peek().kind === "eof") throw new AgentQueryError("Empty query", 0);

  const unary = (): AgentQueryExpr => {
    const token = tokens[index++];
    switch (token.kind) {
      case "not":
        return { type: "not", operand: unary() };
      case "lparen": {
        const inner = or();
        const close = tokens[index];
        if (close.kind !== "rparen") {
          throw new AgentQueryError(
            `Expected ')', got ${close.kind === "eof" ? "end of query" : `'${close.kind}'`}`,
            close.pos,
          );
        }
        index++;
        return inner;
      }
      case "term":
        return token.expr;
      default:
        throw new AgentQueryError(
          token.kind === "eof"
            ? "Unexpected end of query"
            : `Unexpected '${token.kind === "rparen" ? ")" : token.kind.toUpperCase()}'`,
          token.pos,
        );
    }
  };
  const and = (): AgentQueryExpr => {
    const operands = [unary()];
    while (true) {
      const kind = peek().kind;
      if (kind === "and") {
        index++;
        operands.push(unary());
      } else if (kind === "term" || kind === "not" || kind === "lparen") {
        operands.push(unary());
      } else {
        break;
      }
    }
    return operands.length === 1 ? operands[0] : { type: "and", operands };
  };
  const or = (): AgentQueryExpr => {
    const operands = [and()];
    while (peek().kind === "or") {
      index++;
      operands.push(and());
    }
    return operands.length === 1 ? operands[0] : { type: "or", operands };
  };

  const expr = or();
  const rest = peek();
  if (rest.kind !== "eof") {
    throw new AgentQueryError(`Unexpected '${rest.kind === "rparen" ? ")" : rest.kind}'`, rest.pos);
  }
  return expr;
}
