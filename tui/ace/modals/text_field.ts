/**
 * The one-line text field some modals open for a reply (the Plan Review's
 * and the HITL modal's feedback): what a key does to it, and how it is
 * drawn on the modal's last two rows with its hints.
 *
 * @module
 */

import type { CellBuffer } from "../../engine/buffer.ts";
import type { Rect } from "../../engine/geometry.ts";
import { type InputEvent, keyId } from "../../engine/keys.ts";
import { drawLineInput, lineInputKey, type LineInputState } from "../../widgets/line_input.ts";
import { drawSpans } from "../../widgets/spans.ts";
import { type Hint, hintSpans } from "./draw.ts";
import { MODAL_STYLES } from "./styles.ts";

/** What a key did to a field. */
export type FieldKey =
  /** `Esc`: leave the field. */
  | { readonly kind: "cancel" }
  /** `Enter` with text (blank text is not sent). */
  | { readonly kind: "submit"; readonly text: string }
  | { readonly kind: "edit"; readonly field: LineInputState }
  /** Nothing changed. */
  | { readonly kind: "same" };

/** The effect of `event` on `field`. */
export function fieldKey(field: LineInputState, event: InputEvent): FieldKey {
  if (event.kind === "key") {
    const id = keyId(event);
    if (id === "escape") return { kind: "cancel" };
    if (id === "enter") {
      const text = field.text.trim();
      return text === "" ? { kind: "same" } : { kind: "submit", text };
    }
  }
  const next = lineInputKey(field, event);
  return next === field ? { kind: "same" } : { kind: "edit", field: next };
}

/** Draw `label` and `field` on the row above the last of `rect`, `hints` on the last. */
export function drawFieldFooter(
  buffer: CellBuffer,
  rect: Rect,
  label: string,
  field: LineInputState,
  placeholder: string,
  hints: readonly Hint[],
): void {
  const bottom = rect.y + rect.height - 1;
  drawSpans(buffer, rect.x, bottom - 1, [{ text: label, style: MODAL_STYLES.warning }], rect.width);
  drawLineInput(buffer, rect.x + label.length, bottom - 1, rect.width - label.length, field, {
    focused: true,
    placeholder,
  });
  drawSpans(buffer, rect.x, bottom, hintSpans(hints), rect.width);
}
