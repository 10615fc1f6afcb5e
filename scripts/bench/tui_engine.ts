/**
 * TUI engine benchmark, headless (no terminal, no tmux): a 200×50 screen
 * with a 2,000-row grouped list (banners every 10 rows, CJK and emoji rows,
 * right-aligned suffixes), driven through the real runner (decoder,
 * reducer, view, diff renderer) into a terminal that discards the bytes.
 *
 * Measures key-to-paint — from the key's bytes arriving to the frame
 * written — for a highlight-only change (`j`/`k` within the viewport: two
 * rows change), for a `j` that scrolls the list, and a full repaint (what a
 * resize or resume costs); and the first paint of a text panel over a 20 MB
 * reply and over one 20 MB line (laid out only as far as the viewport needs).
 *
 * Every measurement checks its answer first (the selection after the burst,
 * a highlight frame writing only the two changed rows, the reply's first
 * rows on screen); a wrong answer fails the bench instead of timing it.
 *
 * Run: `deno run -A scripts/bench/tui_engine.ts`.
 *
 * @module
 */

import { CellBuffer } from "../../tui/engine/buffer.ts";
import type { Size } from "../../tui/engine/geometry.ts";
import { keyId } from "../../tui/engine/keys.ts";
import { MemoryTerminal } from "../../tui/engine/memory_terminal.ts";
import { type EngineEvent, type Program, Runner } from "../../tui/engine/program.ts";
import type { Terminal } from "../../tui/engine/terminal.ts";
import { drawFooter } from "../../tui/widgets/footer.ts";
import { StringLineSource } from "../../tui/widgets/line_source.ts";
import { drawList, type ListRow, scrollToShow } from "../../tui/widgets/list.ts";
import { drawTextPanel, WrappedText } from "../../tui/widgets/text_panel.ts";
import { median, report } from "./_measure.ts";

const ROWS = 2000;
const SIZE: Size = { columns: 200, rows: 50 };
const KEYS = Number(Deno.env.get("SASE_BENCH_KEYS") ?? 500);
/** The handbook's goals: highlight update p95 < 16 ms; key-to-paint p95 < 33 ms. */
const HIGHLIGHT_GOAL_MS = 16;
const PAINT_GOAL_MS = 33;

function row(i: number): ListRow {
  const n = String(i).padStart(4, "0");
  if (i % 10 === 0) {
    return { kind: "banner", spans: [{ text: `project_${n}` }], right: [{ text: "9 agents" }] };
  }
  const name = i % 3 === 0
    ? `agent-${n} 日本語のエージェント`
    : i % 3 === 1
    ? `agent-${n} 👍 reviewing 👨‍👩‍👧`
    : `agent-${n} plain`;
  return {
    kind: "item",
    depth: 1,
    spans: [{ text: "▶ " }, { text: name }],
    right: [{ text: `12:${String(i % 60).padStart(2, "0")}:07 · ${i % 97}m` }],
  };
}

interface State {
  size: Size;
  selected: number;
  scrollTop: number;
}

const listHeight = (size: Size) => size.rows - 2;

const program: Program<State, never> = {
  init: (size) => ({ size, selected: 0, scrollTop: 0 }),
  update(state, event: EngineEvent) {
    if (event.kind !== "key") return state;
    const delta = keyId(event) === "j" ? 1 : keyId(event) === "k" ? -1 : 0;
    const selected = Math.max(0, Math.min(ROWS - 1, state.selected + delta));
    if (selected === state.selected) return state;
    const scrollTop = scrollToShow(state.scrollTop, selected, ROWS, listHeight(state.size));
    return { ...state, selected, scrollTop };
  },
  view(state, buffer) {
    buffer.write(0, 0, `${ROWS} rows · selected ${state.selected}`, 0);
    drawList(buffer, { x: 0, y: 1, width: buffer.width, height: listHeight(state.size) }, {
      count: ROWS,
      row,
      selected: state.selected,
      scrollTop: state.scrollTop,
    });
    drawFooter(buffer, { x: 0, y: buffer.height - 1, width: buffer.width, height: 1 }, {
      chips: [{ key: "j/k", label: "move" }, { key: "q", label: "quit" }],
      status: [{ text: "STOPPED" }],
    });
  },
};

