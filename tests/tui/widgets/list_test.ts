import { CellBuffer } from "../../../tui/engine/buffer.ts";
import { style } from "../../../tui/engine/style.ts";
import { visibleRows } from "../../../tui/widgets/fold.ts";
import { drawList, type ListRow, scrollToShow } from "../../../tui/widgets/list.ts";
import { drawSpans } from "../../../tui/widgets/spans.ts";
import { THEME } from "../../../tui/widgets/theme.ts";
import { assertEquals } from "../../_helpers/assert.ts";

Deno.test("drawSpans: fits, or ends in … in the last cell", () => {
  const buffer = new CellBuffer(10, 3);
  assertEquals(drawSpans(buffer, 0, 0, [{ text: "ab" }, { text: "cd" }], 10), 4);
  drawSpans(buffer, 0, 1, [{ text: "abcdef" }, { text: "ghij" }], 8);
  assertEquals(buffer.rowText(1), "abcdefg…  ");
  // Exactly full with more spans to come: the last cell is the ellipsis.
  drawSpans(buffer, 0, 2, [{ text: "abcd" }, { text: "x" }], 4);
  assertEquals(buffer.rowText(2), "abc…      ");
});

Deno.test("scrollToShow: moves as little as possible, never past the end", () => {
  assertEquals(scrollToShow(0, 5, 100, 10), 0); // already visible
  assertEquals(scrollToShow(0, 10, 100, 10), 1); // one below: scroll by one
  assertEquals(scrollToShow(20, 5, 100, 10), 5); // above: it becomes the top row
  assertEquals(scrollToShow(95, 99, 100, 10), 90); // no blank rows below when rows are above
  assertEquals(scrollToShow(3, -1, 5, 10), 0); // everything fits
  assertEquals(scrollToShow(7, 2, 0, 10), 0);
  assertEquals(scrollToShow(7, 2, 10, 0), 0);
});

Deno.test("visibleRows: a folded banner hides the deeper rows under it, not its siblings", () => {
  const rows = [
    { depth: 0, folded: false }, // 0 project A
    { depth: 1, folded: true }, //  1 CL a1 (folded)
    { depth: 2, folded: false }, // 2 agent
    { depth: 2, folded: false }, // 3 agent
    { depth: 1, folded: false }, // 4 CL a2
    { depth: 2, folded: false }, // 5 agent
    { depth: 0, folded: true }, //  6 project B (folded)
    { depth: 1, folded: false }, // 7
    { depth: 2, folded: false }, // 8
    { depth: 0, folded: false }, // 9 project C
  ];
  assertEquals(
    visibleRows(rows.length, (i) => rows[i].depth, (i) => rows[i].folded),
    [0, 1, 4, 5, 6, 9],
  );
  assertEquals(visibleRows(0, () => 0, () => false), []);
});

Deno.test("drawList: lays out only the rows in the viewport of a 2,000-row list", () => {
  const asked: number[] = [];
  const buffer = new CellBuffer(30, 5);
  const layout = drawList(buffer, { x: 0, y: 0, width: 30, height: 5 }, {
    count: 2000,
    selected: 1500,
    scrollTop: 0,
    row(index) {
      asked.push(index);
      return { kind: "item", spans: [{ text: `row ${index}` }] };
    },
  });
  assertEquals(layout, { scrollTop: 1496, laidOut: 5 });
  assertEquals(asked, [1496, 1497, 1498, 1499, 1500]);
  assertEquals(buffer.rowText(4).trimEnd(), "▌row 1500");
  assertEquals(buffer.rowText(0).trimEnd(), " row 1496");
});

Deno.test("drawList: banners with fold markers, tier guides, right suffix kept whole", () => {
  const rows: ListRow[] = [
    { kind: "banner", spans: [{ text: "my_project" }], right: [{ text: "3 agents" }] },
    { kind: "banner", spans: [{ text: "cl_1" }], depth: 1, folded: true },
    { kind: "item", spans: [{ text: "agent-日本" }], depth: 1, right: [{ text: "12:00:01 · 5m" }] },
  ];
  const buffer = new CellBuffer(40, 3);
  drawList(buffer, { x: 0, y: 0, width: 40, height: 3 }, {
    count: rows.length,
    row: (i) => rows[i],
    selected: 2,
    scrollTop: 0,
  });
  // Column 0 is the focus bar's; the suffix ends at the right edge.
  assertEquals(buffer.rowText(0), " ▼ my_project".padEnd(32) + "3 agents");
  assertEquals(buffer.rowText(1), " │ ▶ cl_1".padEnd(40));
  // 日本 takes 4 cells (two continuation cells are not in the text): 13 cells, 14 blanks, 13.
  assertEquals(buffer.rowText(2), "▌│ agent-日本" + " ".repeat(14) + "12:00:01 · 5m");
  // Banner text takes the banner style; the selected row the selection tint over each span.
  assertEquals(buffer.styles[3], THEME.banner);
  assertEquals(buffer.styles[2 * 40 + 5], style({ bg: "#303a4a", bold: true }));
});

/** One item row with a suffix drawn `width` cells wide. */
function suffixRow(width: number): string {
  const buffer = new CellBuffer(width, 1);
  drawList(buffer, { x: 0, y: 0, width, height: 1 }, {
    count: 1,
    row: () => ({
      kind: "item",
      spans: [{ text: "a-long-agent-name" }],
      right: [{ text: "12:00:01" }],
    }),
    selected: -1,
    scrollTop: 0,
  });
  return buffer.rowText(0);
}

Deno.test("drawList: the suffix shows only while the text keeps half the row", () => {
  // room 19 (column 0 is the focus bar's): 19 - 8 - 1 = 10 cells of text >= ceil(19 / 2) = 10.
  assertEquals(suffixRow(20), " a-long-ag… 12:00:01");
  // room 15: 15 - 8 - 1 = 6 < 8: the suffix goes, the name keeps the row.
  assertEquals(suffixRow(16), " a-long-agent-n…");
});
