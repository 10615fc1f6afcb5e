/**
 * The PRs tab's presentation: the info header, the grouped list (only the
 * rows in the viewport are drawn), the detail panel of the focused
 * ChangeSpec with its sections under the fold levels, and the ancestors /
 * children panel below it. The detail and relations lines are computed
 * when the focused spec or the folds change, not on every frame.
 *
 * @module
 */

import type { CellBuffer } from "../../engine/buffer.ts";
import type { Rect } from "../../engine/geometry.ts";
import { drawList } from "../../widgets/list.ts";
import type { PrsState } from "../prs/context.ts";
import { selectedRow } from "../prs/context.ts";
import { changeSpecDetail } from "../prs/detail.ts";
import { prsHeader } from "../prs/header.ts";
import { relationLines } from "../prs/relations.ts";
import { type Line, seg } from "../segments.ts";
import type { AceState } from "./state.ts";
import { spansOf } from "./theme.ts";
import type { Tracer } from "./trace.ts";
import { drawLine, drawLines } from "./view_lines.ts";

/** The glyph in front of a marked PR's row. */
export const MARK_GLYPH = "● ";

/** Row `index`'s line, with the mark glyph when its PR is marked. */
function rowLine(prs: PrsState, index: number): Line {
  const row = prs.rows[index];
  if (row.kind !== "spec" || !prs.marks.has(row.spec.name)) return row.line;
  // After the tree guides (one segment when nested), before the name.
  const at = row.ancestors.length === 0 ? 0 : 1;
  return [...row.line.slice(0, at), seg(MARK_GLYPH, "warning"), ...row.line.slice(at)];
}

/** What the PRs view keeps between frames (presentation only). */
export class PrsViewMemo {
  scrollTop = 0;
  #rows: PrsState["rows"] | null = null;
  #marks: PrsState["marks"] | null = null;
  #cursor = -1;
  #detailKey: unknown[] = [];
  #detail: Line[] = [];
  #relations: Line[] = [];

  /** Record the list drawn; returns which spans the change is (`update_list`, `update_highlight`). */
  listChange(state: PrsState): "list" | "highlight" | null {
    const change = this.#rows !== state.rows || this.#marks !== state.marks
      ? "list"
      : this.#cursor !== state.cursor
      ? "highlight"
      : null;
    this.#rows = state.rows;
    this.#marks = state.marks;
    this.#cursor = state.cursor;
    return change;
  }

  /** The detail and relations lines of the focused row (recomputed when it or the folds change). */
  detail(state: PrsState, width: number, tracer: Tracer): { detail: Line[]; relations: Line[] } {
    const row = selectedRow(state);
    const key = [row, state.folds, width, state.relations];
    if (key.some((part, i) => part !== this.#detailKey[i])) {
      this.#detailKey = key;
      if (row?.kind === "spec") {
        this.#detail = tracer.span(
          "widget.changespec_detail.update_display",
          {},
          () => changeSpecDetail(row.spec, state.folds, { noteWidth: Math.max(20, width - 8) }),
        );
        this.#relations = tracer.span(
          "widget.ancestors_children.update_relationships",
          {},
          () => relationLines(state.relations.relations(row.spec)),
        );
      } else {
        this.#detail = row?.kind === "banner"
          ? [[seg(row.label, "banner.l0"), seg(`  ${row.count} PRs`, "banner.count")]]
          : [];
        this.#relations = [];
      }
    }
    return { detail: this.#detail, relations: this.#relations };
  }
}

/** Draw the PRs tab into `body`. */
export function drawPrsTab(
  buffer: CellBuffer,
  body: Rect,
  state: AceState,
  memo: PrsViewMemo,
  tracer: Tracer,
): void {
  const prs = state.prs;
  if (!prs) {
    drawLine(buffer, body, body.y, [seg("Loading ChangeSpecs…", "dim")]);
    return;
  }
  const refreshIn = state.refreshSeconds > 0 ? (state.nextRefreshMs - state.nowMs) / 1000 : null;
  drawLine(buffer, body, body.y, prsHeader(prs, refreshIn));
  const top = body.y + 1;
  const height = body.height - 1;
  const listWidth = Math.max(24, Math.floor(body.width * 0.45));
  const list: Rect = { x: body.x, y: top, width: listWidth - 1, height };
  const change = memo.listChange(prs);
  const draw = () => {
    const layout = drawList(buffer, list, {
      count: prs.rows.length,
      row: (index) => ({ kind: "item", spans: spansOf(rowLine(prs, index)) }),
      selected: prs.cursor,
      scrollTop: memo.scrollTop,
    });
    memo.scrollTop = layout.scrollTop;
  };
  if (change === "list") {
    tracer.span("widget.changespec_list.update_list", { count: prs.rows.length }, draw);
  } else if (change === "highlight") {
    tracer.span("widget.changespec_list.update_highlight", { current_idx: prs.cursor }, draw);
  } else draw();
  if (prs.rows.length === 0) {
    drawLine(buffer, list, top, [seg("No ChangeSpecs match the query", "dim")]);
  }
  for (let y = top; y < top + height; y++) buffer.write(body.x + listWidth, y, "│", 0);
  const detailRect: Rect = {
    x: body.x + listWidth + 2,
    y: top,
    width: Math.max(0, body.width - listWidth - 2),
    height,
  };
  const { detail, relations } = memo.detail(prs, detailRect.width, tracer);
  const relationHeight = relations.length
    ? Math.min(relations.length + 1, Math.floor(height / 3))
    : 0;
  const detailHeight = height - relationHeight;
  const scroll = Math.min(state.detailScroll, Math.max(0, detail.length - detailHeight));
  drawLines(buffer, { ...detailRect, height: detailHeight }, detail, scroll);
  if (relationHeight > 0) {
    const y = top + detailHeight;
    drawLine(buffer, detailRect, y, [
      seg("─ ancestors / children ", "dim"),
      seg("─".repeat(Math.max(0, detailRect.width - 24)), "dim"),
    ]);
    drawLines(buffer, { ...detailRect, y: y + 1, height: relationHeight - 1 }, relations);
  }
}
