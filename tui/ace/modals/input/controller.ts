/**
 * A one-line input modal: a note, a text field (pre-filled), `Enter` runs
 * the task made of the text (blank text is not sent), `Esc` closes. The PR
 * actions use it for the new name of a rename (`n`).
 *
 * @module
 */

import type { CellBuffer } from "../../../engine/buffer.ts";
import type { Rect, Size } from "../../../engine/geometry.ts";
import type { KeyEvent } from "../../../engine/keys.ts";
import { insertText, lineInput, type LineInputState } from "../../../widgets/line_input.ts";
import { drawSpans } from "../../../widgets/spans.ts";
import { type AceModal, type ModalStep, type ModalTask, unchanged } from "../modal.ts";
import { MODAL_STYLES } from "../styles.ts";
import { drawFieldFooter, fieldKey } from "../text_field.ts";

/** What an input modal asks for. */
export interface InputSpec {
  readonly kind: string;
  readonly title: string;
  readonly note: string;
  /** The label in front of the field (`New name: `). */
  readonly label: string;
  /** The task the submitted (trimmed) text starts. */
  submit(text: string): ModalTask;
}

/** The input modal over `spec` holding `field`. */
export class InputModal implements AceModal {
  readonly placement = "center" as const;

  constructor(readonly spec: InputSpec, readonly field: LineInputState) {}

  /** An input modal whose field holds `text`. */
  static of(spec: InputSpec, text: string): InputModal {
    return new InputModal(spec, lineInput(text));
  }

  get kind(): string {
    return this.spec.kind;
  }

  get title(): string {
    return this.spec.title;
  }

  size(screen: Size): Size {
    return { columns: Math.min(80, screen.columns - 4), rows: Math.min(6, screen.rows - 4) };
  }

  key(event: KeyEvent): ModalStep {
    const step = fieldKey(this.field, event);
    switch (step.kind) {
      case "cancel":
        return { modal: null, tasks: [] };
      case "submit":
        return { modal: null, tasks: [this.spec.submit(step.text)] };
      case "edit":
        return { modal: new InputModal(this.spec, step.field), tasks: [] };
      case "same":
        return unchanged(this);
    }
  }

  paste(text: string): ModalStep {
    return { modal: new InputModal(this.spec, insertText(this.field, text)), tasks: [] };
  }

  draw(buffer: CellBuffer, inner: Rect): void {
    drawSpans(
      buffer,
      inner.x,
      inner.y,
      [{ text: this.spec.note, style: MODAL_STYLES.muted }],
      inner.width,
    );
    drawFieldFooter(buffer, inner, this.spec.label, this.field, "", [["Enter", "apply"], [
      "Esc",
      "cancel",
    ]]);
  }
}
