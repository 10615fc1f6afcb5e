/**
 * A bordered box with an optional title in its top border.
 *
 * @module
 */

import type { CellBuffer } from "../engine/buffer.ts";
import { inset, type Rect } from "../engine/geometry.ts";
import type { StyleId } from "../engine/style.ts";
import { drawSpans, type Span, spansWidth } from "./spans.ts";
import { THEME } from "./theme.ts";

/** How a box is drawn. */
export interface BoxProps {
  /** Shown in the top border, after `─ `. */
  title?: readonly Span[];
  /** Shown at the right of the bottom border (a key hint, a count). */
  footer?: readonly Span[];
  border?: StyleId;
  /** Fill of the inside (default: left as drawn). */
  fill?: StyleId;
}

/** Draw a rounded box on `rect`; returns the inside. A rect under 2×2 draws nothing. */
export function drawBox(buffer: CellBuffer, rect: Rect, props: BoxProps = {}): Rect {
  const { x, y, width, height } = rect;
  if (width < 2 || height < 2) return { x, y, width: 0, height: 0 };
  const border = props.border ?? THEME.border;
  const inner = inset(rect, 1);
  if (props.fill !== undefined) buffer.fill(inner, props.fill);
  const horizontal = "─".repeat(width - 2);
  buffer.write(x, y, `╭${horizontal}╮`, border);
  buffer.write(x, y + height - 1, `╰${horizontal}╯`, border);
  for (let row = y + 1; row < y + height - 1; row++) {
    buffer.write(x, row, "│", border);
    buffer.write(x + width - 1, row, "│", border);
  }
  if (props.title && props.title.length > 0 && width > 6) {
    const end = drawSpans(buffer, x + 3, y, props.title, width - 6);
    buffer.write(x + 2, y, " ", border);
    buffer.write(end, y, " ", border);
  }
  if (props.footer && props.footer.length > 0 && width > 6) {
    const footerWidth = Math.min(width - 6, spansWidth(props.footer));
    drawSpans(buffer, x + width - 3 - footerWidth, y + height - 1, props.footer, footerWidth);
  }
  return inner;
}
