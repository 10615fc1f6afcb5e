/**
 * Shorthand forms rewritten into text-block calls before parsing.
 *
 * - `#name: text` at a line start → `#name([[text]])`, up to a blank line.
 * - `#name:: text` at a line start → `#name([[text]])`, up to the next line
 *   that starts a reference or directive (blank lines do not end it).
 * - `#name(args): text` / `#name(args):: text` anywhere → the text becomes a
 *   final positional text-block argument.
 *
 * Only names the catalog knows are rewritten, so prose like `#unknown: x`
 * stays as written.
 *
 * @module
 */

import { findMatchingParen } from "./args.ts";

const NAME = String
  .raw`[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*(?:\/[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*)*`;
const LINE_START = new RegExp(String.raw`^(#!?)(${NAME})(!!|\?\?)?(::? )`, "gm");
const PAREN_START = new RegExp(String.raw`(?<=^|[\s(\[{"'\x60])(#!?)(${NAME})(!!|\?\?)?\(`, "g");

/** End of single-colon text: the next blank line, or the end. */
function singleEnd(text: string, from: number): number {
  const blank = text.indexOf("\n\n", from);
  return blank < 0 ? text.length : blank;
}

/** End of double-colon text: before the next line starting with `#name` or `%`. */
function doubleEnd(text: string, from: number): number {
  const re = /\n(?=#!?[A-Za-z_]|%[A-Za-z({])/g;
  re.lastIndex = from;
  const match = re.exec(text);
  return match ? match.index : text.length;
}

/** Format captured text as a text block: continuation lines indented two spaces. */
function asTextBlock(text: string): string {
  const lines = text.replace(/\s+$/, "").split("\n");
  return `[[${lines.map((line, i) => (i === 0 || line === "" ? line : `  ${line}`)).join("\n")}]]`;
}

function known(name: string, names: ReadonlySet<string>): boolean {
  return names.has(name.replaceAll("__", "/"));
}

/** Rewrite every shorthand call of a known name into its `([[…]])` form. */
export function preprocessShorthand(text: string, names: ReadonlySet<string>): string {
  return rewriteLineStart(rewriteParen(text, names), names);
}

function rewriteParen(text: string, names: ReadonlySet<string>): string {
  let out = "";
  let cursor = 0;
  PAREN_START.lastIndex = 0;
  for (let match = PAREN_START.exec(text); match; match = PAREN_START.exec(text)) {
    const open = match.index + match[0].length - 1;
    const close = findMatchingParen(text, open);
    if (close < 0 || !known(match[2], names)) continue;
    const after = text.slice(close + 1);
    const double = after.startsWith(":: ");
    if (!double && !after.startsWith(": ")) continue;
    const from = close + 1 + (double ? 3 : 2);
    const end = double ? doubleEnd(text, from) : singleEnd(text, from);
    const args = text.slice(open + 1, close);
    const block = asTextBlock(text.slice(from, end));
    out += text.slice(cursor, open + 1) + (args.trim() ? `${args}, ${block}` : block) + ")";
    cursor = end;
    PAREN_START.lastIndex = end;
  }
  return out + text.slice(cursor);
}

function rewriteLineStart(text: string, names: ReadonlySet<string>): string {
  let out = "";
  let cursor = 0;
  LINE_START.lastIndex = 0;
  for (let match = LINE_START.exec(text); match; match = LINE_START.exec(text)) {
    if (!known(match[2], names) || match.index < cursor) continue;
    const from = match.index + match[0].length;
    const end = match[4] === ":: " ? doubleEnd(text, from) : singleEnd(text, from);
    const head = `${match[1]}${match[2]}${match[3] ?? ""}`;
    out += text.slice(cursor, match.index) + `${head}(${asTextBlock(text.slice(from, end))})`;
    cursor = end;
    LINE_START.lastIndex = end;
  }
  return out + text.slice(cursor);
}
