/**
 * Drawing prompt history: the search field, one compact row per prompt
 * (cancelled marker, `MM-DD HH:MM`, first-line preview), the highlighted
 * prompt in full below, and the key hints.
 *
 * @module
 */

import { neutralizeControls } from "../../../../core/text/control_chars.ts";
import { preview } from "../../../../core/xprompt/history/query.ts";
import type { CellBuffer } from "../../../engine/buffer.ts";
import type { Rect } from "../../../engine/geometry.ts";
import { drawLineInput } from "../../../widgets/line_input.ts";
import { drawSpans, type Span } from "../../../widgets/spans.ts";
import { drawRows, type Hint, hintSpans } from "../draw.ts";
import { MODAL_STYLES } from "../styles.ts";
import { type HistoryState, selectedEntry, shortStamp, visibleEntries } from "./context.ts";

const HINTS: readonly Hint[] = [
  ["Enter", "run"],
  ["^G", "edit first"],
  ["Tab", "load"],
  ["^X", "cancelled"],
  ["Esc", "back"],
];

/** Rows the full text of the highlighted prompt may take. */
const PREVIEW_ROWS = 6;

/** Draw the modal inside `rect`. */
export function drawHistory(buffer: CellBuffer, rect: Rect, state: HistoryState): void {
  if (rect.height < 4) return;
  const label = "Search: ";
  drawSpans(buffer, rect.x, rect.y, [{ text: label, style: MODAL_STYLES.dim }], rect.width);
  drawLineInput(buffer, rect.x + label.length, rect.y, rect.width - label.length, state.filter, {
    focused: true,
    placeholder: "type to filter",
  });
  const visible = visibleEntries(state);
  const selected = selectedEntry(state);
  const full = selected
    ? neutralizeControls(selected.text, { keepLayout: true }).split("\n").slice(0, PREVIEW_ROWS)
    : [];
  const bottom = rect.y + rect.height - 1;
  const listTop = rect.y + 1;
  const listHeight = Math.max(1, bottom - listTop - full.length - 1);
  const rows: Span[][] = visible.map((entry) => [
    { text: entry.cancelled ? "x " : "  ", style: MODAL_STYLES.error },
    { text: shortStamp(entry.last_used) + "  ", style: MODAL_STYLES.age },
    {
      text: neutralizeControls(preview(entry.text, 200), { keepLayout: false }),
      style: MODAL_STYLES.text,
    },
  ]);
  if (rows.length === 0) rows.push([{ text: "No prompts match.", style: MODAL_STYLES.dim }]);
  const at = Math.min(state.selected, visible.length - 1);
  const first = drawRows(
    buffer,
    { x: rect.x, y: listTop, width: rect.width, height: listHeight },
    rows,
    Math.max(0, at - listHeight + 1),
  );
  if (visible.length > 0 && at - first < listHeight) {
    buffer.restyle(
      { x: rect.x, y: listTop + at - first, width: rect.width, height: 1 },
      MODAL_STYLES.selected,
    );
  }
  const y = listTop + listHeight;
  drawSpans(
    buffer,
    rect.x,
    y,
    [{ text: "─".repeat(rect.width), style: MODAL_STYLES.guide }],
    rect.width,
  );
  drawRows(
    buffer,
    { x: rect.x, y: y + 1, width: rect.width, height: bottom - y - 1 },
    full.map((line) => [{ text: line, style: MODAL_STYLES.code }]),
  );
  drawSpans(buffer, rect.x, bottom, hintSpans(HINTS), rect.width);
}
