/**
 * The question modal (answering an agent's `AskUserQuestion`): `j`/`k`
 * highlight an option, `Space` toggles it (one choice on a single-select
 * question; `Other...` opens a text field for a custom answer), `n`/`p` go
 * to the next/previous question, `Enter` goes on to the next question (on a
 * question with no choice it first takes the highlighted option) and
 * submits after the last, `S` submits, `g` types a note for all answers,
 * `q`/`Esc` close without answering. In a text field `Enter` or `Esc` keeps
 * the text. Answers are checked with the core rules before the modal closes
 * and written by `answerQuestions`.
 *
 * @module
 */

import { checkAnswers } from "../../../../core/agent/questions/answer.ts";
import { OTHER_LABEL } from "../../../../core/agent/questions/request.ts";
import type { Notification } from "../../../../core/notify/model.ts";
import { SaseError } from "../../../../core/errors.ts";
import type { AppContext } from "../../../../core/context.ts";
import type { CellBuffer } from "../../../engine/buffer.ts";
import type { Rect, Size } from "../../../engine/geometry.ts";
import { type KeyEvent, keyId } from "../../../engine/keys.ts";
import { lineInput, lineInputKey } from "../../../widgets/line_input.ts";
import { type AceModal, type ModalStep, type ModalTask, unchanged } from "../modal.ts";
import { draftAnswers, type QuestionState, rowLabels, toggle, withDraft } from "./context.ts";
import { drawQuestion } from "./view.ts";

/** Write the answers through the question service. */
export function answerTask(notification: Notification, state: QuestionState): ModalTask {
  const answers = draftAnswers(state);
  const note = state.note.trim() === "" ? null : state.note;
  return {
    label: `answer the questions of ${notification.id.slice(0, 8)}`,
    async run(app: AppContext) {
      const { answerQuestions } = await import("../../../../core/agent/questions/answer.ts");
      await answerQuestions(app, notification, answers, note);
      return {
        toast: {
          severity: "info",
          text: `Answered ${answers.length} question${answers.length === 1 ? "" : "s"}`,
        },
        refresh: ["notifications", "agents"],
      };
    },
  };
}

/** The question modal. */
export class QuestionModal implements AceModal {
  readonly kind = "question";
  readonly title = "User Questions";
  readonly placement = "center" as const;

  constructor(readonly state: QuestionState, private readonly notification: Notification) {}

  size(screen: Size): Size {
    return { columns: Math.min(110, screen.columns - 4), rows: Math.min(30, screen.rows - 4) };
  }

  private with(state: QuestionState): ModalStep {
    return { modal: new QuestionModal(state, this.notification), tasks: [] };
  }

  private submit(state: QuestionState): ModalStep {
    try {
      checkAnswers(state.questions, draftAnswers(state));
    } catch (error) {
      if (!(error instanceof SaseError)) throw error;
      return this.with({ ...state, error: error.message });
    }
    return { modal: null, tasks: [answerTask(this.notification, state)] };
  }

  private go(state: QuestionState, index: number): QuestionState {
    if (index < 0 || index >= state.questions.length) return state;
    return { ...state, current: index, cursor: 0, error: null };
  }

  key(event: KeyEvent): ModalStep {
    const state = this.state;
    const id = keyId(event);
    if (state.input) return this.inputKey(id, event);
    const labels = rowLabels(state);
    switch (id) {
      case "q":
      case "escape":
        return { modal: null, tasks: [] };
      case "j":
      case "down":
        return this.with({ ...state, cursor: Math.min(labels.length - 1, state.cursor + 1) });
      case "k":
      case "up":
        return this.with({ ...state, cursor: Math.max(0, state.cursor - 1) });
      case "n":
        return this.with(this.go(state, state.current + 1));
      case "p":
        return this.with(this.go(state, state.current - 1));
      case "space": {
        const label = labels[state.cursor];
        const next = toggle(state, label);
        const chose = next.drafts[state.current].selected.includes(OTHER_LABEL) &&
          label === OTHER_LABEL;
        if (!chose) return this.with(next);
        const other = next.drafts[state.current].other;
        return this.with({ ...next, input: { kind: "other", field: lineInput(other) } });
      }
      case "g":
        return this.with({ ...state, input: { kind: "note", field: lineInput(state.note) } });
      case "S":
        return this.submit(state);
      case "enter": {
        let next = state;
        const label = labels[state.cursor];
        if (state.drafts[state.current].selected.length === 0 && label !== OTHER_LABEL) {
          next = toggle(state, label);
        }
        if (next.current < next.questions.length - 1) {
          return this.with(this.go(next, next.current + 1));
        }
        return this.submit(next);
      }
    }
    return unchanged(this);
  }

  private inputKey(id: string, event: KeyEvent): ModalStep {
    const state = this.state;
    const input = state.input!;
    if (id === "enter" || id === "escape") {
      const text = input.field.text;
      if (input.kind === "note") return this.with({ ...state, note: text, input: null });
      return this.with({
        ...withDraft(state, { ...state.drafts[state.current], other: text }),
        input: null,
      });
    }
    const field = lineInputKey(input.field, event);
    return field === input.field
      ? unchanged(this)
      : this.with({ ...state, input: { ...input, field } });
  }

  paste(text: string): ModalStep {
    const input = this.state.input;
    if (!input) return unchanged(this);
    return this.with({
      ...this.state,
      input: { ...input, field: lineInputKey(input.field, { kind: "paste", text }) },
    });
  }

  draw(buffer: CellBuffer, inner: Rect): void {
    drawQuestion(buffer, inner, this.state);
  }
}
