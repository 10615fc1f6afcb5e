/**
 * Drawing the prompt bar: the editor (cursor shown in INSERT mode), then a
 * hint row — the `Ctrl+G` prefix's continuations while it is pending.
 *
 * @module
 */

import type { CellBuffer } from "../../../engine/buffer.ts";
import type { Rect } from "../../../engine/geometry.ts";
import { drawEditor } from "../../../widgets/editor.ts";
import { drawSpans } from "../../../widgets/spans.ts";
import { type Hint, hintSpans } from "../draw.ts";
import type { PromptBarState } from "./context.ts";

const INSERT_HINTS: readonly Hint[] = [
  ["Enter", "submit"],
  ["^J", "newline"],
  ["^K", "history"],
  ["^G g", "$EDITOR"],
  ["^C", "cancel"],
  ["Esc", "normal"],
];
const NORMAL_HINTS: readonly Hint[] = [
  ["Enter", "submit"],
  ["i/a", "insert"],
  ["h/j/k/l", "move"],
  ["x", "delete"],
  ["^C", "cancel"],
  ["q", "close"],
];
const PREFIX_HINTS: readonly Hint[] = [["g", "open in $EDITOR"], ["Esc", "cancel prefix"]];

/** Draw the bar inside `rect`. */
export function drawPromptBar(buffer: CellBuffer, rect: Rect, state: PromptBarState): void {
  if (rect.height < 1) return;
  drawEditor(buffer, { ...rect, height: Math.max(1, rect.height - 1) }, state.editor, {
    focused: true,
  });
  if (rect.height < 2) return;
  const hints = state.prefix ? PREFIX_HINTS : state.mode === "insert" ? INSERT_HINTS : NORMAL_HINTS;
  drawSpans(buffer, rect.x, rect.y + rect.height - 1, hintSpans(hints), rect.width);
}
