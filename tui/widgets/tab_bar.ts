/**
 * The tab bar: plain labels, the active one highlighted.
 *
 * @module
 */

import type { CellBuffer } from "../engine/buffer.ts";
import type { Rect } from "../engine/geometry.ts";
import type { StyleId } from "../engine/style.ts";
import { textWidth } from "../engine/width.ts";
import { THEME } from "./theme.ts";

/** What {@linkcode drawTabBar} draws. */
export interface TabBarProps {
  tabs: readonly string[];
  active: number;
  style?: StyleId;
  activeStyle?: StyleId;
}

/** Draw the tabs on the first row of `rect`, each ` label ` with one blank between; returns each tab's [start, end) columns. */
export function drawTabBar(
  buffer: CellBuffer,
  rect: Rect,
  props: TabBarProps,
): [number, number][] {
  const spans: [number, number][] = [];
  let x = rect.x;
  const end = rect.x + rect.width;
  props.tabs.forEach((label, i) => {
    const style = i === props.active
      ? props.activeStyle ?? THEME.tabActive
      : props.style ?? THEME.tab;
    const start = x;
    x = buffer.write(x, rect.y, ` ${label} `, style, end);
    spans.push([start, Math.min(end, start + textWidth(label) + 2)]);
    x = Math.min(end, x + 1);
  });
  return spans;
}

/** The index after `active` moving `delta` tabs, wrapping around (Tab / Shift+Tab). */
export function cycleTab(active: number, delta: number, count: number): number {
  if (count <= 0) return 0;
  return ((active + delta) % count + count) % count;
}
