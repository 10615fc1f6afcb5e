import { CellBuffer } from "../../../tui/engine/buffer.ts";
import { chipWidth, drawFooter, footerHeight, layoutFooter } from "../../../tui/widgets/footer.ts";
import { drawModal, modalRect } from "../../../tui/widgets/modal.ts";
import { cycleTab, drawTabBar } from "../../../tui/widgets/tab_bar.ts";
import { THEME } from "../../../tui/widgets/theme.ts";
import { assertEquals } from "../../_helpers/assert.ts";

Deno.test("tab bar: labels with the active one highlighted; Tab/Shift+Tab wrap", () => {
  const buffer = new CellBuffer(24, 1);
  const spans = drawTabBar(buffer, { x: 0, y: 0, width: 24, height: 1 }, {
    tabs: ["PRs", "Agents", "AXE"],
    active: 1,
  });
  assertEquals(buffer.rowText(0), " PRs   Agents   AXE ".padEnd(24));
  assertEquals(spans, [[0, 5], [6, 14], [15, 20]]);
  assertEquals(buffer.styles[7], THEME.tabActive);
  assertEquals(buffer.styles[1], THEME.tab);
  assertEquals(cycleTab(2, 1, 3), 0);
  assertEquals(cycleTab(0, -1, 3), 2);
  assertEquals(cycleTab(1, 1, 3), 2);
});

Deno.test("modal: centred, shrunk to leave a margin; title in the border", () => {
  assertEquals(modalRect({ x: 0, y: 0, width: 80, height: 24 }, 40, 10), {
    x: 20,
    y: 7,
    width: 40,
    height: 10,
  });
  assertEquals(modalRect({ x: 0, y: 0, width: 30, height: 8 }, 40, 10), {
    x: 1,
    y: 1,
    width: 28,
    height: 6,
  });
  const buffer = new CellBuffer(20, 6);
  buffer.write(0, 2, "x".repeat(20), 0);
  const inner = drawModal(buffer, { x: 0, y: 0, width: 20, height: 6 }, {
    title: [{ text: "Plan" }],
    width: 12,
    height: 4,
  });
  assertEquals(inner, { x: 5, y: 2, width: 10, height: 2 });
  assertEquals(buffer.rowText(1), "    ╭─ Plan ───╮    ");
  assertEquals(buffer.rowText(2), "xxxx│          │xxxx"); // the inside is blanked
  assertEquals(buffer.rowText(4), "    ╰──────────╯    ");
});

const CHIPS = [
  { key: "j/k", label: "move" },
  { key: "/", label: "query" },
  { key: "x", label: "kill" },
  { key: "?", label: "help" },
  { key: "q", label: "quit" },
];

Deno.test("footer: chips on one line when they fit (gap of two)", () => {
  const widths = CHIPS.map(chipWidth);
  assertEquals(widths, [8, 7, 6, 6, 6]);
  const total = 8 + 7 + 6 + 6 + 6 + 2 * 4;
  const layout = layoutFooter(CHIPS, total);
  assertEquals(layout.grid, false);
  assertEquals(layout.rows[0].map((placed) => placed.x), [0, 10, 19, 27, 35]);
  assertEquals(layoutFooter(CHIPS, total - 1).grid, true);
});

Deno.test("footer: the grid fallback: widest-chip columns, as many as fit, row by row", () => {
  // Widest chip 8 cells: columns of 8 + gap 2; width 28 fits (28 + 2) / 10 = 3 columns.
  const layout = layoutFooter(CHIPS, 28);
  assertEquals(layout.grid, true);
  assertEquals(layout.cellWidth, 8);
  assertEquals(
    layout.rows.map((row) => row.map(({ x, chip }) => `${x}:${chip.key}`)),
    [["0:j/k", "10:/", "20:x"], ["0:?", "10:q"]],
  );
  // Deterministic: the same input lays out the same way.
  assertEquals(layoutFooter(CHIPS, 28), layout);
  // Narrower than one chip: one column, the chip cut to the width.
  assertEquals(layoutFooter(CHIPS, 5).rows.length, 5);
  assertEquals(layoutFooter(CHIPS, 5).cellWidth, 5);
});

Deno.test("footer: mode pinned left, status pinned right; hidden rows counted in the last cell", () => {
  const props = {
    chips: CHIPS,
    mode: [{ text: "LEADER", style: THEME.mode }],
    status: [{ text: "STOPPED" }],
  };
  // 50 - 7 (mode + space) - 8 (status + space) = 35 cells for chips: 8+7+6+6 + 2*3 = 33 fit,
  // all five need 41: grid of 3 columns (35 + 2) / 10.
  assertEquals(footerHeight(props, 50), 2);
  const buffer = new CellBuffer(50, 1);
  const layout = drawFooter(buffer, { x: 0, y: 0, width: 50, height: 1 }, props);
  assertEquals(layout.rows.length, 2);
  assertEquals(
    buffer.rowText(0),
    "LEADER " + "j/k move  / query   …+3".padEnd(35) + " STOPPED",
  );
  const tall = new CellBuffer(50, 2);
  drawFooter(tall, { x: 0, y: 0, width: 50, height: 2 }, props);
  assertEquals(tall.rowText(1), "       ? help    q quit".padEnd(50));
});
