import { CellBuffer } from "../../../tui/engine/buffer.ts";
import { key } from "../../../tui/engine/keys.ts";
import {
  drawEditor,
  editor,
  editorKey,
  type EditorState,
  editorText,
} from "../../../tui/widgets/editor.ts";
import { THEME } from "../../../tui/widgets/theme.ts";
import { assertEquals } from "../../_helpers/assert.ts";
import { decodeAll } from "../_keys.ts";

/** `state` after typing `bytes` (decoded as the terminal sends them). */
function type(state: EditorState, bytes: string): EditorState {
  return decodeAll(bytes).reduce(editorKey, state);
}

Deno.test("editor: Ctrl+J splits the line at the cursor; Enter is left to the owner", () => {
  let state = type(editor(), "hello world");
  state = type(state, "\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D\n"); // five lefts, Ctrl+J
  assertEquals(state, { lines: ["hello ", "world"], row: 1, col: 0 });
  assertEquals(editorKey(state, key("enter")) === state, true);
});

Deno.test("editor: Backspace at a line start joins it to the line above; Delete at an end joins the next", () => {
  const state = { lines: ["ab", "cd"], row: 1, col: 0 };
  assertEquals(type(state, "\x7f"), { lines: ["abcd"], row: 0, col: 2 });
  assertEquals(type({ lines: ["ab", "cd"], row: 0, col: 2 }, "\x1b[3~"), {
    lines: ["abcd"],
    row: 0,
    col: 2,
  });
  const top = { lines: ["ab"], row: 0, col: 0 };
  assertEquals(editorKey(top, key("backspace")) === top, true);
});

Deno.test("editor: left/right cross line ends; up/down keep the display column", () => {
  const state = { lines: ["日本語", "abcdef", "x"], row: 1, col: 4 };
  assertEquals(type(state, "\x1b[A"), { lines: state.lines, row: 0, col: 2 }); // column 4 = after 本
  assertEquals(type(state, "\x1b[B"), { lines: state.lines, row: 2, col: 1 }); // clamped to the end
  assertEquals(type({ ...state, col: 0 }, "\x1b[D"), { lines: state.lines, row: 0, col: 3 });
  assertEquals(type({ ...state, col: 6 }, "\x1b[C"), { lines: state.lines, row: 2, col: 0 });
  assertEquals(type(state, "\x1b[1;5H"), { lines: state.lines, row: 0, col: 0 }); // Ctrl+Home
});

Deno.test("editor: a multi-line paste inserts lines, the cursor after it", () => {
  const state = type({ lines: ["[]"], row: 0, col: 1 }, "\x1b[200~one\r\ntwo\x1b[201~");
  assertEquals(state, { lines: ["[one", "two]"], row: 1, col: 3 });
  assertEquals(editorText(state), "[one\ntwo]");
  assertEquals(editor("a\nb"), { lines: ["a", "b"], row: 1, col: 1 });
});

Deno.test("drawEditor: scrolls to the cursor's line; cursor cell reversed", () => {
  const buffer = new CellBuffer(5, 2);
  drawEditor(buffer, { x: 0, y: 0, width: 5, height: 2 }, editor("l1\nl2\nl3"), {
    focused: true,
  });
  assertEquals(buffer.text(), "l2   \nl3   ");
  assertEquals(buffer.styles[5 + 2], THEME.cursor);
});
