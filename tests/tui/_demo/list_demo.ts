/**
 * A small full-screen program on the TUI engine, for the tmux tests (not a
 * product command): a tab bar, a header with the terminal size and the
 * selection, a 300-row list with banners every ten rows and CJK/emoji rows,
 * each row ending in `|end` at the right edge, and a footer. `j`/`k` move,
 * `Tab` cycles the tabs, `q` quits.
 *
 * @module
 */

import { type Size, splitBottom, splitTop } from "../../../tui/engine/geometry.ts";
import { keyId } from "../../../tui/engine/keys.ts";
import { type EngineEvent, type Program, Runner } from "../../../tui/engine/program.ts";
import { processTerminal } from "../../../tui/engine/terminal.ts";
import { drawFooter } from "../../../tui/widgets/footer.ts";
import { drawList, type ListRow, scrollToShow } from "../../../tui/widgets/list.ts";
import { cycleTab, drawTabBar } from "../../../tui/widgets/tab_bar.ts";

/** The rows of the demo list. */
export const ROW_COUNT = 300;

/** Row `i` of the demo list: a banner every ten rows, else an item with CJK, emoji or plain text. */
export function demoRow(i: number): ListRow {
  const n = String(i).padStart(3, "0");
  if (i % 10 === 0) {
    return { kind: "banner", spans: [{ text: `group ${n}` }], right: [{ text: "|end" }] };
  }
  const text = i % 3 === 0
    ? `row ${n} 日本語テキスト`
    : i % 3 === 1
    ? `row ${n} 👍 emoji 👨‍👩‍👧`
    : `row ${n} plain`;
  return { kind: "item", spans: [{ text }], right: [{ text: "|end" }], depth: 1 };
}

interface State {
  size: Size;
  tab: number;
  selected: number;
  scrollTop: number;
}

const TABS = ["PRs", "Agents", "AXE"];

/** Rows left for the list: tab bar, header and footer take one each. */
function listHeight(size: Size): number {
  return Math.max(0, size.rows - 3);
}

function select(state: State, selected: number): State {
  const clamped = Math.max(0, Math.min(ROW_COUNT - 1, selected));
  if (clamped === state.selected) return state;
  return {
    ...state,
    selected: clamped,
    scrollTop: scrollToShow(state.scrollTop, clamped, ROW_COUNT, listHeight(state.size)),
  };
}

const demo: Program<State, never> = {
  init: (size) => ({ size, tab: 1, selected: 0, scrollTop: 0 }),
  update(state, event: EngineEvent, io) {
    if (event.kind === "resize") {
      return {
        ...state,
        size: event.size,
        scrollTop: scrollToShow(state.scrollTop, state.selected, ROW_COUNT, listHeight(event.size)),
      };
    }
    if (event.kind !== "key") return state;
    switch (keyId(event)) {
      case "j":
      case "down":
        return select(state, state.selected + 1);
      case "k":
      case "up":
        return select(state, state.selected - 1);
      case "tab":
        return { ...state, tab: cycleTab(state.tab, 1, TABS.length) };
      case "shift+tab":
        return { ...state, tab: cycleTab(state.tab, -1, TABS.length) };
      case "q":
        io.quit();
        return state;
    }
    return state;
  },
  view(state, buffer) {
    const { columns, rows } = state.size;
    const [tabBar, belowTabs] = splitTop({ x: 0, y: 0, width: columns, height: rows }, 1);
    const [header, body] = splitTop(belowTabs, 1);
    const [list, footer] = splitBottom(body, 1);
    drawTabBar(buffer, tabBar, { tabs: TABS, active: state.tab });
    buffer.write(header.x, header.y, `size ${columns}x${rows} selected ${state.selected}`, 0);
    drawList(buffer, list, {
      count: ROW_COUNT,
      row: demoRow,
      selected: state.selected,
      scrollTop: state.scrollTop,
    });
    drawFooter(buffer, footer, {
      chips: [
        { key: "j/k", label: "move" },
        { key: "Tab", label: "tab" },
        { key: "q", label: "quit" },
      ],
      status: [{ text: "DEMO" }],
    });
  },
};

if (import.meta.main) {
  await new Runner(demo, processTerminal()).run();
}
