/**
 * The prompt bar (handbook 4.29), placed at the bottom. INSERT mode edits
 * with the multi-line editor: `Enter` submits (launch), `Ctrl+J` inserts a
 * newline, `Ctrl+C` cancels (the prompt is kept in history as cancelled),
 * `Ctrl+K` opens prompt history filtered by a one-line prompt, `Ctrl+G`
 * starts the prompt prefix (`g` or `Ctrl+G` again: compose in `$EDITOR`;
 * `Esc` leaves the prefix), `Esc` switches to NORMAL mode. NORMAL mode
 * moves with `h`/`j`/`k`/`l`/`0`/`$`, deletes with `x`, goes back to INSERT
 * with `i`/`a`/`I`/`A`, submits with `Enter` and closes with `q`/`Esc`
 * (nothing recorded).
 *
 * @module
 */

import type { CellBuffer } from "../../../engine/buffer.ts";
import type { Rect, Size } from "../../../engine/geometry.ts";
import { type InputEvent, key, type KeyEvent, keyId } from "../../../engine/keys.ts";
import { editor, editorKey, editorText } from "../../../widgets/editor.ts";
import type { PromptBarState } from "./context.ts";
import { type AceModal, type ModalStep, type ModalTask, unchanged } from "../modal.ts";
import { cancelTask, editorTask, launchTask } from "./tasks.ts";
import { drawPromptBar } from "./view.ts";

/** Opens prompt history from the bar: `filter` pre-fills its search, `back` is this bar. */
export type HistoryOpener = (filter: string, back: AceModal) => ModalTask;

/** Most editor rows the bar grows to. */
const MAX_ROWS = 10;

/** The prompt bar. */
export class PromptBarModal implements AceModal {
  readonly kind = "prompt";
  readonly placement = "bottom" as const;
  readonly title: string;

  constructor(readonly state: PromptBarState, private readonly history: HistoryOpener) {
    this.title = `Prompt [${state.mode === "insert" ? "INSERT" : "NORMAL"}]`;
  }

  /** The text being edited. */
  get text(): string {
    return editorText(this.state.editor);
  }

  size(screen: Size): Size {
    const rows = Math.min(MAX_ROWS, this.state.editor.lines.length);
    // The border (2) and the hint row.
    return { columns: screen.columns, rows: rows + 3 };
  }

  private with(state: Partial<PromptBarState>, tasks: readonly ModalTask[] = []): ModalStep {
    return { modal: new PromptBarModal({ ...this.state, ...state }, this.history), tasks };
  }

  private edit(event: InputEvent): ModalStep {
    const next = editorKey(this.state.editor, event);
    return next === this.state.editor ? unchanged(this) : this.with({ editor: next });
  }

  private submit(): ModalStep {
    const text = this.text;
    if (text.trim() === "") return unchanged(this);
    return { modal: null, tasks: [launchTask(text)] };
  }

  private cancel(): ModalStep {
    const text = this.text;
    return { modal: null, tasks: text.trim() === "" ? [] : [cancelTask(text)] };
  }

  key(event: KeyEvent): ModalStep {
    const id = keyId(event);
    if (this.state.prefix) {
      if (id === "g" || id === "ctrl+g") {
        const history = this.history;
        const reopen = (text: string) =>
          new PromptBarModal({ editor: editor(text), mode: "insert", prefix: false }, history);
        return { modal: null, tasks: [editorTask(this.text, reopen)] };
      }
      // Esc, or any other key, leaves the prefix.
      return this.with({ prefix: false });
    }
    if (id === "ctrl+c") return this.cancel();
    if (id === "enter") return this.submit();
    if (this.state.mode === "normal") return this.normalKey(id, event);
    switch (id) {
      case "escape":
        return this.with({ mode: "normal" });
      case "ctrl+g":
        return this.with({ prefix: true });
      case "ctrl+k": {
        const lines = this.state.editor.lines;
        const filter = lines.length === 1 ? lines[0].trim() : "";
        return { modal: this, tasks: [this.history(filter, this)] };
      }
    }
    return this.edit(event);
  }

  private normalKey(id: string, event: KeyEvent): ModalStep {
    switch (id) {
      case "q":
      case "escape":
        return { modal: null, tasks: [] };
      case "i":
        return this.with({ mode: "insert" });
      case "a":
        return this.with({ mode: "insert", editor: editorKey(this.state.editor, key("right")) });
      case "I":
        return this.with({ mode: "insert", editor: editorKey(this.state.editor, key("home")) });
      case "A":
        return this.with({ mode: "insert", editor: editorKey(this.state.editor, key("end")) });
      case "h":
        return this.edit(key("left"));
      case "l":
        return this.edit(key("right"));
      case "j":
        return this.edit(key("down"));
      case "k":
        return this.edit(key("up"));
      case "0":
        return this.edit(key("home"));
      case "$":
        return this.edit(key("end"));
      case "x":
        return this.edit(key("delete"));
    }
    // Other keys type nothing in NORMAL mode; arrows still move.
    return ["left", "right", "up", "down", "home", "end"].includes(event.name) && !event.ctrl
      ? this.edit(event)
      : unchanged(this);
  }

  paste(text: string): ModalStep {
    if (this.state.mode !== "insert") return unchanged(this);
    return this.edit({ kind: "paste", text });
  }

  draw(buffer: CellBuffer, inner: Rect): void {
    drawPromptBar(buffer, inner, this.state);
  }
}

/** A prompt bar in INSERT mode holding `text`. */
export function promptBar(text: string, history: HistoryOpener): PromptBarModal {
  return new PromptBarModal({ editor: editor(text), mode: "insert", prefix: false }, history);
}
