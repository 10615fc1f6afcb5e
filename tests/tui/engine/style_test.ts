import { DEFAULT_STYLE, mergeStyles, style, styleSgr } from "../../../tui/engine/style.ts";
import { assertEquals, assertNotEquals, assertThrows } from "../../_helpers/assert.ts";

Deno.test("style: equal styles share one id; the empty style is the default", () => {
  assertEquals(style({}), DEFAULT_STYLE);
  const a = style({ fg: "#112233", bold: true });
  assertEquals(style({ bold: true, fg: "#112233" }), a);
  assertNotEquals(style({ fg: "#112233" }), a);
  assertEquals(style({ bold: false }), DEFAULT_STYLE);
});

Deno.test("styleSgr: resets first, attributes in order, colours per depth; NO_COLOR keeps attributes", () => {
  const id = style({ fg: "#ff0000", bg: 4, bold: true, underline: true, reverse: true });
  // A palette index below 16 keeps the plain ANSI code, so the user's theme colours apply.
  assertEquals(styleSgr(id, "truecolor"), "\x1b[0;1;4;7;38;2;255;0;0;44m");
  assertEquals(styleSgr(id, "256"), "\x1b[0;1;4;7;38;5;196;48;5;4m");
  assertEquals(styleSgr(id, "16"), "\x1b[0;1;4;7;91;44m");
  assertEquals(styleSgr(id, "none"), "\x1b[0;1;4;7m");
  assertEquals(styleSgr(style({ dim: true, italic: true }), "256"), "\x1b[0;2;3m");
  assertEquals(styleSgr(DEFAULT_STYLE, "truecolor"), "\x1b[0m");
});

Deno.test("style: a bad colour is refused when the style is made", () => {
  assertThrows(() => style({ fg: "orange" }), TypeError, 'not a colour: "orange"');
});

Deno.test("mergeStyles: the overlay's fields win, the rest of the base stays", () => {
  const base = style({ fg: "#00ff00", bold: true });
  const focus = style({ bg: "#333333", bold: false });
  assertEquals(mergeStyles(base, focus), style({ fg: "#00ff00", bg: "#333333" }));
  assertEquals(mergeStyles(base, DEFAULT_STYLE), base);
  assertEquals(mergeStyles(DEFAULT_STYLE, focus), focus);
});
