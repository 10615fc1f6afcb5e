/**
 * The virtualized list: rows are asked for by index and only those in the
 * viewport are laid out and drawn, so a 2,000-row list costs what its 40
 * visible rows cost. Banner rows (group headers) show a fold marker; every
 * row may carry a right-aligned suffix; the selected row gets a focus bar
 * and tint.
 *
 * @module
 */

import type { CellBuffer } from "../engine/buffer.ts";
import type { Rect } from "../engine/geometry.ts";
import { mergeStyles, type StyleId } from "../engine/style.ts";
import { drawSpans, type Span, spansWidth } from "./spans.ts";
import { THEME } from "./theme.ts";

/** One row as the list draws it. */
export interface ListRow {
  /** A selectable item or a banner heading a group. */
  kind: "item" | "banner";
  spans: readonly Span[];
  /** Right-aligned after the spans (a runtime suffix, a count chip); kept whole when it fits. */
  right?: readonly Span[];
  /** Nesting depth: one tier-guide column (`│ `) per level. */
  depth?: number;
  /** A banner whose rows are hidden (drawn `▶`, else `▼`). */
  folded?: boolean;
}

/** Styles of the list's parts. */
export interface ListStyles {
  banner: StyleId;
  guide: StyleId;
  /** Merged over the selected row's styles. */
  selected: StyleId;
  focusBar: StyleId;
}

/** What {@linkcode drawList} draws. */
export interface ListProps {
  /** How many rows there are (visible rows, after folding). */
  count: number;
  /** Row `index`; called only for the rows in the viewport. */
  row(index: number): ListRow;
  /** The selected row, or -1. */
  selected: number;
  /** The first row shown, as the state keeps it (adjusted to show the selection). */
  scrollTop: number;
  styles?: Partial<ListStyles>;
}

/** What one {@linkcode drawList} call laid out. */
export interface ListLayout {
  /** The first row shown (store it back in the state). */
  scrollTop: number;
  /** How many rows were laid out (at most the viewport's height). */
  laidOut: number;
}

/**
 * The first row to show so that `selected` is in a viewport of `height`
 * rows, moving as little as possible from `scrollTop` and never leaving
 * blank rows at the bottom when there are rows above.
 */
export function scrollToShow(
  scrollTop: number,
  selected: number,
  count: number,
  height: number,
): number {
  if (height <= 0 || count <= 0) return 0;
  let top = Math.min(scrollTop, Math.max(0, count - height));
  if (selected >= 0 && selected < count) {
    if (selected < top) top = selected;
    else if (selected >= top + height) top = selected - height + 1;
  }
  return Math.max(0, top);
}

/** Draw the rows of the viewport into `rect`. */
export function drawList(buffer: CellBuffer, rect: Rect, props: ListProps): ListLayout {
  const styles: ListStyles = {
    banner: THEME.banner,
    guide: THEME.guide,
    selected: THEME.selected,
    focusBar: THEME.focusBar,
    ...props.styles,
  };
  const top = scrollToShow(props.scrollTop, props.selected, props.count, rect.height);
  const rows = Math.min(rect.height, props.count - top);
  for (let i = 0; i < rows; i++) {
    const index = top + i;
    const row = props.row(index);
    const y = rect.y + i;
    const selected = index === props.selected;
    const overlay = selected ? styles.selected : 0;
    if (selected) buffer.fill({ x: rect.x, y, width: rect.width, height: 1 }, styles.selected);
    // Column 0 is the focus bar's, so selection never shifts the text.
    if (selected) buffer.write(rect.x, y, "▌", styles.focusBar);
    let x = rect.x + 1;
    const end = rect.x + rect.width;
    for (let level = 0; level < (row.depth ?? 0) && x < end; level++) {
      x = buffer.write(x, y, "│ ", mergeStyles(styles.guide, overlay), end);
    }
    let spans = row.spans;
    if (row.kind === "banner") {
      spans = [
        { text: row.folded ? "▶ " : "▼ ", style: styles.banner },
        ...row.spans.map((span) => ({ text: span.text, style: span.style ?? styles.banner })),
      ];
    }
    const rightWidth = row.right ? spansWidth(row.right) : 0;
    const room = end - x;
    // The suffix shows (whole) only while the text keeps at least half the row.
    const showRight = rightWidth > 0 && room - rightWidth - 1 >= Math.ceil(room / 2);
    const textRoom = showRight ? room - rightWidth - 1 : room;
    drawSpans(buffer, x, y, spans, textRoom, overlay);
    if (showRight) drawSpans(buffer, end - rightWidth, y, row.right!, rightWidth, overlay);
  }
  return { scrollTop: top, laidOut: Math.max(0, rows) };
}
