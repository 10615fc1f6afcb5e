import { CellBuffer } from "../../../tui/engine/buffer.ts";
import { MemoryTerminal } from "../../../tui/engine/memory_terminal.ts";
import { renderFrame, SYNC_BEGIN, SYNC_END } from "../../../tui/engine/render.ts";
import { style } from "../../../tui/engine/style.ts";
import { assert, assertEquals, assertStringIncludes } from "../../_helpers/assert.ts";

/** The number of times `needle` occurs in `text`. */
function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

Deno.test("renderFrame: a first frame is a full redraw inside synchronized-output brackets", () => {
  const buffer = new CellBuffer(5, 2);
  buffer.write(0, 0, "hi", 0);
  const out = renderFrame(null, buffer, "truecolor");
  assert(out.startsWith(SYNC_BEGIN + "\x1b[0m\x1b[2J"));
  assert(out.endsWith(SYNC_END));
  const terminal = new MemoryTerminal({ columns: 5, rows: 2 });
  terminal.write(out);
  assertEquals(terminal.screenText(), ["hi   ", "     "]);
});

Deno.test("renderFrame: nothing changed writes nothing", () => {
  const a = new CellBuffer(10, 3);
  const b = new CellBuffer(10, 3);
  a.write(0, 1, "same text", 0);
  b.write(0, 1, "same text", 0);
  assertEquals(renderFrame(a, b, "truecolor"), "");
});

Deno.test("renderFrame: only the changed cells are written", () => {
  const a = new CellBuffer(20, 3);
  const b = new CellBuffer(20, 3);
  a.write(0, 0, "first line", 0);
  b.write(0, 0, "first LINE", 0);
  a.write(0, 2, "untouched", 0);
  b.write(0, 2, "untouched", 0);
  const out = renderFrame(a, b, "truecolor");
  // One cursor move to column 7 of row 1, then the four changed letters in a row.
  assertEquals(out, `${SYNC_BEGIN}\x1b[1;7H\x1b[0mLINE\x1b[0m${SYNC_END}`);
});

Deno.test("renderFrame: a style change alone rewrites the cell with its SGR", () => {
  const bold = style({ bold: true });
  const a = new CellBuffer(4, 1);
  const b = new CellBuffer(4, 1);
  a.write(0, 0, "abcd", 0);
  b.write(0, 0, "abcd", 0);
  b.restyle({ x: 1, y: 0, width: 2, height: 1 }, bold);
  const out = renderFrame(a, b, "16");
  assertEquals(out, `${SYNC_BEGIN}\x1b[1;2H\x1b[0;1mbc\x1b[0m${SYNC_END}`);
});

Deno.test("renderFrame: applied frame after frame, the screen always equals the buffer", () => {
  const terminal = new MemoryTerminal({ columns: 12, rows: 3 });
  const frames = [
    ["日本語 abc", "x 👍 y", "plain"],
    ["日a語 abc", "x 👍🏽 y", "plaiN"],
    ["ab本語 abc", "👨‍👩‍👧 x y", ""],
    ["", "", "日本語日本語"],
  ];
  let previous: CellBuffer | null = null;
  for (const rows of frames) {
    const next = new CellBuffer(12, 3);
    rows.forEach((text, y) => next.write(0, y, text, 0));
    terminal.write(renderFrame(previous, next, "truecolor"));
    assertEquals(terminal.screenText(), [0, 1, 2].map((y) => next.rowText(y)));
    previous = next;
  }
});

Deno.test("renderFrame: a different size redraws everything", () => {
  const a = new CellBuffer(4, 1);
  const b = new CellBuffer(5, 1);
  assertStringIncludes(renderFrame(a, b, "16"), "\x1b[2J");
});

Deno.test("renderFrame: positions explicitly after an emoji sequence (terminals disagree on width)", () => {
  const next = new CellBuffer(10, 1);
  next.write(0, 0, "👍x日y", 0);
  const out = renderFrame(null, next, "none");
  // "👍" is two UTF-16 units: the x after it gets its own cursor move; 日 is one unit, trusted.
  assertStringIncludes(out, "👍\x1b[1;3Hx日y");
  assertEquals(count(out, "\x1b[1;"), 2);
});
