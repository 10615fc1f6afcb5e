/**
 * The Plan Review modal (handbook 4.25.1): `a` approve (coder, no SDD
 * commit), `t` tale, `E` epic, `L` legend, `r` reject, `f` feedback (type
 * it, `Enter` sends it with the rejection, `Esc` goes back), `e` edit the
 * plan in `$EDITOR` (the review shows the edited plan after), `j`/`k`,
 * `Ctrl+D`/`Ctrl+U`, `g`/`G` scroll the plan, `q`/`Esc` close without
 * answering. A decision closes the modal and runs as a task.
 *
 * @module
 */

import type { CellBuffer } from "../../../engine/buffer.ts";
import type { Rect, Size } from "../../../engine/geometry.ts";
import { type KeyEvent, keyId } from "../../../engine/keys.ts";
import { lineInput, lineInputKey } from "../../../widgets/line_input.ts";
import { fieldKey } from "../text_field.ts";
import type { ApprovalKind } from "../../../../core/sdd/approval_kinds.ts";
import { type AceModal, type ModalStep, unchanged } from "../modal.ts";
import { type PlanReviewState, planReviewTitle } from "./context.ts";
import { approveTask, editPlanTask, rejectTask } from "./tasks.ts";
import type { AppContext } from "../../../../core/context.ts";
import { drawPlanReview } from "./view.ts";

/** The keys that approve, and the approval kind each one means. */
export const APPROVAL_KEYS: Readonly<Record<string, ApprovalKind>> = {
  a: "approve",
  t: "tale",
  E: "epic",
  L: "legend",
};

/** Rows `Ctrl+D`/`Ctrl+U` scroll. */
const HALF_PAGE = 10;

/** The Plan Review modal. */
export class PlanReviewModal implements AceModal {
  readonly kind = "plan_review";
  readonly placement = "center" as const;
  readonly title: string;

  /**
   * `reread` reads the proposal again (after `e` edited the plan); without
   * it `e` does nothing.
   */
  constructor(
    readonly state: PlanReviewState,
    private readonly reread?: (app: AppContext) => Promise<AceModal>,
  ) {
    this.title = planReviewTitle(state.info);
  }

  size(screen: Size): Size {
    return { columns: Math.min(120, screen.columns - 4), rows: screen.rows - 4 };
  }

  private with(state: Partial<PlanReviewState>): ModalStep {
    return { modal: new PlanReviewModal({ ...this.state, ...state }, this.reread), tasks: [] };
  }

  private scrollBy(delta: number): ModalStep {
    const last = Math.max(0, this.state.info.planText.split("\n").length - 1);
    return this.with({ scroll: Math.max(0, Math.min(last, this.state.scroll + delta)) });
  }

  key(event: KeyEvent): ModalStep {
    const id = keyId(event);
    const { info, feedback } = this.state;
    if (feedback) {
      const step = fieldKey(feedback, event);
      if (step.kind === "cancel") return this.with({ feedback: null });
      if (step.kind === "submit") return { modal: null, tasks: [rejectTask(info.id, step.text)] };
      return step.kind === "edit" ? this.with({ feedback: step.field }) : unchanged(this);
    }
    const kind = APPROVAL_KEYS[id];
    if (kind) return { modal: null, tasks: [approveTask(info.id, kind)] };
    switch (id) {
      case "r":
        return { modal: null, tasks: [rejectTask(info.id)] };
      case "f":
        return this.with({ feedback: lineInput() });
      case "e":
        return this.reread
          ? { modal: null, tasks: [editPlanTask(info.planFile, this.reread)] }
          : unchanged(this);
      case "q":
      case "escape":
        return { modal: null, tasks: [] };
      case "j":
      case "down":
        return this.scrollBy(1);
      case "k":
      case "up":
        return this.scrollBy(-1);
      case "ctrl+d":
        return this.scrollBy(HALF_PAGE);
      case "ctrl+u":
        return this.scrollBy(-HALF_PAGE);
      case "g":
        return this.with({ scroll: 0 });
      case "G":
        return this.scrollBy(Number.MAX_SAFE_INTEGER);
    }
    return unchanged(this);
  }

  paste(text: string): ModalStep {
    const { feedback } = this.state;
    if (!feedback) return unchanged(this);
    return this.with({ feedback: lineInputKey(feedback, { kind: "paste", text }) });
  }

  draw(buffer: CellBuffer, inner: Rect): void {
    drawPlanReview(buffer, inner, this.state);
  }
}
