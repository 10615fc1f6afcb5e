/**
 * The question modal's state: the agent's questions, the one shown, the
 * highlighted option (the offered options, then `Other...`), each
 * question's choices and custom text, the global note, and which text
 * field is being typed in.
 *
 * @module
 */

import {
  OTHER_LABEL,
  type Question,
  type QuestionAnswer,
} from "../../../../core/agent/questions/request.ts";
import type { LineInputState } from "../../../widgets/line_input.ts";

/** One question's answer being built. */
export interface DraftAnswer {
  /** Chosen labels, {@linkcode OTHER_LABEL} for the custom answer. */
  readonly selected: readonly string[];
  readonly other: string;
}

/** The text field being typed in. */
export type QuestionInput =
  | { readonly kind: "other"; readonly field: LineInputState }
  | { readonly kind: "note"; readonly field: LineInputState };

/** The modal's state. */
export interface QuestionState {
  readonly questions: readonly Question[];
  readonly current: number;
  /** The highlighted row: an option index, or `options.length` for `Other...`. */
  readonly cursor: number;
  readonly drafts: readonly DraftAnswer[];
  readonly note: string;
  readonly input: QuestionInput | null;
  /** Why the last submit was refused (shown until the next change). */
  readonly error: string | null;
}

/** A fresh state over `questions`. */
export function createQuestionState(questions: readonly Question[]): QuestionState {
  return {
    questions,
    current: 0,
    cursor: 0,
    drafts: questions.map(() => ({ selected: [], other: "" })),
    note: "",
    input: null,
    error: null,
  };
}

/** The labels of the rows of question `index`: its options, then `Other`. */
export function rowLabels(state: QuestionState, index = state.current): string[] {
  return [...state.questions[index].options.map((option) => option.label), OTHER_LABEL];
}

/**
 * Toggle `label` on the current question; a single-select question keeps
 * only the newest choice (radio).
 */
export function toggle(state: QuestionState, label: string): QuestionState {
  const question = state.questions[state.current];
  const draft = state.drafts[state.current];
  const on = draft.selected.includes(label);
  const selected = on
    ? draft.selected.filter((l) => l !== label)
    : question.multiSelect
    ? [...draft.selected, label]
    : [label];
  return withDraft(state, { ...draft, selected });
}

/** `state` with the current question's draft replaced. */
export function withDraft(state: QuestionState, draft: DraftAnswer): QuestionState {
  const drafts = state.drafts.map((d, i) => i === state.current ? draft : d);
  return { ...state, drafts, error: null };
}

/** The answers the drafts make (custom text only with `Other`). */
export function draftAnswers(state: QuestionState): QuestionAnswer[] {
  return state.questions.map((question, i) => {
    const draft = state.drafts[i];
    return {
      question: question.question,
      selected: draft.selected,
      custom_feedback: draft.selected.includes(OTHER_LABEL) ? draft.other : null,
    };
  });
}
