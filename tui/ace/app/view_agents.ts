/**
 * The Agents tab's presentation: the header (metric strip, group badge,
 * query), the tag side panels stacked vertically (heights sized to their
 * rows with a one-row gap; the first absorbs leftover space; when they do
 * not fit, space is shared by row count with at least a title and a row
 * each), rows with their right-aligned runtime suffix, and the detail area:
 * the file panel (the live `AGENT REPLY`), the tools timeline or the
 * metadata, cycled by `]`/`[`. The reply is laid out only as far as the
 * viewport needs.
 *
 * @module
 */

import type { CellBuffer } from "../../engine/buffer.ts";
import type { Rect } from "../../engine/geometry.ts";
import { drawList } from "../../widgets/list.ts";
import { isUnread, selectedAgent } from "../agents/context.ts";
import { runtimeSuffix } from "../agents/glyphs.ts";
import { isFinished } from "../agents/item.ts";
import type { AgentListRow } from "../agents/rows.ts";
import { DETAIL_MODES, type PanelView } from "../agents/context.ts";
import { agentsHeader } from "../agents/header.ts";
import { metadataLines } from "../agents/metadata.ts";
import { replyLines } from "../agents/reply.ts";
import { toolLines } from "../agents/tools.ts";
import { type Line, seg } from "../segments.ts";
import type { AceState, AgentDetail } from "./state.ts";
import { spansOf } from "./theme.ts";
import type { Tracer } from "./trace.ts";
import { drawLine, drawLines } from "./view_lines.ts";

/** Heights of stacked panels of `rows` rows each (plus a title) in `height` rows with 1-row gaps. */
export function panelHeights(rows: readonly number[], height: number): number[] {
  if (rows.length === 0) return [];
  const wanted = rows.map((n) => n + 1);
  const gaps = rows.length - 1;
  const total = wanted.reduce((a, b) => a + b, 0) + gaps;
  if (total <= height) {
    const out = [...wanted];
    out[0] += height - total;
    return out;
  }
  const room = Math.max(0, height - gaps);
  const minimum = wanted.map((w) => Math.min(w, 2));
  const spare = Math.max(0, room - minimum.reduce((a, b) => a + b, 0));
  const weight = wanted.reduce((a, b) => a + b, 0) - minimum.reduce((a, b) => a + b, 0);
  const out = minimum.map((m, i) =>
    m + (weight > 0 ? Math.floor((spare * (wanted[i] - m)) / weight) : 0)
  );
  let left = room - out.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0 && i < out.length; i++) {
    if (out[i] < wanted[i]) {
      out[i]++;
      left--;
    }
  }
  return out;
}

/** What the Agents view keeps between frames. */
export class AgentsViewMemo {
  readonly scrollTops = new Map<string, number>();
  #panels: readonly PanelView[] | null = null;
  #cursor = -1;
  #replyKey: unknown[] = [];
  #reply: Line[] = [];
  #more = false;

  /** Which span a redraw of the list is. */
  listChange(state: AceState): "list" | "highlight" | null {
    const agents = state.agents;
    const change = this.#panels !== agents.panels
      ? "list"
      : this.#cursor !== agents.cursor
      ? "highlight"
      : null;
    this.#panels = agents.panels;
    this.#cursor = agents.cursor;
    return change;
  }

