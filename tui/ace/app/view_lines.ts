/**
 * Drawing model lines into a rectangle: one line per row from a first line,
 * cut at the width (the models never hold wider text than a row can show
 * usefully, and a reply's long lines end in `…`).
 *
 * @module
 */

import type { CellBuffer } from "../../engine/buffer.ts";
import type { Rect } from "../../engine/geometry.ts";
import { drawSpans } from "../../widgets/spans.ts";
import type { Line } from "../segments.ts";
import { spansOf } from "./theme.ts";

/** Draw `lines[from..]` into `rect`; returns how many were drawn. */
export function drawLines(
  buffer: CellBuffer,
  rect: Rect,
  lines: readonly Line[],
  from = 0,
): number {
  const count = Math.max(0, Math.min(rect.height, lines.length - from));
  for (let i = 0; i < count; i++) {
    drawSpans(buffer, rect.x, rect.y + i, spansOf(lines[from + i]), rect.width);
  }
  return count;
}

/** Draw one line on row `y` of `rect`. */
export function drawLine(buffer: CellBuffer, rect: Rect, y: number, line: Line): number {
  return drawSpans(buffer, rect.x, y, spansOf(line), rect.width);
}
