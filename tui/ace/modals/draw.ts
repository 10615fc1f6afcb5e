/**
 * Drawing helpers the modals share: a key-hint row (`a approve  r reject`)
 * and a block of styled rows scrolled to a first row.
 *
 * @module
 */

import type { CellBuffer } from "../../engine/buffer.ts";
import type { Rect } from "../../engine/geometry.ts";
import { drawSpans, type Span } from "../../widgets/spans.ts";
import { MODAL_STYLES } from "./styles.ts";

/** One key hint: the key and what it does. */
export type Hint = readonly [key: string, label: string];

/** The spans of a hint row. */
export function hintSpans(hints: readonly Hint[]): Span[] {
  return hints.flatMap(([key, label], i) => [
    { text: (i === 0 ? "" : "  ") + key, style: MODAL_STYLES.hintKey },
    { text: " " + label, style: MODAL_STYLES.hintLabel },
  ]);
}

/**
 * Draw `rows` into `rect` from row `first` (clamped so the last page is
 * full); returns the first row actually shown.
 */
export function drawRows(
  buffer: CellBuffer,
  rect: Rect,
  rows: readonly (readonly Span[])[],
  first = 0,
): number {
  const top = Math.max(0, Math.min(first, rows.length - rect.height));
  for (let i = 0; i < rect.height && top + i < rows.length; i++) {
    drawSpans(buffer, rect.x, rect.y + i, rows[top + i], rect.width);
  }
  return top;
}

/** The first row to show so that row `row` is visible in `height` rows, from `previous`. */
export function scrollTo(previous: number, row: number, height: number): number {
  if (row < previous) return row;
  if (row >= previous + height) return row - height + 1;
  return previous;
}
