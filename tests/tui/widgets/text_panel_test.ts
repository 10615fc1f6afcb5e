import { CellBuffer } from "../../../tui/engine/buffer.ts";
import { FileLineSource, StringLineSource } from "../../../tui/widgets/line_source.ts";
import { drawTextPanel, WrappedText } from "../../../tui/widgets/text_panel.ts";
import { assert, assertEquals } from "../../_helpers/assert.ts";

Deno.test("StringLineSource: lines on demand, scanning only as far as asked", () => {
  const text = "first\nsecond\r\n\nfourth\n" + "x\n".repeat(100_000);
  const source = new StringLineSource(text);
  assertEquals(source.line(0), "first");
  assert(source.scanned < 20, `scanned ${source.scanned} characters for line 0`);
  assertEquals(source.line(1), "second"); // CRLF's CR dropped
  assertEquals(source.line(2), "");
  assertEquals(source.line(3), "fourth");
  assertEquals(source.line(4), "x");
  assert(source.scanned < 40);
  assertEquals(source.line(100_003), "x");
  assertEquals(source.line(100_004), undefined); // a final newline starts no line
  assertEquals(source.line(-1), undefined);
  assertEquals(new StringLineSource("").line(0), undefined);
  assertEquals(new StringLineSource("no newline").line(0), "no newline");
  assertEquals(new StringLineSource("no newline").line(1), undefined);
});

Deno.test("FileLineSource: reads chunk by chunk only as far as the asked line", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/reply.md`;
    const line = "a line of a large reply, about fifty bytes long..\n";
    await Deno.writeTextFile(path, "日本語 first\r\n" + line.repeat(40_000)); // ~2 MB
    const source = new FileLineSource(path, { chunkBytes: 4096 });
    assertEquals(source.line(0), "日本語 first");
    assertEquals(source.bytesRead, 4096);
    assertEquals(source.line(1), line.slice(0, -1));
    assertEquals(source.line(200), line.slice(0, -1)); // 200 × 50 bytes: within 3 chunks
    assertEquals(source.bytesRead, 3 * 4096);
    assertEquals(source.line(40_000), line.slice(0, -1));
    assertEquals(source.line(40_001), undefined);
    assertEquals(source.truncated, false);
    const limited = new FileLineSource(path, { chunkBytes: 4096, limitBytes: 10_000 });
    assertEquals(limited.line(1000), undefined);
    assertEquals(limited.bytesRead, 10_000);
    assertEquals(limited.truncated, true);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("FileLineSource: a UTF-8 character split across chunks decodes whole", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/t.txt`;
    await Deno.writeTextFile(path, "ab日本\nz");
    const source = new FileLineSource(path, { chunkBytes: 3 }); // splits 日 (3 bytes) at byte 3
    assertEquals(source.line(0), "ab日本");
    assertEquals(source.line(1), "z");
    assertEquals(source.line(2), undefined);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("WrappedText: wraps at the width by cells, CJK never split", () => {
  const text = new WrappedText(new StringLineSource("abcdefghij\n日本語テキスト\n\nend"), 4);
  text.ensure(100);
  const rows = Array.from({ length: text.rowCount }, (_, i) => text.row(i));
  assertEquals(rows, ["abcd", "efgh", "ij", "日本", "語テ", "キス", "ト", "", "end"]);
  assertEquals(text.complete, true);
  const odd = new WrappedText(new StringLineSource("日本語"), 5);
  odd.ensure(10);
  assertEquals([odd.row(0), odd.row(1)], ["日本", "語"]); // 語 would make 6 cells
});

Deno.test("WrappedText: without wrap each line is one row cut at the width", () => {
  const text = new WrappedText(new StringLineSource("abcdefghij\n日本語"), 5, { wrap: false });
  text.ensure(10);
  assertEquals([text.row(0), text.row(1), text.row(2)], ["abcde", "日本", undefined]);
});

Deno.test("WrappedText: a 20 MB reply lays out only what is asked, even inside one line", () => {
  const huge = "y".repeat(20 * 1024 * 1024);
  const text = new WrappedText(new StringLineSource(`head\n${huge}\ntail`), 80);
  text.ensure(30);
  assertEquals(text.rowCount, 30);
  assertEquals(text.linesRead, 1); // still inside the huge line
  assertEquals(text.complete, false);
  text.ensure(31);
  assertEquals(text.rowCount, 31);
  assertEquals(text.row(30), "y".repeat(80));
});

Deno.test("WrappedText: a non-ASCII long line continues mid-line across calls", () => {
  const line = "é".repeat(25);
  const text = new WrappedText(new StringLineSource(line), 10);
  text.ensure(1);
  assertEquals(text.rowCount, 1);
  text.ensure(5);
  assertEquals([text.row(0), text.row(1), text.row(2)], [
    "é".repeat(10),
    "é".repeat(10),
    "é".repeat(5),
  ]);
  assertEquals(text.complete, true);
});

Deno.test("WrappedText: the row cap stops layout and says so", () => {
  const text = new WrappedText(new StringLineSource("x\n".repeat(1000)), 10, { maxRows: 100 });
  text.ensure(5000);
  assertEquals(text.rowCount, 100);
  assertEquals(text.capped, true);
});

Deno.test("drawTextPanel: the viewport, the more-below line and scroll clamping", () => {
  const lines = Array.from({ length: 20 }, (_, i) => `line ${i}`).join("\n");
  const text = new WrappedText(new StringLineSource(lines), 12);
  const buffer = new CellBuffer(12, 4);
  const first = drawTextPanel(buffer, { x: 0, y: 0, width: 12, height: 4 }, { text, scroll: 0 });
  assertEquals(first, { scroll: 0, moreBelow: true, capped: false });
  assertEquals(buffer.rowText(0).trimEnd(), "line 0");
  assertEquals(buffer.rowText(2).trimEnd(), "line 2");
  // Not all laid out yet: the panel does not count what it has not read.
  assertEquals(buffer.rowText(3).trimEnd(), "more below");
  assertEquals(text.rowCount, 5); // the viewport plus one row to know more follows
  buffer.clear();
  const last = drawTextPanel(buffer, { x: 0, y: 0, width: 12, height: 4 }, { text, scroll: 500 });
  assertEquals(last, { scroll: 16, moreBelow: false, capped: false });
  assertEquals(buffer.rowText(3).trimEnd(), "line 19");
  buffer.clear();
  drawTextPanel(buffer, { x: 0, y: 0, width: 12, height: 4 }, { text, scroll: 2 });
  // Fully laid out now: 20 rows, rows 2-4 shown, 15 below.
  assertEquals(buffer.rowText(3), "15 more lin…");
});