  /** The reply's first `count` lines (laid out again only when the detail or count changes). */
  reply(detail: AgentDetail, count: number, tracer: Tracer): { lines: Line[]; more: boolean } {
    const key = [detail, count];
    if (key.some((part, i) => part !== this.#replyKey[i])) {
      this.#replyKey = key;
      const view = tracer.span(
        "widget.file_panel.update_display",
        () => ({ output_bytes: detail.phases.reduce((n, phase) => n + phase.text.length, 0) }),
        () => replyLines(detail.phases, count),
      );
      this.#reply = [...view.lines];
      this.#more = view.more;
    }
    return { lines: this.#reply, more: this.#more };
  }
}

/**
 * The runtime suffix of a row as of the app clock: a running agent's elapsed
 * time keeps counting between loads (only the rows on screen are redone).
 */
function liveSuffix(state: AceState, row: AgentListRow): Line {
  const agent = row.item.row;
  if (isFinished(agent) || !agent.startedAt || agent.durationSeconds === null) return row.suffix;
  const started = Date.parse(agent.startedAt);
  if (Number.isNaN(started)) return row.suffix;
  const durationSeconds = Math.max(0, Math.round((state.nowMs - started) / 1000));
  if (durationSeconds === agent.durationSeconds) return row.suffix;
  return runtimeSuffix(
    { ...agent, durationSeconds },
    isUnread(state.agents, row.item),
    new Date(state.nowMs),
  );
}

function drawPanels(
  buffer: CellBuffer,
  rect: Rect,
  state: AceState,
  memo: AgentsViewMemo,
): void {
  const agents = state.agents;
  const heights = panelHeights(agents.panels.map((panel) => panel.rows.length), rect.height);
  let y = rect.y;
  agents.panels.forEach((panel, index) => {
    const height = heights[index];
    if (height <= 0) return;
    const focused = index === agents.panel;
    drawLine(buffer, rect, y, [seg(focused ? "▍" : " ", "accent"), ...panel.title]);
    const key = panel.tag ?? "";
    const layout = drawList(buffer, { ...rect, y: y + 1, height: height - 1 }, {
      count: panel.rows.length,
      row: (i) => {
        const row = panel.rows[i];
        return row.kind === "agent"
          ? { kind: "item", spans: spansOf(row.line), right: spansOf(liveSuffix(state, row)) }
          : { kind: "item", spans: spansOf(row.line) };
      },
      selected: focused ? agents.cursor : -1,
      scrollTop: memo.scrollTops.get(key) ?? 0,
    });
    memo.scrollTops.set(key, layout.scrollTop);
    y += height + 1;
  });
  if (agents.loaded && agents.panels.length === 0) {
    drawLine(buffer, rect, rect.y, [seg("No agents", "dim")]);
  }
}

function detailLines(
  state: AceState,
  height: number,
  memo: AgentsViewMemo,
  tracer: Tracer,
): Line[] {
  const item = selectedAgent(state.agents);
  if (!item) return [[seg("No agent selected", "dim")]];
  const detail = state.detail;
  if (!detail || detail.id !== item.id) return [[seg("Loading…", "dim")]];
  const mode = state.agents.detailMode;
  if (mode === "tools") {
    return toolLines({ records: detail.tools, loadedAt: detail.loadedAt, refreshing: false });
  }
  const reply = memo.reply(detail, state.detailScroll + height + 1, tracer);
  if (mode === "metadata") {
    return metadataLines(item, detail.meta, reply.lines);
  }
  const lines: Line[] = [[seg("AGENT REPLY", "section.header")], ...reply.lines];
  if (reply.lines.length === 0) lines.push([seg("(no reply yet)", "dim")]);
  if (reply.more) lines.push([seg("more below (Ctrl+D)", "info")]);
  return lines;
}

/** Draw the Agents tab into `body`. */
export function drawAgentsTab(
  buffer: CellBuffer,
  body: Rect,
  state: AceState,
  memo: AgentsViewMemo,
  tracer: Tracer,
): void {
  drawLine(buffer, body, body.y, agentsHeader(state.agents));
  const top = body.y + 1;
  const height = body.height - 1;
  const listWidth = Math.max(30, Math.floor(body.width * 0.5));
  const list: Rect = { x: body.x, y: top, width: listWidth - 1, height };
  const change = memo.listChange(state);
  const draw = () => drawPanels(buffer, list, state, memo);
  if (change === "list") {
    tracer.span("widget.agent_list.update_list", {
      agents: state.agents.items.length,
      panels: state.agents.panels.length,
    }, draw);
  } else if (change === "highlight") {
    tracer.span("widget.agent_list.update_highlight", { current_idx: state.agents.cursor }, draw);
  } else draw();
  for (let y = top; y < top + height; y++) buffer.write(body.x + listWidth, y, "│", 0);
  const detail: Rect = {
    x: body.x + listWidth + 2,
    y: top,
    width: Math.max(0, body.width - listWidth - 2),
    height,
  };
  const tabs: Line = DETAIL_MODES.flatMap((mode, i) => [
    ...(i ? [seg(" · ", "dim")] : []),
    seg(mode, mode === state.agents.detailMode ? "tab.active" : "tab.inactive"),
  ]);
  drawLine(buffer, detail, top, [...tabs, seg("   ] / [", "dim")]);
  const area = { ...detail, y: top + 1, height: height - 1 };
  const lines = detailLines(state, area.height, memo, tracer);
  const scroll = Math.min(state.detailScroll, Math.max(0, lines.length - area.height));
  drawLines(buffer, area, lines, scroll);
}
