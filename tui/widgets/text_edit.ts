/**
 * Editing one line of text at a cursor, by grapheme cluster (a family emoji
 * or an accented letter is deleted and stepped over whole), shared by the
 * single-line input and the multi-line editor.
 *
 * @module
 */

import { graphemes } from "../engine/width.ts";

/** The offsets (UTF-16) of every grapheme boundary of `text`, 0 and `text.length` included. */
function boundaries(text: string): number[] {
  const found = [0];
  let at = 0;
  for (const grapheme of graphemes(text)) found.push(at += grapheme.length);
  return found;
}

/** The grapheme boundary before `offset` (0 at the start). */
export function previousBoundary(text: string, offset: number): number {
  const all = boundaries(text);
  for (let i = all.length - 1; i >= 0; i--) if (all[i] < offset) return all[i];
  return 0;
}

/** The grapheme boundary after `offset` (`text.length` at the end). */
export function nextBoundary(text: string, offset: number): number {
  for (const boundary of boundaries(text)) if (boundary > offset) return boundary;
  return text.length;
}

/** `offset` moved back to a grapheme boundary (a column carried from a longer line). */
export function snapToBoundary(text: string, offset: number): number {
  if (offset >= text.length) return text.length;
  let best = 0;
  for (const boundary of boundaries(text)) if (boundary <= offset) best = boundary;
  return best;
}

const WORD = /[\p{L}\p{N}_]/u;

/** The start of the word before `offset` (spaces and punctuation before it skipped). */
export function wordStart(text: string, offset: number): number {
  let at = offset;
  while (at > 0 && !WORD.test(text[at - 1])) at--;
  while (at > 0 && WORD.test(text[at - 1])) at--;
  return at;
}

/** The end of the word after `offset`. */
export function wordEnd(text: string, offset: number): number {
  let at = offset;
  while (at < text.length && !WORD.test(text[at])) at++;
  while (at < text.length && WORD.test(text[at])) at++;
  return at;
}

/**
 * Pasted or typed text made fit for a one-line field: newlines and tabs
 * become spaces, other control characters are dropped.
 */
export function singleLine(text: string): string {
  // deno-lint-ignore no-control-regex -- control characters are what it removes
  return text.replace(/\r\n|[\r\n\t]/g, " ").replace(/[\x00-\x1f\x7f-\x9f]/g, "");
}
