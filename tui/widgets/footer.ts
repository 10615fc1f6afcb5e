/**
 * The footer of key chips: `key label` pairs that never break inside a
 * chip, on one line when they fit, else in a deterministic grid (the same
 * chips at the same width always land in the same cells, in their given
 * order, row by row). A mode label is pinned left and a status pinned right,
 * both on the first row.
 *
 * @module
 */

import type { CellBuffer } from "../engine/buffer.ts";
import type { Rect } from "../engine/geometry.ts";
import type { StyleId } from "../engine/style.ts";
import { textWidth } from "../engine/width.ts";
import { drawSpans, type Span, spansWidth } from "./spans.ts";
import { THEME } from "./theme.ts";

/** One key binding shown in the footer. */
export interface KeyChip {
  key: string;
  label: string;
}

/** Blank cells between two chips. */
export const CHIP_GAP = 2;

/** Where each chip goes: per row, the chips and their columns (relative to the chip area). */
export interface FooterLayout {
  rows: { x: number; chip: KeyChip }[][];
  /** Whether the grid fallback was used. */
  grid: boolean;
  /** The grid's column width (0 on one line). */
  cellWidth: number;
}

/** The cells a chip takes: its key, a blank, its label. */
export function chipWidth(chip: KeyChip): number {
  return textWidth(chip.key) + 1 + textWidth(chip.label);
}

/**
 * Lay out `chips` in `width` cells: one line when their widths plus gaps
 * fit; else a grid whose columns are as wide as the widest chip (capped at
 * `width`), as many columns as fit, filled row by row.
 */
export function layoutFooter(chips: readonly KeyChip[], width: number): FooterLayout {
  if (chips.length === 0 || width <= 0) return { rows: [], grid: false, cellWidth: 0 };
  const widths = chips.map(chipWidth);
  const total = widths.reduce((sum, w) => sum + w, 0) + CHIP_GAP * (chips.length - 1);
  if (total <= width) {
    let x = 0;
    const row = chips.map((chip, i) => {
      const placed = { x, chip };
      x += widths[i] + CHIP_GAP;
      return placed;
    });
    return { rows: [row], grid: false, cellWidth: 0 };
  }
  const cellWidth = Math.min(width, Math.max(...widths));
  const columns = Math.max(1, Math.floor((width + CHIP_GAP) / (cellWidth + CHIP_GAP)));
  const rows: { x: number; chip: KeyChip }[][] = [];
  chips.forEach((chip, i) => {
    const row = Math.floor(i / columns);
    (rows[row] ??= []).push({ x: (i % columns) * (cellWidth + CHIP_GAP), chip });
  });
  return { rows, grid: true, cellWidth };
}

/** What {@linkcode drawFooter} draws. */
export interface FooterProps {
  chips: readonly KeyChip[];
  /** Pinned left (e.g. `LEADER`). */
  mode?: readonly Span[];
  /** Pinned right (e.g. the axe status). */
  status?: readonly Span[];
  keyStyle?: StyleId;
  labelStyle?: StyleId;
}

/** The columns left for chips between the pinned mode and status. */
function chipArea(rect: Rect, props: FooterProps): { x: number; width: number } {
  const left = props.mode && props.mode.length > 0 ? spansWidth(props.mode) + 1 : 0;
  const right = props.status && props.status.length > 0 ? spansWidth(props.status) + 1 : 0;
  return { x: rect.x + left, width: Math.max(0, rect.width - left - right) };
}

/** The rows the footer needs at `width` (at least 1). */
export function footerHeight(props: FooterProps, width: number): number {
  const area = chipArea({ x: 0, y: 0, width, height: 1 }, props);
  return Math.max(1, layoutFooter(props.chips, area.width).rows.length);
}

/**
 * Draw the footer into `rect`. When the grid has more rows than `rect`, the
 * last shown cell tells how many chips were left out (`…+N`).
 */
export function drawFooter(buffer: CellBuffer, rect: Rect, props: FooterProps): FooterLayout {
  if (rect.height <= 0) return { rows: [], grid: false, cellWidth: 0 };
  const keyStyle = props.keyStyle ?? THEME.chipKey;
  const labelStyle = props.labelStyle ?? THEME.chipLabel;
  if (props.mode && props.mode.length > 0) {
    drawSpans(buffer, rect.x, rect.y, props.mode, rect.width);
  }
  if (props.status && props.status.length > 0) {
    const width = Math.min(rect.width, spansWidth(props.status));
    drawSpans(buffer, rect.x + rect.width - width, rect.y, props.status, width);
  }
  const area = chipArea(rect, props);
  const layout = layoutFooter(props.chips, area.width);
  const shown = layout.rows.slice(0, rect.height);
  const hidden = layout.rows.slice(rect.height).reduce((sum, row) => sum + row.length, 0);
  shown.forEach((row, r) => {
    row.forEach(({ x, chip }, c) => {
      const cellWidth = layout.grid ? layout.cellWidth : chipWidth(chip);
      const y = rect.y + r;
      const at = area.x + x;
      if (hidden > 0 && r === shown.length - 1 && c === row.length - 1) {
        buffer.write(at, y, `…+${hidden + 1}`, labelStyle, at + cellWidth);
        return;
      }
      drawSpans(buffer, at, y, [
        { text: chip.key, style: keyStyle },
        { text: " " },
        { text: chip.label, style: labelStyle },
      ], cellWidth);
    });
  });
  return layout;
}
