/**
 * Cell styles, interned: a style is registered once and cells carry its
 * small integer id, so comparing two cells of consecutive frames is two
 * integer/string comparisons and a frame's SGR sequences are looked up, not
 * rebuilt.
 *
 * @module
 */

import { type Color, type ColorDepth, colorSgr } from "./color.ts";

/** How a cell is drawn. Absent colours mean the terminal's defaults. */
export interface Style {
  fg?: Color;
  bg?: Color;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  reverse?: boolean;
}

/** The id of an interned {@linkcode Style}; 0 is the default style. */
export type StyleId = number;

/** The default style's id (terminal colours, no attributes). */
export const DEFAULT_STYLE: StyleId = 0;

const styles: Style[] = [{}];
const ids = new Map<string, StyleId>([["||||||", 0]]);
const sgrByDepth = new Map<ColorDepth, string[]>();

function keyOf(style: Style): string {
  return [
    style.fg ?? "",
    style.bg ?? "",
    style.bold ? "b" : "",
    style.dim ? "d" : "",
    style.italic ? "i" : "",
    style.underline ? "u" : "",
    style.reverse ? "r" : "",
  ].join("|");
}

/** The id of `style`, registering it on first use (equal styles share one id). */
export function style(style: Style): StyleId {
  const key = keyOf(style);
  const known = ids.get(key);
  if (known !== undefined) return known;
  // Validate the colours now, where the caller can see which style is wrong.
  if (style.fg !== undefined) colorSgr(style.fg, "truecolor", false);
  if (style.bg !== undefined) colorSgr(style.bg, "truecolor", true);
  const id = styles.length;
  styles.push({ ...style });
  ids.set(key, id);
  return id;
}

/** The style registered under `id`. */
export function styleOf(id: StyleId): Readonly<Style> {
  const found = styles[id];
  if (!found) throw new RangeError(`unknown style id ${id}`);
  return found;
}

/** `base` with `overlay`'s fields on top, as an id (e.g. a row's style under a focus tint). */
export function mergeStyles(base: StyleId, overlay: StyleId): StyleId {
  if (overlay === DEFAULT_STYLE) return base;
  if (base === DEFAULT_STYLE) return overlay;
  return style({ ...styleOf(base), ...styleOf(overlay) });
}

/**
 * The full SGR sequence selecting style `id` at `depth`: it starts with a
 * reset, so it never depends on the pen left by the previous cell.
 * Attributes survive `NO_COLOR`; only colours are dropped.
 */
export function styleSgr(id: StyleId, depth: ColorDepth): string {
  let table = sgrByDepth.get(depth);
  if (!table) sgrByDepth.set(depth, table = []);
  const cached = table[id];
  if (cached !== undefined) return cached;
  const s = styleOf(id);
  const params = ["0"];
  if (s.bold) params.push("1");
  if (s.dim) params.push("2");
  if (s.italic) params.push("3");
  if (s.underline) params.push("4");
  if (s.reverse) params.push("7");
  if (s.fg !== undefined) params.push(colorSgr(s.fg, depth, false));
  if (s.bg !== undefined) params.push(colorSgr(s.bg, depth, true));
  const sgr = `\x1b[${params.filter((p) => p !== "").join(";")}m`;
  table[id] = sgr;
  return sgr;
}
