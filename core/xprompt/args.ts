/**
 * Argument grammar shared by xprompt references and `%directives`.
 *
 * `(a, "b, c", key=value, t=[[block]], null)`: positional values first, then
 * named ones; quotes and `[[text blocks]]` hide commas, `=` and parentheses;
 * empty elements are kept (`(a,,b,)` is four values) and listed in `blanks`,
 * so that an xprompt call can refuse them (an empty value is written `""`);
 * an unquoted `null` means "use the callee's default".
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { type BracketSyntax, findClosing, splitTopLevel } from "./brackets.ts";

/** The value that stands for an unquoted `null` argument (pass-through). */
export const NULL_ARG: unique symbol = Symbol("null-arg");

/** One argument value as written: text, or the `null` pass-through. */
export type ArgValue = string | typeof NULL_ARG;

/** The arguments of a call written as nothing at all (`(a,,b)`, `(a,)`, `key=`). */
export interface ArgBlanks {
  /** 0-based positions of blank positional arguments. */
  positional: number[];
  /** Names of blank named arguments. */
  named: string[];
}

/** Parsed arguments of one call. */
export interface ParsedArgs {
  positional: ArgValue[];
  named: Record<string, ArgValue>;
  /** Which of them were written as nothing (a quoted `""` is not blank). */
  blanks: ArgBlanks;
}

/**
 * How argument lists nest and hide text: `"` and `'` quote (a backslash
 * escapes inside them), `[[text blocks]]` are opaque, parentheses nest.
 */
export const ARG_SYNTAX: BracketSyntax = {
  quotes: `"'`,
  escapes: true,
  open: "(",
  close: ")",
  blocks: true,
};

/**
 * Index of the `)` matching the `(` at `start`, or -1. Quotes, text blocks
 * and nested parentheses (`$(cmd)`, inner references) are skipped.
 */
export function findMatchingParen(text: string, start: number): number {
  return findClosing(text, start, ARG_SYNTAX);
}

/** Dedent a `[[text block]]` body: first line lstripped, rest dedented, ends trimmed. */
export function processTextBlock(value: string): string {
  if (!(value.startsWith("[[") && value.endsWith("]]"))) return value;
  const lines = value.slice(2, -2).split("\n");
  const rest = lines.slice(1);
  const indents = rest.filter((line) => line.trim() !== "").map((line) =>
    line.length - line.trimStart().length
  );
  const min = indents.length ? Math.min(...indents) : 0;
  const processed = [
    lines[0].trimStart(),
    ...rest.map((l) => (l.trim() === "" ? "" : l.slice(min))),
  ];
  return processed.join("\n").trim();
}

function unquote(value: string): string {
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) {
    return value.slice(1, -1).replace(/\\(["'\\])/g, "$1");
  }
  return processTextBlock(value);
}

const NAMED = /^([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)\s*([\s\S]*)$/;

/** Parse the text between a call's parentheses. `where` names the call in errors. */
export function parseArgList(text: string, where: string): ParsedArgs {
  const result: ParsedArgs = { positional: [], named: {}, blanks: { positional: [], named: [] } };
  if (text.trim() === "") return result;
  for (const token of splitTopLevel(text, ",", ARG_SYNTAX)) {
    const named = NAMED.exec(token);
    if (named) {
      result.named[named[1]] = named[2] === "null" ? NULL_ARG : unquote(named[2]);
      if (named[2] === "") result.blanks.named.push(named[1]);
      continue;
    }
    if (Object.keys(result.named).length > 0) {
      throw new SaseError(
        "xprompt.args",
        `${where}: positional argument '${token}' comes after a named argument`,
        { hint: "put positional arguments first: #name(a, b, key=value)", kind: "invalid-data" },
      );
    }
    if (token === "") result.blanks.positional.push(result.positional.length);
    result.positional.push(token === "null" ? NULL_ARG : unquote(token));
  }
  return result;
}

/** Parse a colon argument (`#name:a,b`, ``#name:`x y` ``); `+` stands for a space. */
export function parseColonArg(text: string): ArgValue[] {
  if (text.startsWith("`") && text.endsWith("`") && text.length >= 2) return [text.slice(1, -1)];
  if (text.startsWith("$(") || text.startsWith("{")) return [text];
  return text.split(",").map((part) => (part === "null" ? NULL_ARG : part.replaceAll("+", " ")));
}
