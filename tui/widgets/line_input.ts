/**
 * The single-line input: its state, a reducer for keys and pastes (readline
 * keys: Ctrl+A/E, Ctrl+U/K, Ctrl+W, Alt+B/F, arrows, Home/End), and a view
 * that scrolls horizontally to keep the cursor visible.
 *
 * @module
 */

import type { CellBuffer } from "../engine/buffer.ts";
import { type InputEvent, isTextKey, keyId, keyText } from "../engine/keys.ts";
import type { StyleId } from "../engine/style.ts";
import { graphemes, graphemeWidth, textWidth } from "../engine/width.ts";
import { nextBoundary, previousBoundary, singleLine, wordEnd, wordStart } from "./text_edit.ts";
import { THEME } from "./theme.ts";

/** A one-line field: its text and the cursor (a UTF-16 offset on a grapheme boundary). */
export interface LineInputState {
  readonly text: string;
  readonly cursor: number;
}

/** A field holding `text` with the cursor at its end. */
export function lineInput(text = ""): LineInputState {
  const clean = singleLine(text);
  return { text: clean, cursor: clean.length };
}

/** `state` with `text` inserted at the cursor. */
export function insertText(state: LineInputState, text: string): LineInputState {
  const clean = singleLine(text);
  if (clean === "") return state;
  return {
    text: state.text.slice(0, state.cursor) + clean + state.text.slice(state.cursor),
    cursor: state.cursor + clean.length,
  };
}

function edit(state: LineInputState, from: number, to: number, cursor: number): LineInputState {
  if (from === to && cursor === state.cursor) return state;
  return { text: state.text.slice(0, from) + state.text.slice(to), cursor };
}

function move(state: LineInputState, cursor: number): LineInputState {
  return cursor === state.cursor ? state : { text: state.text, cursor };
}

/**
 * The field after `event`; the same object when the event changes nothing
 * or is not an editing key (Enter, Escape, Tab are left to the owner).
 */
export function lineInputKey(state: LineInputState, event: InputEvent): LineInputState {
  if (event.kind === "paste") return insertText(state, event.text);
  if (isTextKey(event)) return insertText(state, keyText(event));
  const { text, cursor } = state;
  switch (keyId(event)) {
    case "backspace":
    case "ctrl+h": {
      const from = previousBoundary(text, cursor);
      return edit(state, from, cursor, from);
    }
    case "delete":
    case "ctrl+d":
      return edit(state, cursor, nextBoundary(text, cursor), cursor);
    case "left":
    case "ctrl+b":
      return move(state, previousBoundary(text, cursor));
    case "right":
    case "ctrl+f":
      return move(state, nextBoundary(text, cursor));
    case "home":
    case "ctrl+a":
      return move(state, 0);
    case "end":
    case "ctrl+e":
      return move(state, text.length);
    case "ctrl+u":
      return edit(state, 0, cursor, 0);
    case "ctrl+k":
      return edit(state, cursor, text.length, cursor);
    case "ctrl+w":
    case "alt+backspace": {
      const from = wordStart(text, cursor);
      return edit(state, from, cursor, from);
    }
    case "alt+b":
    case "ctrl+left":
      return move(state, wordStart(text, cursor));
    case "alt+f":
    case "ctrl+right":
      return move(state, wordEnd(text, cursor));
  }
  return state;
}

/** How a field is drawn. */
export interface LineInputProps {
  /** Draw the cursor (the focused field). */
  focused?: boolean;
  /** Shown dimmed while the text is empty. */
  placeholder?: string;
  style?: StyleId;
  cursorStyle?: StyleId;
}

/**
 * Draw the field on one row from (`x`, `y`), `width` cells wide. When the
 * text is wider, the view scrolls so the cursor stays in the last column at
 * most (the screen's cursor stays hidden; the cursor is a reversed cell).
 */
export function drawLineInput(
  buffer: CellBuffer,
  x: number,
  y: number,
  width: number,
  state: LineInputState,
  props: LineInputProps = {},
): void {
  const style = props.style ?? THEME.text;
  const cursorStyle = props.cursorStyle ?? THEME.cursor;
  buffer.fill({ x, y, width, height: 1 }, style);
  if (width <= 0) return;
  if (state.text === "" && props.placeholder) {
    buffer.write(x, y, props.placeholder, THEME.placeholder, x + width);
  }
  const before = textWidth(state.text.slice(0, state.cursor));
  const skip = Math.max(0, before - (width - 1));
  let column = 0;
  let offset = 0;
  let cursorColumn = -1;
  for (const grapheme of graphemes(state.text)) {
    const w = graphemeWidth(grapheme);
    if (offset === state.cursor) cursorColumn = column - skip;
    if (column >= skip && column - skip + w <= width) {
      buffer.write(x + column - skip, y, grapheme, style, x + width);
    }
    column += w;
    offset += grapheme.length;
  }
  if (cursorColumn < 0) cursorColumn = column - skip;
  if (props.focused) {
    buffer.restyle({ x: x + cursorColumn, y, width: 1, height: 1 }, cursorStyle);
  }
}