/** A terminal that keeps only the size of what is written. */
function sinkTerminal(): Terminal & { bytes: number } {
  const memory = new MemoryTerminal(SIZE, { COLORTERM: "truecolor" });
  return {
    bytes: 0,
    size: () => memory.size(),
    write(data) {
      this.bytes += data.length;
    },
    setRaw: () => {},
    input: () => memory.input(),
    stopInput: () => memory.stopInput(),
    onSignal: (signal, handler) => memory.onSignal(signal, handler),
    stopProcess: () => {},
    exit: (code) => memory.exit(code),
    env: (name) => memory.env(name),
  };
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

/** Check the engine's answers on an emulated screen before timing anything. */
function check(): void {
  const terminal = new MemoryTerminal(SIZE, { COLORTERM: "truecolor" });
  const runner = new Runner(program, terminal);
  runner.frame();
  runner.feed("jjjjjk");
  runner.frame();
  const screen = terminal.screenText();
  if (!screen[0].startsWith(`${ROWS} rows · selected 4`)) {
    throw new Error(`bad header: ${screen[0]}`);
  }
  if (!screen[5].startsWith("▌│ ▶ agent-0004 👍")) throw new Error(`bad selection: ${screen[5]}`);
  runner.feed("j");
  runner.frame();
  const frame = terminal.writes.at(-1)!;
  // deno-lint-ignore no-control-regex -- cursor moves are what it counts
  const moves = frame.match(/\x1b\[(\d+);\d+H/g) ?? [];
  const rowsTouched = new Set(moves.map((move) => move.slice(2, move.indexOf(";"))));
  // The header's digit, the old and the new selected row: nothing else.
  if ([...rowsTouched].sort().join(",") !== "1,6,7") {
    throw new Error(`a highlight move rewrote rows ${[...rowsTouched].join(",")}`);
  }
}

/** Key-to-paint of `keys` (one key per frame), in ms. */
function keyToPaint(runner: Runner<State, never>, keys: string[]): number[] {
  return keys.map((key) => {
    const start = performance.now();
    runner.feed(key);
    runner.frame();
    return performance.now() - start;
  });
}

check();
const terminal = sinkTerminal();
const runner = new Runner(program, terminal);
runner.frame();
// Warm up (JIT, the width cache) before timing.
keyToPaint(runner, Array.from({ length: 100 }, (_, i) => (i % 20 < 10 ? "j" : "k")));

// Highlight only: bounce inside the viewport, 10 down and 10 up.
const bounce = Array.from({ length: KEYS }, (_, i) => (i % 20 < 10 ? "j" : "k"));
const highlight = keyToPaint(runner, bounce);
if (runner.state.selected !== 0) {
  throw new Error(`selection ${runner.state.selected} after the bounce`);
}
report({
  bench: "tui_engine",
  name: `key-to-paint, highlight only (2,000 rows) p95`,
  value: percentile(highlight, 0.95),
  unit: "ms",
  goal: HIGHLIGHT_GOAL_MS,
  metric: "wall",
});
report({
  bench: "tui_engine",
  name: `key-to-paint, highlight only (2,000 rows) median`,
  value: median(highlight),
  unit: "ms",
  metric: "wall",
});

// Scrolling: past the viewport every j moves every row up by one.
const scroll = keyToPaint(runner, Array.from({ length: KEYS }, () => "j"));
if (runner.state.selected !== KEYS) {
  throw new Error(`selection ${runner.state.selected} after j×${KEYS}`);
}
report({
  bench: "tui_engine",
  name: `key-to-paint, scrolling j (2,000 rows) p95`,
  value: percentile(scroll, 0.95),
  unit: "ms",
  goal: PAINT_GOAL_MS,
  metric: "wall",
});

// Full repaint: the screen forgotten (resize, resume), everything drawn and written.
const full: number[] = [];
for (let i = 0; i < Math.max(20, KEYS / 10); i++) {
  const start = performance.now();
  runner.invalidate();
  runner.frame();
  full.push(performance.now() - start);
}
report({
  bench: "tui_engine",
  name: "full repaint 200×50 median",
  value: median(full),
  unit: "ms",
  goal: PAINT_GOAL_MS,
  metric: "wall",
});

// A 20 MB reply: the first screen of a text panel, laid out only that far.
const replyLine = (i: number) =>
  `${String(i).padStart(8, "0")} a line of an agent's very long reply, with 日本語 too\n`;
const replyBytes = new TextEncoder().encode(replyLine(0)).length;
const reply = Array.from(
  { length: Math.ceil(20 * 1024 * 1024 / replyBytes) },
  (_, i) => replyLine(i),
)
  .join("");
const panel: number[] = [];
for (let i = 0; i < 20; i++) {
  const buffer = new CellBuffer(SIZE.columns, SIZE.rows);
  const start = performance.now();
  const text = new WrappedText(new StringLineSource(reply), SIZE.columns);
  drawTextPanel(buffer, { x: 0, y: 0, width: SIZE.columns, height: SIZE.rows }, {
    text,
    scroll: 0,
  });
  panel.push(performance.now() - start);
  if (!buffer.rowText(0).startsWith("00000000 a line")) throw new Error("the reply's first row");
  if (text.linesRead > SIZE.rows + 1) {
    throw new Error(`read ${text.linesRead} lines for one screen`);
  }
}
report({
  bench: "tui_engine",
  name: "text panel first paint, 20 MB reply median",
  value: median(panel),
  unit: "ms",
  goal: PAINT_GOAL_MS,
  metric: "wall",
});

// One 20 MB line (a minified blob in a reply), ASCII until a CJK tail: only its first rows count.
const blob = "z".repeat(20 * 1024 * 1024) + "日本語";
const blobPaint: number[] = [];
for (let i = 0; i < 20; i++) {
  const buffer = new CellBuffer(SIZE.columns, SIZE.rows);
  const start = performance.now();
  const text = new WrappedText(new StringLineSource(blob), SIZE.columns);
  drawTextPanel(buffer, { x: 0, y: 0, width: SIZE.columns, height: SIZE.rows }, {
    text,
    scroll: 0,
  });
  blobPaint.push(performance.now() - start);
  if (buffer.rowText(0) !== "z".repeat(SIZE.columns)) throw new Error("the blob's first row");
  if (text.rowCount > SIZE.rows + 1) {
    throw new Error(`laid out ${text.rowCount} rows for one screen`);
  }
}
report({
  bench: "tui_engine",
  name: "text panel first paint, one 20 MB line median",
  value: median(blobPaint),
  unit: "ms",
  goal: PAINT_GOAL_MS,
  metric: "wall",
});
