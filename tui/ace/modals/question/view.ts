/**
 * Drawing the question modal: `Question i/N` with its header, the question
 * text, the options as check boxes (`[x]`, radio-like `(•)` for a
 * single-select question) with descriptions, `Other...` with its text, the
 * global note, the text field being typed in, and the hints or the reason a
 * submit was refused.
 *
 * @module
 */

import { OTHER_LABEL } from "../../../../core/agent/questions/request.ts";
import type { CellBuffer } from "../../../engine/buffer.ts";
import type { Rect } from "../../../engine/geometry.ts";
import { drawSpans, type Span } from "../../../widgets/spans.ts";
import { agentText } from "../../segments.ts";
import { drawRows, type Hint, hintSpans } from "../draw.ts";
import { MODAL_STYLES } from "../styles.ts";
import { drawFieldFooter } from "../text_field.ts";
import type { QuestionState } from "./context.ts";

const HINTS: readonly Hint[] = [
  ["j/k", "move"],
  ["Space", "toggle"],
  ["n/p", "next/prev"],
  ["Enter", "next/submit"],
  ["S", "submit"],
  ["g", "note"],
  ["q", "cancel"],
];

/** Draw the modal inside `rect`. */
export function drawQuestion(buffer: CellBuffer, rect: Rect, state: QuestionState): void {
  if (rect.height < 4) return;
  const question = state.questions[state.current];
  const draft = state.drafts[state.current];
  const rows: Span[][] = [[
    {
      text: `Question ${state.current + 1}/${state.questions.length}`,
      style: MODAL_STYLES.heading,
    },
    { text: question.header ? `  (${agentText(question.header)})` : "", style: MODAL_STYLES.dim },
    { text: question.multiSelect ? "  choose any" : "  choose one", style: MODAL_STYLES.dim },
  ]];
  for (const line of question.question.split("\n")) {
    rows.push([{ text: agentText(line), style: MODAL_STYLES.unread }]);
  }
  rows.push([]);
  const labels = [...question.options, { label: OTHER_LABEL, description: undefined }];
  labels.forEach((option, i) => {
    const on = draft.selected.includes(option.label);
    const box = question.multiSelect ? (on ? "[x]" : "[ ]") : (on ? "(•)" : "( )");
    const other = option.label === OTHER_LABEL;
    rows.push([
      { text: i === state.cursor ? "› " : "  ", style: MODAL_STYLES.focusBar },
      { text: box + " ", style: on ? MODAL_STYLES.success : MODAL_STYLES.dim },
      { text: other ? "Other..." : agentText(option.label), style: MODAL_STYLES.text },
      {
        text: other
          ? (draft.other ? `  ${agentText(draft.other)}` : "")
          : option.description
          ? ` — ${agentText(option.description)}`
          : "",
        style: MODAL_STYLES.dim,
      },
    ]);
  });
  if (state.note) {
    rows.push([], [{ text: "Note: ", style: MODAL_STYLES.dim }, { text: agentText(state.note) }]);
  }
  const bottom = rect.y + rect.height - 1;
  const footer = state.input || state.error ? 2 : 1;
  drawRows(buffer, { ...rect, height: rect.height - footer }, rows);
  if (state.input) {
    const other = state.input.kind === "other";
    drawFieldFooter(
      buffer,
      rect,
      other ? "Other: " : "Note: ",
      state.input.field,
      other ? "your answer" : "a note for all answers",
      [["Enter/Esc", "keep"]],
    );
    return;
  }
  if (state.error) {
    drawSpans(
      buffer,
      rect.x,
      bottom - 1,
      [{ text: state.error, style: MODAL_STYLES.error }],
      rect.width,
    );
  }
  drawSpans(buffer, rect.x, bottom, hintSpans(HINTS), rect.width);
}
