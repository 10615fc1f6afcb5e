/**
 * The chrome's presentation: the top bar (title and badges), the tab bar,
 * the footer (mode label, key chips, axe status or the start-up
 * stopwatch), the toasts, and the dialogs the shell owns (help, quit
 * confirmation, the `/` editor, the Agents kill confirmation, a modal's
 * frame).
 *
 * @module
 */

import type { CellBuffer } from "../../engine/buffer.ts";
import type { Rect } from "../../engine/geometry.ts";
import { textWidth } from "../../engine/width.ts";
import { drawFooter, footerHeight, type FooterProps } from "../../widgets/footer.ts";
import { drawLineInput } from "../../widgets/line_input.ts";
import { drawModal } from "../../widgets/modal.ts";
import { drawSpans } from "../../widgets/spans.ts";
import { drawToasts } from "../../widgets/toasts.ts";
import { footer, type KeyChip } from "../chrome/footer.ts";
import { idleState, quitMessage } from "../chrome/global.ts";
import { helpSections } from "../chrome/help.ts";
import { tabBar } from "../chrome/tabs.ts";
import { topBar } from "../chrome/top_bar.ts";
import type { AceModal } from "../modals/modal.ts";
import { type Line, lineText, seg } from "../segments.ts";
import type { AceState } from "./state.ts";
import { spansOf, styleFor } from "./theme.ts";
import { drawLine, drawLines } from "./view_lines.ts";
import { stopwatchShown } from "./update.ts";

const TAB_CHIPS: Readonly<Record<string, readonly KeyChip[]>> = {
  changespecs: [
    { key: "j/k", label: "move" },
    { key: "h/l", label: "fold" },
    { key: "o", label: "group" },
    { key: "z", label: "sections" },
    { key: "/", label: "query" },
    { key: "0-9", label: "saved" },
    { key: "y", label: "refresh" },
    { key: "?", label: "help" },
    { key: "q", label: "quit" },
  ],
  agents: [
    { key: "j/k", label: "move" },
    { key: "J/K", label: "panel" },
    { key: "]/[", label: "detail" },
    { key: "x", label: "kill" },
    { key: "o", label: "group" },
    { key: "/", label: "query" },
    { key: "?", label: "help" },
    { key: "q", label: "quit" },
  ],
  axe: [
    { key: "!x", label: "axe" },
    { key: "?", label: "help" },
    { key: "q", label: "quit" },
  ],
};

const LEADER_CHIPS: readonly KeyChip[] = [
  { key: "h", label: "home prompt" },
  { key: "space", label: "prompt from selection" },
  { key: "n", label: "plan/question" },
  { key: "I", label: "idle" },
  { key: ",", label: "repeat" },
  { key: "esc", label: "cancel" },
];

const BANG_CHIPS: readonly KeyChip[] = [
  { key: "x", label: "start/stop axe" },
  { key: "esc", label: "cancel" },
];

/** The footer's props for `state`. */
export function footerProps(state: AceState): FooterProps {
  const model = footer({
    mode: state.prefix === "," ? "LEADER" : state.prefix === "!" ? "BANG" : null,
    chips: state.prefix === ","
      ? LEADER_CHIPS
      : state.prefix === "!"
      ? BANG_CHIPS
      : TAB_CHIPS[state.global.tab],
    axe: state.axe,
    stopwatch: stopwatchShown(state) ? { elapsedMs: state.nowMs - state.startMs } : null,
  });
  return {
    chips: model.chips,
    mode: model.mode ? spansOf(model.mode) : undefined,
    status: spansOf(model.right),
    keyStyle: styleFor("footer.key"),
    labelStyle: styleFor("footer.label"),
  };
}

/** The footer's height at `width`. */
export function footerRows(state: AceState): number {
  return Math.min(3, footerHeight(footerProps(state), state.size.columns));
}

/** Draw the top bar (row `y`) and the tab bar (row `y + 1`). */
export function drawChromeTop(buffer: CellBuffer, state: AceState, width: number): void {
  const badges = topBar({
    idle: idleState(state.global),
    unread: state.chrome.unread,
    backgroundTasks: state.tasks,
    primaryOverride: state.chrome.primaryOverride,
    workerOverride: state.chrome.workerOverride,
    stashedDrafts: 0,
  });
  const title: Line = [seg(" sase ace ", "bold")];
  drawLine(buffer, { x: 0, y: 0, width, height: 1 }, 0, title);
  const badgeWidth = textWidth(lineText(badges));
  if (badgeWidth > 0) {
    const x = Math.max(textWidth(lineText(title)) + 1, width - badgeWidth - 1);
    drawSpans(buffer, x, 0, spansOf(badges), width - x);
  }
  drawLine(buffer, { x: 0, y: 1, width, height: 1 }, 1, [seg(" "), ...tabBar(state.global.tab)]);
}

