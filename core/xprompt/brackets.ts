/**
 * The bracket scanner of the xprompt grammars: finding the bracket that
 * closes an opening one, and splitting a list on its top-level separators.
 * Reference and directive arguments (`args.ts`) and `%alt` bodies
 * (`alt.ts`) nest, quote and hide text differently; each describes its
 * rules as a {@linkcode BracketSyntax} and both walk text the same way.
 *
 * @module
 */

/** What hides text from the scanner and what nests. */
export interface BracketSyntax {
  /**
   * Characters that open a quoted run, closed by the same character.
   * Brackets, separators and text blocks inside it are plain text.
   */
  quotes: string;
  /** Whether a backslash inside a quoted run hides the character after it. */
  escapes: boolean;
  /** The opening brackets that nest. */
  open: string;
  /** The closing brackets; any of them closes any opening one. */
  close: string;
  /**
   * Whether `[[text blocks]]` are opaque. A block that never closes hides the
   * rest of the text.
   */
  blocks: boolean;
}

/**
 * Walk `text` from `from`, yielding the index of every character outside
 * quoted runs and text blocks with the bracket depth after it (counted from
 * 0 at `from`). A quote's closing character and escaped characters are not
 * yielded.
 */
function* bareCharacters(
  text: string,
  from: number,
  syntax: BracketSyntax,
): Generator<[index: number, depth: number]> {
  let depth = 0;
  let quote = "";
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (syntax.escapes && ch === "\\") i++;
      else if (ch === quote) quote = "";
      continue;
    }
    if (syntax.blocks && text.startsWith("[[", i)) {
      const end = text.indexOf("]]", i + 2);
      if (end < 0) return;
      i = end + 1;
      continue;
    }
    if (syntax.quotes.includes(ch)) quote = ch;
    else if (syntax.open.includes(ch)) depth++;
    else if (syntax.close.includes(ch)) depth--;
    yield [i, depth];
  }
}

/**
 * Index of the bracket closing the opening bracket at `start`, or -1 when
 * `start` holds no opening bracket or nothing closes it.
 */
export function findClosing(text: string, start: number, syntax: BracketSyntax): number {
  if (!syntax.open.includes(text[start] ?? "")) return -1;
  for (const [index, depth] of bareCharacters(text, start, syntax)) {
    if (depth === 0) return index;
  }
  return -1;
}

/**
 * `text` split on the `separator` characters outside quotes, text blocks and
 * brackets; every part is trimmed and kept, empty ones included.
 */
export function splitTopLevel(text: string, separator: string, syntax: BracketSyntax): string[] {
  const parts: string[] = [];
  let partStart = 0;
  for (const [index, depth] of bareCharacters(text, 0, syntax)) {
    if (depth !== 0 || text[index] !== separator) continue;
    parts.push(text.slice(partStart, index).trim());
    partStart = index + 1;
  }
  parts.push(text.slice(partStart).trim());
  return parts;
}
