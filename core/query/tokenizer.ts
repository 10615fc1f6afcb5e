/**
 * Query tokenizer. All special characters are ASCII, so it walks UTF-16
 * code units; anything else inside strings and words is kept verbatim.
 *
 * @module
 */

import {
  PROPERTY_KEYS,
  type PropertyKey,
  type Token,
  tokenizerError,
  type TokenKind,
} from "./types.ts";

const STATUS_SHORTHANDS: Readonly<Record<string, string>> = {
  d: "DRAFT",
  m: "MAILED",
  r: "REVERTED",
  s: "SUBMITTED",
  w: "WIP",
  y: "READY",
};

const SIGILS: Readonly<Record<string, { key: PropertyKey; error: string }>> = {
  "+": { key: "project", error: "Expected project name after '+'" },
  "^": { key: "ancestor", error: "Expected ancestor name after '^'" },
  "~": { key: "sibling", error: "Expected sibling name after '~'" },
  "&": { key: "name", error: "Expected name after '&'" },
};

const ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\",
  '"': '"',
  n: "\n",
  r: "\r",
  t: "\t",
};

function isSpace(ch: string | undefined): boolean {
  return ch === " " || ch === "\t" || ch === "\r" || ch === "\n";
}

function isWordStart(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z_]/.test(ch);
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z0-9_.-]/.test(ch);
}

/** Split `query` into tokens, ending with an EOF token; throws `QueryError`. */
export function tokenize(query: string): Token[] {
  const out: Token[] = [];
  let pos = 0;
  const emit = (kind: TokenKind, value: string, position: number, extra: Partial<Token> = {}) =>
    out.push({ kind, value, position, caseSensitive: false, propertyKey: null, ...extra });
  const standalone = (offset: number) =>
    pos + offset >= query.length || isSpace(query[pos + offset]);
  const startsWith = (text: string) => query.startsWith(text, pos);

  const quoted = (): string => {
    const start = pos;
    pos++;
    let value = "";
    while (pos < query.length) {
      const ch = query[pos];
      if (ch === '"') {
        pos++;
        return value;
      }
      if (ch === "\\") {
        if (pos + 1 >= query.length) throw tokenizerError("Unterminated escape sequence", pos);
        const next = query[pos + 1];
        const mapped = ESCAPES[next];
        if (mapped === undefined) throw tokenizerError(`Invalid escape sequence: \\${next}`, pos);
        value += mapped;
        pos += 2;
        continue;
      }
      value += ch;
      pos++;
    }
    throw tokenizerError("Unterminated string", start);
  };

  const word = (): string => {
    const start = pos;
    while (pos < query.length && isWordChar(query[pos])) pos++;
    return query.slice(start, pos);
  };

  const propertyValue = (): string => {
    if (query[pos] === '"') return quoted();
    if (!isWordStart(query[pos])) throw tokenizerError("Expected property value", pos);
    return word();
  };

  while (true) {
    while (pos < query.length && isSpace(query[pos])) pos++;
    if (pos >= query.length) break;
    const start = pos;
    const ch = query[pos];
    if (ch === "c" && query[pos + 1] === '"') {
      pos++;
      emit("STRING", quoted(), start, { caseSensitive: true });
    } else if (ch === '"') {
      emit("STRING", quoted(), start);
    } else if (ch === "!") {
      if (startsWith("!!!")) {
        emit("ERROR_SUFFIX", "!!!", start);
        pos += 3;
      } else if (startsWith("!!") && standalone(2)) {
        emit("NOT_ERROR_SUFFIX", "!!", start);
        pos += 2;
      } else if (startsWith("!@") && standalone(2)) {
        emit("NOT_RUNNING_AGENT", "!@", start);
        pos += 2;
      } else if (startsWith("!$") && standalone(2)) {
        emit("NOT_RUNNING_PROCESS", "!$", start);
        pos += 2;
      } else if (standalone(1)) {
        emit("ERROR_SUFFIX", "!", start);
        pos++;
      } else {
        emit("NOT", "!", start);
        pos++;
      }
    } else if (ch === "@" || ch === "$") {
      const kind = ch === "@" ? "RUNNING_AGENT" : "RUNNING_PROCESS";
      if (startsWith(ch.repeat(3))) {
        emit(kind, ch.repeat(3), start);
        pos += 3;
      } else if (standalone(1)) {
        emit(kind, ch, start);
        pos++;
      } else {
        throw tokenizerError(`Unexpected character: ${ch}`, start);
      }
    } else if (ch === "*") {
      if (!standalone(1)) throw tokenizerError("Unexpected character: *", start);
      emit("ANY_SPECIAL", "*", start);
      pos++;
    } else if (ch === "(" || ch === ")") {
      emit(ch === "(" ? "LPAREN" : "RPAREN", ch, start);
      pos++;
    } else if (ch === "%") {
      const status = STATUS_SHORTHANDS[(query[pos + 1] ?? "").toLowerCase()];
      if (status === undefined) {
        throw tokenizerError(
          "Invalid status shorthand (use %d, %m, %r, %s, %w, or %y)",
          start,
        );
      }
      pos += 2;
      emit("PROPERTY", status, start, { propertyKey: "status" });
    } else if (SIGILS[ch]) {
      const sigil = SIGILS[ch];
      pos++;
      if (!isWordStart(query[pos])) throw tokenizerError(sigil.error, start);
      emit("PROPERTY", word(), start, { propertyKey: sigil.key });
    } else if (isWordStart(ch)) {
      const text = word();
      const upper = text.toUpperCase();
      if (upper === "AND" || upper === "OR" || upper === "NOT") {
        emit(upper, text, start);
      } else if (query[pos] === ":") {
        const key = text.toLowerCase() as PropertyKey;
        if (!PROPERTY_KEYS.includes(key)) {
          throw tokenizerError(
            `Unknown property key: ${text} (valid keys: ${PROPERTY_KEYS.join(", ")})`,
            start,
          );
        }
        pos++;
        emit("PROPERTY", propertyValue(), start, { propertyKey: key });
      } else {
        emit("STRING", text, start);
      }
    } else {
      throw tokenizerError(`Unexpected character: ${ch}`, start);
    }
  }
  emit("EOF", "", pos);
  return out;
}
