import { CellBuffer } from "../../../tui/engine/buffer.ts";
import { key } from "../../../tui/engine/keys.ts";
import { THEME } from "../../../tui/widgets/theme.ts";
import {
  drawLineInput,
  lineInput,
  lineInputKey,
  type LineInputState,
} from "../../../tui/widgets/line_input.ts";
import { assertEquals } from "../../_helpers/assert.ts";
import { decodeAll } from "../_keys.ts";

/** `state` after typing `bytes` (decoded as the terminal sends them). */
function type(state: LineInputState, bytes: string): LineInputState {
  return decodeAll(bytes).reduce(lineInputKey, state);
}

Deno.test("lineInput: typing inserts at the cursor; arrows and Home/End move it", () => {
  let state = type(lineInput(), "helo");
  state = type(state, "\x1b[Dl"); // left, then l
  assertEquals(state, { text: "hello", cursor: 4 });
  state = type(state, "\x1b[H>");
  assertEquals(state, { text: ">hello", cursor: 1 });
  state = type(state, "\x05!"); // Ctrl+E, then !
  assertEquals(state, { text: ">hello!", cursor: 7 });
  assertEquals(type(lineInput("a"), " b").text, "a b"); // space types a space
});

Deno.test("lineInput: Backspace and Delete remove a whole grapheme cluster", () => {
  let state = lineInput("a👨‍👩‍👧b");
  state = type(state, "\x1b[D\x7f"); // left over b, backspace the family emoji
  assertEquals(state, { text: "ab", cursor: 1 });
  state = type(lineInput("e\u0301x"), "\x01\x1b[3~"); // Ctrl+A, Delete: é goes whole
  assertEquals(state, { text: "x", cursor: 0 });
  // At the edges they change nothing and return the same object.
  const start = { text: "ab", cursor: 0 };
  assertEquals(lineInputKey(start, key("backspace")) === start, true);
  const end = lineInput("ab");
  assertEquals(lineInputKey(end, key("delete")) === end, true);
});

Deno.test("lineInput: Ctrl+U, Ctrl+K, Ctrl+W, Alt+B/F", () => {
  const base = { text: "one two  three", cursor: 8 };
  assertEquals(type(base, "\x15"), { text: " three", cursor: 0 });
  assertEquals(type(base, "\x0b"), { text: "one two ", cursor: 8 });
  assertEquals(type(base, "\x17"), { text: "one  three", cursor: 4 }); // deletes "two "
  assertEquals(type(base, "\x1bb").cursor, 4);
  assertEquals(type(base, "\x1bf").cursor, 14);
});

Deno.test("lineInput: a paste is inserted as one line; Enter/Escape/Tab are the owner's", () => {
  const state = type(lineInput("x"), "\x1b[200~a\nb\tc\x1b[31m\x1b[201~");
  assertEquals(state.text, "xa b c[31m"); // newline and tab become spaces, ESC dropped
  for (const name of ["enter", "escape", "tab"]) {
    assertEquals(lineInputKey(state, key(name)) === state, true, name);
  }
  assertEquals(lineInputKey(state, key("x", { ctrl: true })) === state, true);
});

Deno.test("drawLineInput: scrolls to keep the cursor in view; the cursor is a reversed cell", () => {
  const buffer = new CellBuffer(6, 1);
  drawLineInput(buffer, 0, 0, 6, lineInput("abcdefghij"), { focused: true });
  // Cursor at the end (column 10): the view starts at 10 - 5 = 5; the cursor is the last cell.
  assertEquals(buffer.rowText(0), "fghij ");
  assertEquals(buffer.styles[5], THEME.cursor);
  buffer.clear();
  drawLineInput(buffer, 0, 0, 6, { text: "abcdefghij", cursor: 2 }, { focused: true });
  assertEquals(buffer.rowText(0), "abcdef");
  assertEquals(buffer.styles[2], THEME.cursor);
  buffer.clear();
  drawLineInput(buffer, 0, 0, 6, lineInput(), { placeholder: "query…" });
  assertEquals(buffer.rowText(0), "query…");
});
