/**
 * The `/` query editor's state, shared by the PRs and Agents tabs: the text
 * being edited and the inline error of the last Apply. Each tab supplies
 * how its language parses; a failed Apply keeps the editor open with the
 * error (handbook 4.5.12), and `Esc` closes it without touching the query.
 *
 * @module
 */

import { isQuerySlot, type QuerySlot } from "../../core/query/persist/saved_queries.ts";
import { agentText } from "./segments.ts";

/** The editor: closed, or open with its text and the error of the last Apply. */
export interface QueryEditorState {
  readonly open: boolean;
  readonly text: string;
  /** The inline (red) error of the last Apply; null when none. */
  readonly error: string | null;
}

/** A closed editor. */
export const CLOSED_EDITOR: QueryEditorState = { open: false, text: "", error: null };

/** Open the editor pre-filled with `current`. */
export function openEditor(current: string): QueryEditorState {
  return { open: true, text: current, error: null };
}

/** The editor after the user changed its text (the old error no longer applies). */
export function editText(editor: QueryEditorState, text: string): QueryEditorState {
  return { ...editor, text, error: null };
}

/** The editor kept open with `error` shown inline (control characters made inert). */
export function withError(editor: QueryEditorState, error: string): QueryEditorState {
  return { ...editor, error: agentText(error) };
}

/** The editor actions both tabs share (Apply is each tab's own). */
export type EditorAction =
  | { type: "openEditor" }
  | { type: "editorText"; text: string }
  | { type: "editorCancel" };

/** The editor after `action`; `current` is the query `/` pre-fills. */
export function reduceEditor(
  editor: QueryEditorState,
  action: EditorAction,
  current: string,
): QueryEditorState {
  switch (action.type) {
    case "openEditor":
      return openEditor(current);
    case "editorText":
      return editText(editor, action.text);
    case "editorCancel":
      return CLOSED_EDITOR;
  }
}

/** What an Apply of the PRs editor asks for. */
export type PrsSubmission =
  | { kind: "query"; query: string }
  /** `#3 +other` saves to slot 3 (`# +other`: the next free slot, `slot` null) and applies it. */
  | { kind: "save"; slot: QuerySlot | null; query: string }
  /** `#3` alone empties slot 3. */
  | { kind: "delete"; slot: QuerySlot }
  | { kind: "invalid"; error: string };

/** Read the PRs editor's text: a query, or a `#` slot command (handbook 4.7.1). */
export function parsePrsSubmission(text: string): PrsSubmission {
  const trimmed = text.trim();
  const match = /^#(\S?)(?:\s+([\s\S]*))?$/.exec(trimmed);
  if (!match) return { kind: "query", query: trimmed };
  const [, slotText, rest] = match;
  if (slotText !== "" && !isQuerySlot(slotText)) {
    return {
      kind: "invalid",
      error: `'#${slotText}' is not a slot: use #0 to #9, or # for the next free one`,
    };
  }
  const query = (rest ?? "").trim();
  if (query === "") {
    if (slotText === "") return { kind: "invalid", error: "'#' needs a query to save" };
    return { kind: "delete", slot: slotText as QuerySlot };
  }
  return { kind: "save", slot: slotText === "" ? null : slotText as QuerySlot, query };
}
