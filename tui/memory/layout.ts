/**
 * Where the memory review screen's parts go for a terminal size: the title
 * row, the proposal list (left), the proposal panel (right, or the whole
 * body in the detail view) and the footer row. Shared by the controller
 * (to keep the selection in view) and the view (to draw).
 *
 * @module
 */

import type { Rect, Size } from "../engine/geometry.ts";

/** The rectangles of the screen's parts. */
export interface ReviewLayout {
  title: Rect;
  /** The list's box (zero-width in the detail view). */
  list: Rect;
  /** The proposal panel's box. */
  panel: Rect;
  footer: Rect;
}

/** The layout of a `size` screen, in the list view or the detail view. */
export function reviewLayout(size: Size, detail: boolean): ReviewLayout {
  const { columns, rows } = size;
  const bodyHeight = Math.max(0, rows - 2);
  const listWidth = detail ? 0 : Math.max(24, Math.min(60, Math.floor(columns * 0.4)));
  return {
    title: { x: 0, y: 0, width: columns, height: Math.min(1, rows) },
    list: { x: 0, y: 1, width: Math.min(listWidth, columns), height: bodyHeight },
    panel: {
      x: Math.min(listWidth, columns),
      y: 1,
      width: Math.max(0, columns - listWidth),
      height: bodyHeight,
    },
    footer: { x: 0, y: Math.max(0, rows - 1), width: columns, height: rows >= 2 ? 1 : 0 },
  };
}

/** The list rows inside the list's box (its border takes two). */
export function listRows(size: Size): number {
  return Math.max(0, reviewLayout(size, false).list.height - 2);
}
