/**
 * The multi-line editor (basic): insert, delete, newline, cursor moves,
 * paste with newlines. Enter is left to the owner (the prompt bar submits on
 * Enter and inserts a newline on Ctrl+J); the editor's newline key is
 * Ctrl+J.
 *
 * @module
 */

import type { CellBuffer } from "../engine/buffer.ts";
import type { Rect } from "../engine/geometry.ts";
import { type InputEvent, isTextKey, keyId, keyText } from "../engine/keys.ts";
import type { StyleId } from "../engine/style.ts";
import { graphemes, graphemeWidth, textWidth } from "../engine/width.ts";
import { nextBoundary, previousBoundary, snapToBoundary } from "./text_edit.ts";
import { THEME } from "./theme.ts";

/** The editor's text as lines, and the cursor (line `row`, UTF-16 offset `col` in it). */
export interface EditorState {
  readonly lines: readonly string[];
  readonly row: number;
  readonly col: number;
}

/** An editor holding `text`, the cursor at its end. */
export function editor(text = ""): EditorState {
  const lines = splitLines(text);
  return { lines, row: lines.length - 1, col: lines[lines.length - 1].length };
}

/** The editor's text (lines joined with `\n`). */
export function editorText(state: EditorState): string {
  return state.lines.join("\n");
}

function splitLines(text: string): string[] {
  // deno-lint-ignore no-control-regex -- control characters are what it removes
  return text.replace(/\r\n?/g, "\n").replace(/\t/g, "  ").replace(/[\x00-\x09\x0b-\x1f\x7f]/g, "")
    .split("\n");
}

/** `state` with `text` (which may hold newlines) inserted at the cursor. */
export function editorInsert(state: EditorState, text: string): EditorState {
  const pieces = splitLines(text);
  if (pieces.length === 1 && pieces[0] === "") return state;
  const line = state.lines[state.row];
  const head = line.slice(0, state.col);
  const tail = line.slice(state.col);
  const inserted = pieces.map((piece, i) =>
    (i === 0 ? head : "") + piece + (i === pieces.length - 1 ? tail : "")
  );
  const lines = [
    ...state.lines.slice(0, state.row),
    ...inserted,
    ...state.lines.slice(state.row + 1),
  ];
  const row = state.row + pieces.length - 1;
  const col = (pieces.length === 1 ? head.length : 0) + pieces[pieces.length - 1].length;
  return { lines, row, col };
}

function replaceLines(
  state: EditorState,
  from: number,
  to: number,
  lines: string[],
  row: number,
  col: number,
): EditorState {
  return { lines: [...state.lines.slice(0, from), ...lines, ...state.lines.slice(to)], row, col };
}

function moveTo(state: EditorState, row: number, col: number): EditorState {
  return row === state.row && col === state.col ? state : { lines: state.lines, row, col };
}

/** The cursor one row up or down, at the same display column (or the line's end). */
function vertical(state: EditorState, delta: number): EditorState {
  const row = state.row + delta;
  if (row < 0 || row >= state.lines.length) return state;
  const column = textWidth(state.lines[state.row].slice(0, state.col));
  const target = state.lines[row];
  let used = 0;
  let col = 0;
  for (const grapheme of graphemes(target)) {
    const w = graphemeWidth(grapheme);
    if (used + w > column) break;
    used += w;
    col += grapheme.length;
  }
  return moveTo(state, row, snapToBoundary(target, col));
}

/**
 * The editor after `event`; the same object when nothing changed or the key
 * is not the editor's (Enter, Escape, Tab and others are the owner's).
 */
export function editorKey(state: EditorState, event: InputEvent): EditorState {
  if (event.kind === "paste") return editorInsert(state, event.text);
  if (isTextKey(event)) return editorInsert(state, keyText(event));
  const { lines, row, col } = state;
  const line = lines[row];
  switch (keyId(event)) {
    case "ctrl+j":
      return editorInsert(state, "\n");
    case "backspace":
    case "ctrl+h": {
      if (col > 0) {
        const from = previousBoundary(line, col);
        return replaceLines(
          state,
          row,
          row + 1,
          [line.slice(0, from) + line.slice(col)],
          row,
          from,
        );
      }
      if (row === 0) return state;
      const above = lines[row - 1];
      return replaceLines(state, row - 1, row + 1, [above + line], row - 1, above.length);
    }
    case "delete":
    case "ctrl+d": {
      if (col < line.length) {
        const to = nextBoundary(line, col);
        return replaceLines(state, row, row + 1, [line.slice(0, col) + line.slice(to)], row, col);
      }
      if (row === lines.length - 1) return state;
      return replaceLines(state, row, row + 2, [line + lines[row + 1]], row, col);
    }
    case "left":
      if (col > 0) return moveTo(state, row, previousBoundary(line, col));
      return row > 0 ? moveTo(state, row - 1, lines[row - 1].length) : state;
    case "right":
      if (col < line.length) return moveTo(state, row, nextBoundary(line, col));
      return row < lines.length - 1 ? moveTo(state, row + 1, 0) : state;
    case "up":
      return vertical(state, -1);
    case "down":
      return vertical(state, 1);
    case "home":
    case "ctrl+a":
      return moveTo(state, row, 0);
    case "end":
    case "ctrl+e":
      return moveTo(state, row, line.length);
    case "ctrl+home":
      return moveTo(state, 0, 0);
    case "ctrl+end":
      return moveTo(state, lines.length - 1, lines[lines.length - 1].length);
  }
  return state;
}

/** How the editor is drawn. */
export interface EditorProps {
  focused?: boolean;
  style?: StyleId;
  cursorStyle?: StyleId;
}

/**
 * Draw the editor into `rect`: the view scrolls vertically so the cursor's
 * line is visible (the cursor on the last row at most) and horizontally so
 * the cursor's column is; lines are not wrapped.
 */
export function drawEditor(
  buffer: CellBuffer,
  rect: Rect,
  state: EditorState,
  props: EditorProps = {},
): void {
  const style = props.style ?? THEME.text;
  buffer.fill(rect, style);
  if (rect.width <= 0 || rect.height <= 0) return;
  const top = Math.max(0, state.row - rect.height + 1);
  const cursorColumn = textWidth(state.lines[state.row].slice(0, state.col));
  const left = Math.max(0, cursorColumn - rect.width + 1);
  for (let i = 0; i < rect.height && top + i < state.lines.length; i++) {
    let column = 0;
    for (const grapheme of graphemes(state.lines[top + i])) {
      const w = graphemeWidth(grapheme);
      if (column - left + w > rect.width) break;
      if (column >= left) {
        buffer.write(rect.x + column - left, rect.y + i, grapheme, style, rect.x + rect.width);
      }
      column += w;
    }
  }
  if (props.focused) {
    buffer.restyle(
      { x: rect.x + cursorColumn - left, y: rect.y + state.row - top, width: 1, height: 1 },
      props.cursorStyle ?? THEME.cursor,
    );
  }
}
