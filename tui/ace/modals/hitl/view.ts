/**
 * Drawing the HITL modal: which agent waits at which step (and loop
 * iteration), the step's output as indented JSON, and the key hints or the
 * feedback field.
 *
 * @module
 */

import { neutralizeControls } from "../../../../core/text/control_chars.ts";
import type { CellBuffer } from "../../../engine/buffer.ts";
import type { Rect } from "../../../engine/geometry.ts";
import type { Span } from "../../../widgets/spans.ts";
import { drawSpans } from "../../../widgets/spans.ts";
import { drawRows, hintSpans } from "../draw.ts";
import { drawFieldFooter } from "../text_field.ts";
import { MODAL_STYLES } from "../styles.ts";
import type { HitlState } from "./context.ts";

/** Draw the checkpoint inside `rect`. */
export function drawHitl(buffer: CellBuffer, rect: Rect, state: HitlState): void {
  if (rect.height < 3) return;
  const { request } = state;
  const iteration = request.iteration !== null ? ` (iteration ${request.iteration})` : "";
  const rows: Span[][] = [
    [
      { text: neutralizeControls(state.agent, { keepLayout: false }), style: MODAL_STYLES.heading },
      { text: " waits at step ", style: MODAL_STYLES.text },
      {
        text: neutralizeControls(request.step_name, { keepLayout: false }),
        style: MODAL_STYLES.unread,
      },
      { text: ` (${request.step_type})${iteration}`, style: MODAL_STYLES.dim },
    ],
    [],
    [{ text: request.has_output ? "Output:" : "The step has no output.", style: MODAL_STYLES.dim }],
  ];
  if (request.has_output) {
    for (
      const line of neutralizeControls(JSON.stringify(request.output, null, 2), {
        keepLayout: true,
      }).split("\n")
    ) {
      rows.push([{ text: "  " + line, style: MODAL_STYLES.code }]);
    }
  }
  const bottom = rect.y + rect.height - 1;
  const footer = state.feedback ? 2 : 1;
  drawRows(buffer, { ...rect, height: rect.height - footer }, rows);
  if (state.feedback) {
    drawFieldFooter(buffer, rect, "Feedback: ", state.feedback, "why the step is rejected", [
      ["Enter", "reject with feedback"],
      ["Esc", "back"],
    ]);
    return;
  }
  drawSpans(
    buffer,
    rect.x,
    bottom,
    hintSpans([["a", "accept"], ["e", "edit output"], ["r", "reject"], [
      "f",
      "reject with feedback",
    ], ["q", "close"]]),
    rect.width,
  );
}
