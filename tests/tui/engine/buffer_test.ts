import { CellBuffer, REPLACEMENT } from "../../../tui/engine/buffer.ts";
import { style } from "../../../tui/engine/style.ts";
import { assertEquals } from "../../_helpers/assert.ts";

Deno.test("CellBuffer.write: ASCII, clipping at maxX and the right edge", () => {
  const buffer = new CellBuffer(8, 2);
  assertEquals(buffer.write(1, 0, "hello world", 0), 8);
  assertEquals(buffer.rowText(0), " hello w");
  assertEquals(buffer.write(0, 1, "abcdef", 0, 3), 3);
  assertEquals(buffer.rowText(1), "abc     ");
  // Off-screen rows and negative columns draw nothing outside the buffer.
  assertEquals(buffer.write(0, 5, "zzz", 0), 0);
  buffer.write(-2, 1, "xyz", 0);
  assertEquals(buffer.rowText(1), "zbc     ");
});

Deno.test("CellBuffer.write: a wide character takes its cell and a continuation", () => {
  const buffer = new CellBuffer(6, 1);
  assertEquals(buffer.write(0, 0, "日本x", 0), 5);
  assertEquals(buffer.chars.slice(0, 5), ["日", "", "本", "", "x"]);
  assertEquals(buffer.rowText(0), "日本x ");
});

Deno.test("CellBuffer.write: a wide character that does not fit becomes a blank", () => {
  const buffer = new CellBuffer(5, 1);
  buffer.write(0, 0, "abcd日", 0);
  assertEquals(buffer.chars, ["a", "b", "c", "d", " "]);
  const clipped = new CellBuffer(5, 1);
  clipped.write(0, 0, "xxxxx", 0);
  assertEquals(clipped.write(0, 0, "a日", 0, 2), 2);
  assertEquals(clipped.chars, ["a", " ", "x", "x", "x"]);
});

Deno.test("CellBuffer: drawing over half of a wide character blanks the other half", () => {
  const buffer = new CellBuffer(4, 1);
  buffer.write(0, 0, "日本", 0);
  buffer.write(1, 0, "a", 0); // over 日's continuation
  assertEquals(buffer.chars, [" ", "a", "本", ""]);
  buffer.write(2, 0, "b", 0); // over 本's first half
  assertEquals(buffer.chars, [" ", "a", "b", " "]);
  buffer.write(0, 0, "語", 0);
  buffer.write(1, 0, "語", 0); // a wide character over the second half of another
  assertEquals(buffer.chars, [" ", "語", "", " "]);
});

Deno.test("CellBuffer.write: control characters are drawn as U+FFFD, never sent raw", () => {
  const buffer = new CellBuffer(6, 1);
  buffer.write(0, 0, "a\x1b[2Jb\x07", 0);
  assertEquals(buffer.chars, ["a", REPLACEMENT, "[", "2", "J", "b"]);
});

Deno.test("CellBuffer: fill, restyle and clear", () => {
  const red = style({ fg: "#ff0000" });
  const buffer = new CellBuffer(4, 3);
  buffer.write(0, 1, "abcd", 0);
  buffer.fill({ x: 1, y: 0, width: 2, height: 2 }, red, "#");
  assertEquals(buffer.text(), " ## \na##d\n    ");
  assertEquals(buffer.styles[5], red);
  buffer.restyle({ x: 2, y: 1, width: 10, height: 1 }, red);
  assertEquals(buffer.rowText(1), "a##d");
  assertEquals([...buffer.styles.slice(4, 8)], [0, red, red, red]);
  buffer.clear();
  assertEquals(buffer.text(), "    \n    \n    ");
  assertEquals([...buffer.styles].every((s) => s === 0), true);
});
