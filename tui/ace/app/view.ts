/**
 * The ACE screen: the top bar and tab bar, the active tab's body, the
 * footer, then whatever sits over them (toasts, the `/` editor, the kill
 * confirmation, a modal, the help, the quit confirmation, in that order of
 * precedence). Scroll positions and computed detail lines live in memos of
 * the view (presentation state, never read by the reducer).
 *
 * @module
 */

import type { CellBuffer } from "../../engine/buffer.ts";
import type { Rect } from "../../engine/geometry.ts";
import { drawLine } from "./view_lines.ts";
import { seg } from "../segments.ts";
import type { AceState } from "./state.ts";
import type { Tracer } from "./trace.ts";
import { AgentsViewMemo, drawAgentsTab } from "./view_agents.ts";
import {
  drawAceModal,
  drawChromeFooter,
  drawChromeToasts,
  drawChromeTop,
  drawHelp,
  drawKillConfirm,
  drawQueryEditor,
  drawQuitConfirm,
  footerRows,
} from "./view_chrome.ts";
import { drawPrsTab, PrsViewMemo } from "./view_prs.ts";

/** The view function of one session (its memos live as long as it). */
export function aceView(tracer: Tracer): (state: AceState, buffer: CellBuffer) => void {
  const prsMemo = new PrsViewMemo();
  const agentsMemo = new AgentsViewMemo();
  return (state, buffer) => {
    const width = buffer.width;
    const height = buffer.height;
    if (width < 20 || height < 8) {
      buffer.write(0, 0, "Terminal too small for ACE", 0);
      return;
    }
    drawChromeTop(buffer, state, width);
    const footerHeight = footerRows(state);
    const body: Rect = { x: 0, y: 2, width, height: height - 2 - footerHeight };
    const screen: Rect = { x: 0, y: 0, width, height };
    switch (state.global.tab) {
      case "changespecs":
        drawPrsTab(buffer, body, state, prsMemo, tracer);
        break;
      case "agents":
        drawAgentsTab(buffer, body, state, agentsMemo, tracer);
        break;
      case "axe":
        drawLine(buffer, body, body.y, [
          seg("AXE ", "bold"),
          seg(
            state.axe === "running"
              ? "the axe daemon is running"
              : "the axe daemon is not running (!x tells how to start it)",
            "dim",
          ),
        ]);
        break;
    }
    drawChromeFooter(
      buffer,
      { x: 0, y: height - footerHeight, width, height: footerHeight },
      state,
    );
    drawChromeToasts(buffer, { ...body, height: body.height }, state);
    if (state.queryInput) drawQueryEditor(buffer, screen, state);
    if (state.global.tab === "agents" && state.agents.confirm) {
      drawKillConfirm(buffer, screen, state);
    }
    if (state.modal) drawAceModal(buffer, screen, state.modal);
    if (state.global.helpOpen) drawHelp(buffer, screen, state);
    if (state.global.quitConfirm) drawQuitConfirm(buffer, screen, state);
  };
}
