/**
 * Styled text runs and drawing them on one row, cut to a width with an
 * ellipsis when they do not fit.
 *
 * @module
 */

import type { CellBuffer } from "../engine/buffer.ts";
import { DEFAULT_STYLE, mergeStyles, type StyleId } from "../engine/style.ts";
import { graphemes, graphemeWidth, isPrintableAscii, textWidth } from "../engine/width.ts";

/** A run of text in one style. */
export interface Span {
  text: string;
  style?: StyleId;
}

/** The cells `spans` take. */
export function spansWidth(spans: readonly Span[]): number {
  let width = 0;
  for (const span of spans) width += textWidth(span.text);
  return width;
}

/**
 * `text` cut to at most `width` cells without measuring past the cut (a
 * 20 MB line costs what its first `width` cells cost); `cut` tells whether
 * anything was dropped.
 */
export function clip(text: string, width: number): { text: string; width: number; cut: boolean } {
  // The first width + 1 characters decide for printable ASCII; nothing past them is scanned.
  if (isPrintableAscii(text.slice(0, width + 1))) {
    return text.length <= width
      ? { text, width: text.length, cut: false }
      : { text: text.slice(0, Math.max(0, width)), width: Math.max(0, width), cut: true };
  }
  let used = 0;
  let end = 0;
  for (const grapheme of graphemes(text)) {
    const w = graphemeWidth(grapheme);
    if (used + w > width) return { text: text.slice(0, end), width: used, cut: true };
    used += w;
    end += grapheme.length;
  }
  return { text, width: used, cut: false };
}

/**
 * Draw `spans` at (`x`, `y`) in at most `width` cells; when they do not fit
 * the last cell shows `…`. `overlay` is merged over every span's style (a
 * selection tint). Returns the column after the last cell drawn.
 */
export function drawSpans(
  buffer: CellBuffer,
  x: number,
  y: number,
  spans: readonly Span[],
  width: number,
  overlay: StyleId = DEFAULT_STYLE,
): number {
  const end = x + Math.max(0, width);
  let at = x;
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i];
    const styleId = mergeStyles(span.style ?? DEFAULT_STYLE, overlay);
    const room = end - at;
    const piece = clip(span.text, room);
    const laterText = spans.slice(i + 1).some((s) => s.text !== "");
    if (piece.cut || (piece.width === room && laterText && room > 0)) {
      const kept = clip(span.text, room - 1);
      at = buffer.write(at, y, kept.text, styleId, end);
      return buffer.write(at, y, "…", styleId, end);
    }
    at = buffer.write(at, y, piece.text, styleId, end);
  }
  return at;
}
