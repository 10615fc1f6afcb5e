/**
 * Drawing the Plan Review: the plan's Markdown (neutralised, wrapped,
 * scrolled), then the feedback field while `f` is active, and the key hints.
 *
 * @module
 */

import { neutralizeControls } from "../../../../core/text/control_chars.ts";
import type { CellBuffer } from "../../../engine/buffer.ts";
import type { Rect } from "../../../engine/geometry.ts";
import { StringLineSource } from "../../../widgets/line_source.ts";
import { drawSpans } from "../../../widgets/spans.ts";
import { drawTextPanel, WrappedText } from "../../../widgets/text_panel.ts";
import { type Hint, hintSpans } from "../draw.ts";
import { drawFieldFooter } from "../text_field.ts";
import type { PlanReviewState } from "./context.ts";

const HINTS: readonly Hint[] = [
  ["a", "approve"],
  ["t", "tale"],
  ["E", "epic"],
  ["L", "legend"],
  ["r", "reject"],
  ["f", "feedback"],
  ["e", "edit"],
  ["j/k ^D/^U g/G", "scroll"],
  ["q", "cancel"],
];

/** Draw the review inside `rect`. */
export function drawPlanReview(buffer: CellBuffer, rect: Rect, state: PlanReviewState): void {
  if (rect.height < 2) return;
  const footer = state.feedback ? 2 : 1;
  const text = new WrappedText(
    new StringLineSource(neutralizeControls(state.info.planText, { keepLayout: true })),
    rect.width,
  );
  drawTextPanel(buffer, { ...rect, height: rect.height - footer }, {
    text,
    scroll: state.scroll,
  });
  const bottom = rect.y + rect.height - 1;
  if (state.feedback) {
    drawFieldFooter(buffer, rect, "Feedback: ", state.feedback, "what should the planner change?", [
      ["Enter", "send with rejection"],
      ["Esc", "back"],
    ]);
    return;
  }
  drawSpans(buffer, rect.x, bottom, hintSpans(HINTS), rect.width);
}
