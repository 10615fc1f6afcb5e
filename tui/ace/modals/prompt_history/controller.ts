/**
 * The prompt history modal (`Ctrl+K` in the prompt bar, `,.`, `,>` with
 * cancelled prompts shown): type to filter, `Up`/`Down` or `Ctrl+N`/`Ctrl+P`
 * move, `Enter` launches the highlighted prompt, `Ctrl+G` edits it in
 * `$EDITOR` first, `Tab` (`Ctrl+I`) loads it into the prompt bar, `Ctrl+X`
 * toggles cancelled prompts (marked `x`), `Esc` goes back (to the prompt
 * bar it was opened from, or closes).
 *
 * @module
 */

import type { CellBuffer } from "../../../engine/buffer.ts";
import type { Rect, Size } from "../../../engine/geometry.ts";
import { type KeyEvent, keyId } from "../../../engine/keys.ts";
import { lineInputKey } from "../../../widgets/line_input.ts";
import { type AceModal, type ModalStep, unchanged } from "../modal.ts";
import { editorTask, launchTask } from "../prompt_bar/tasks.ts";
import { type HistoryState, selectedEntry, visibleEntries } from "./context.ts";
import { drawHistory } from "./view.ts";

/** Makes a prompt bar holding `text` (loading a prompt for editing). */
export type BarMaker = (text: string) => AceModal;

/** The prompt history modal. */
export class PromptHistoryModal implements AceModal {
  readonly kind = "prompt_history";
  readonly title = "Prompt History";
  readonly placement = "center" as const;

  constructor(
    readonly state: HistoryState,
    private readonly bar: BarMaker,
    private readonly back: AceModal | null,
  ) {}

  size(screen: Size): Size {
    return { columns: Math.min(120, screen.columns - 4), rows: screen.rows - 4 };
  }

  private with(state: Partial<HistoryState>): ModalStep {
    return {
      modal: new PromptHistoryModal({ ...this.state, ...state }, this.bar, this.back),
      tasks: [],
    };
  }

  private move(delta: number): ModalStep {
    const last = visibleEntries(this.state).length - 1;
    const selected = Math.max(0, Math.min(last, this.state.selected + delta));
    return selected === this.state.selected ? unchanged(this) : this.with({ selected });
  }

  key(event: KeyEvent): ModalStep {
    const id = keyId(event);
    switch (id) {
      case "escape":
        return { modal: this.back, tasks: [] };
      case "down":
      case "ctrl+n":
        return this.move(1);
      case "up":
      case "ctrl+p":
        return this.move(-1);
      case "ctrl+x":
        return this.with({ showCancelled: !this.state.showCancelled, selected: 0 });
    }
    const entry = selectedEntry(this.state);
    switch (id) {
      case "enter":
        return entry ? { modal: null, tasks: [launchTask(entry.text)] } : unchanged(this);
      case "ctrl+g":
        return entry ? { modal: null, tasks: [editorTask(entry.text, this.bar)] } : unchanged(this);
      case "tab":
      case "ctrl+i":
        return entry ? { modal: this.bar(entry.text), tasks: [] } : unchanged(this);
    }
    const filter = lineInputKey(this.state.filter, event);
    return filter === this.state.filter ? unchanged(this) : this.with({ filter, selected: 0 });
  }

  paste(text: string): ModalStep {
    return this.with({
      filter: lineInputKey(this.state.filter, { kind: "paste", text }),
      selected: 0,
    });
  }

  draw(buffer: CellBuffer, inner: Rect): void {
    drawHistory(buffer, inner, this.state);
  }
}
