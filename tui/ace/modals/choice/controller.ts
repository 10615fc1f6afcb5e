/**
 * A chooser modal: a note line, a list of options, `j`/`k` (arrows) to move,
 * `Enter` to run the highlighted option's task, `q`/`Esc` to close. The PR
 * actions use it for the status (`s`/`S`) and the new parent of a rebase
 * (`b`).
 *
 * @module
 */

import type { CellBuffer } from "../../../engine/buffer.ts";
import type { Rect, Size } from "../../../engine/geometry.ts";
import { type KeyEvent, keyId } from "../../../engine/keys.ts";
import { drawSpans, type Span } from "../../../widgets/spans.ts";
import { drawRows, hintSpans, scrollTo } from "../draw.ts";
import { type AceModal, type ModalStep, type ModalTask, unchanged } from "../modal.ts";
import { MODAL_STYLES } from "../styles.ts";

/** One option of a chooser. */
export interface Choice {
  readonly label: string;
  /** The work choosing it starts. */
  readonly task: ModalTask;
}

/** What a chooser shows. */
export interface ChoiceSpec {
  readonly kind: string;
  readonly title: string;
  /** The line above the options (e.g. the current status). */
  readonly note: string;
  readonly choices: readonly Choice[];
}

/** The chooser over `spec` with option `cursor` highlighted. */
export class ChoiceModal implements AceModal {
  readonly placement = "center" as const;
  /** The first option shown (kept between frames; presentation only). */
  #top = 0;

  constructor(readonly spec: ChoiceSpec, readonly cursor = 0) {}

  get kind(): string {
    return this.spec.kind;
  }

  get title(): string {
    return this.spec.title;
  }

  size(screen: Size): Size {
    return {
      columns: Math.min(72, screen.columns - 4),
      rows: Math.min(this.spec.choices.length + 5, screen.rows - 4),
    };
  }

  key(event: KeyEvent): ModalStep {
    switch (keyId(event)) {
      case "j":
      case "down":
        return this.#move(1);
      case "k":
      case "up":
        return this.#move(-1);
      case "enter": {
        const choice = this.spec.choices[this.cursor];
        return choice ? { modal: null, tasks: [choice.task] } : unchanged(this);
      }
      case "q":
      case "escape":
        return { modal: null, tasks: [] };
    }
    return unchanged(this);
  }

  #move(step: number): ModalStep {
    const last = this.spec.choices.length - 1;
    const cursor = Math.min(Math.max(this.cursor + step, 0), last);
    if (cursor === this.cursor) return unchanged(this);
    const next = new ChoiceModal(this.spec, cursor);
    next.#top = this.#top;
    return { modal: next, tasks: [] };
  }

  paste(): ModalStep {
    return unchanged(this);
  }

  draw(buffer: CellBuffer, inner: Rect): void {
    drawSpans(
      buffer,
      inner.x,
      inner.y,
      [{ text: this.spec.note, style: MODAL_STYLES.muted }],
      inner.width,
    );
    const rows: Span[][] = this.spec.choices.map((choice, i) => {
      const here = i === this.cursor;
      return [{
        text: `${here ? "▸ " : "  "}${choice.label}`,
        style: here ? MODAL_STYLES.selected : undefined,
      }];
    });
    const list = { ...inner, y: inner.y + 2, height: Math.max(0, inner.height - 3) };
    this.#top = drawRows(buffer, list, rows, scrollTo(this.#top, this.cursor, list.height));
    drawSpans(
      buffer,
      inner.x,
      inner.y + inner.height - 1,
      hintSpans([["j/k", "move"], ["Enter", "choose"], ["Esc", "close"]]),
      inner.width,
    );
  }
}