/** Draw the footer in `rect`. */
export function drawChromeFooter(buffer: CellBuffer, rect: Rect, state: AceState): void {
  drawFooter(buffer, rect, footerProps(state));
}

/** Draw the toasts over the bottom-right of `area`. */
export function drawChromeToasts(buffer: CellBuffer, area: Rect, state: AceState): void {
  const queue = state.global.toasts;
  if (queue.toasts.length === 0) return;
  drawToasts(buffer, area, {
    nextId: queue.nextId,
    toasts: queue.toasts.map((toast) => ({
      id: toast.id,
      severity: toast.severity,
      text: toast.text,
      expiresAt: toast.expiresMs,
    })),
  }, { maxWidth: Math.max(40, Math.floor(area.width * 0.6)) });
}

function dialog(
  buffer: CellBuffer,
  screen: Rect,
  title: string,
  lines: readonly Line[],
  width: number,
  footerHint?: string,
): Rect {
  const inner = drawModal(buffer, screen, {
    title: [{ text: title }],
    width: Math.min(width, screen.width - 2),
    height: lines.length + 2,
    footer: footerHint ? [{ text: footerHint, style: styleFor("dim") }] : undefined,
  });
  drawLines(buffer, inner, lines);
  return inner;
}

/** The `?` help. */
export function drawHelp(buffer: CellBuffer, screen: Rect, state: AceState): void {
  const lines: Line[] = [];
  for (const section of helpSections(state.global.tab)) {
    if (lines.length) lines.push([]);
    lines.push([seg(section.title, "section.header")]);
    const keyWidth = Math.min(34, Math.max(...section.rows.map(([key]) => textWidth(key))));
    for (const [key, text] of section.rows) {
      lines.push([seg(`  ${key.padEnd(keyWidth)}  `, "field.key"), seg(text)]);
    }
  }
  const height = Math.min(lines.length, screen.height - 4);
  dialog(buffer, screen, "Help", lines.slice(0, height), 100, "? / Esc close");
}

/** The quit confirmation. */
export function drawQuitConfirm(buffer: CellBuffer, screen: Rect, state: AceState): void {
  const confirm = state.global.quitConfirm!;
  const text = quitMessage(confirm);
  dialog(buffer, screen, "Quit", [[seg(text)]], textWidth(text) + 4, "y quit · n stay");
}

/** The `/` editor of the active tab with its inline error. */
export function drawQueryEditor(buffer: CellBuffer, screen: Rect, state: AceState): void {
  const editor = state.global.tab === "changespecs" ? state.prs?.editor : state.agents.editor;
  if (!editor || !state.queryInput) return;
  const title = state.global.tab === "changespecs" ? "ChangeSpec query" : "Agent query";
  const errorLines: Line[] = editor.error ? [[seg(editor.error, "query.error")]] : [];
  const inner = dialog(
    buffer,
    screen,
    title,
    [[seg("")], ...errorLines],
    Math.min(90, screen.width - 4),
    "Enter apply · Esc cancel",
  );
  drawLineInput(buffer, inner.x, inner.y, inner.width, state.queryInput, { focused: true });
}

/** The Agents tab's kill / dismiss confirmation. */
export function drawKillConfirm(buffer: CellBuffer, screen: Rect, state: AceState): void {
  const confirm = state.agents.confirm;
  if (!confirm) return;
  dialog(
    buffer,
    screen,
    "Confirm",
    [[seg(confirm.message)]],
    textWidth(confirm.message) + 4,
    "y yes · n no",
  );
}

/** An open modal: the frame (centred, or at the bottom), then its content. */
export function drawAceModal(buffer: CellBuffer, screen: Rect, modal: AceModal): void {
  const wanted = modal.size({ columns: screen.width, rows: screen.height });
  const width = Math.min(wanted.columns, screen.width - 2);
  const height = Math.min(wanted.rows, screen.height - 2);
  const area = modal.placement === "bottom"
    ? {
      x: screen.x,
      y: screen.y + screen.height - height - 2,
      width: screen.width,
      height: height + 2,
    }
    : screen;
  const inner = drawModal(buffer, area, { title: [{ text: modal.title }], width, height });
  modal.draw(buffer, inner);
}
