/**
 * How many terminal cells text takes: text is cut into grapheme clusters
 * (a flag, a family emoji, an accented letter are one cluster each) and each
 * cluster is measured with `string-width` (East Asian Wide and emoji are two
 * cells). Printable ASCII, nearly all of what ACE draws, takes a fast path.
 *
 * @module
 */

import stringWidth from "string-width";

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
let segmenter: Intl.Segmenter | undefined;
const widths = new Map<string, number>();

/** Whether every character of `text` is printable ASCII (one cell each, one code unit each). */
export function isPrintableAscii(text: string): boolean {
  return PRINTABLE_ASCII.test(text);
}

/** Texts up to this long have their clusters and width cached (row labels, names, chips). */
const SHORT_TEXT = 512;
/** The caches are dropped whole when they reach this many entries. */
const CACHE_LIMIT = 8192;
const clusterCache = new Map<string, readonly string[]>();
const textWidthCache = new Map<string, number>();

function* segments(text: string): Generator<string> {
  segmenter ??= new Intl.Segmenter();
  for (const { segment } of segmenter.segment(text)) yield segment;
}

/**
 * The grapheme clusters of `text`. A short text's clusters are cached (a
 * frame draws the same labels as the last one); a long one is cut lazily (a
 * 20 MB line is not cut up whole to show its first row).
 */
export function graphemes(text: string): Iterable<string> {
  // Checked before anything is scanned: a long text is cut lazily, whatever it holds.
  if (text.length > SHORT_TEXT) return segments(text);
  // A printable-ASCII string iterates by character, each its own cluster.
  if (isPrintableAscii(text)) return text;
  let found = clusterCache.get(text);
  if (!found) {
    found = [...segments(text)];
    if (clusterCache.size >= CACHE_LIMIT) clusterCache.clear();
    clusterCache.set(text, found);
  }
  return found;
}

/**
 * The cells one grapheme cluster takes: 0, 1 or 2. Control characters
 * measure 0 here; the cell buffer replaces them before they reach a cell.
 */
export function graphemeWidth(grapheme: string): number {
  if (grapheme.length === 1) {
    const code = grapheme.charCodeAt(0);
    if (code >= 0x20 && code < 0x7f) return 1;
  }
  let width = widths.get(grapheme);
  if (width === undefined) {
    width = Math.min(2, stringWidth(grapheme));
    if (widths.size < 65536) widths.set(grapheme, width);
  }
  return width;
}

/** The cells `text` takes on one line. */
export function textWidth(text: string): number {
  if (isPrintableAscii(text)) return text.length;
  const known = textWidthCache.get(text);
  if (known !== undefined) return known;
  let width = 0;
  for (const grapheme of graphemes(text)) width += graphemeWidth(grapheme);
  if (text.length <= SHORT_TEXT) {
    if (textWidthCache.size >= CACHE_LIMIT) textWidthCache.clear();
    textWidthCache.set(text, width);
  }
  return width;
}
