/**
 * Sizes and rectangles of the screen, in cells.
 *
 * @module
 */

/** A terminal's size in cells. */
export interface Size {
  columns: number;
  rows: number;
}

/** A rectangle of cells; `x`/`y` are 0-based from the top-left corner. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** `rect` shrunk by `top`/`right`/`bottom`/`left` cells (never below zero size). */
export function inset(rect: Rect, top: number, right = top, bottom = top, left = right): Rect {
  return {
    x: rect.x + left,
    y: rect.y + top,
    width: Math.max(0, rect.width - left - right),
    height: Math.max(0, rect.height - top - bottom),
  };
}

/** The first `rows` rows of `rect` and the rest, as a pair (heights clamped to the rect). */
export function splitTop(rect: Rect, rows: number): [Rect, Rect] {
  const top = Math.max(0, Math.min(rows, rect.height));
  return [
    { ...rect, height: top },
    { ...rect, y: rect.y + top, height: rect.height - top },
  ];
}

/** The last `rows` rows of `rect` and what is above them, as a pair [rest, bottom]. */
export function splitBottom(rect: Rect, rows: number): [Rect, Rect] {
  const bottom = Math.max(0, Math.min(rows, rect.height));
  return [
    { ...rect, height: rect.height - bottom },
    { ...rect, y: rect.y + rect.height - bottom, height: bottom },
  ];
}
