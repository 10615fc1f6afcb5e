/**
 * The diff renderer: given the frame on the screen and the next one, the
 * bytes that turn one into the other, writing only the cells that changed,
 * as one string wrapped in synchronized-output brackets (the terminal shows
 * the frame whole, never half-drawn).
 *
 * @module
 */

import type { CellBuffer } from "./buffer.ts";
import type { ColorDepth } from "./color.ts";
import { styleSgr } from "./style.ts";

/** Begin synchronized output (DEC mode 2026): the terminal holds the screen until the end. */
export const SYNC_BEGIN = "\x1b[?2026h";
/** End synchronized output. */
export const SYNC_END = "\x1b[?2026l";

/**
 * The bytes turning `previous` (what the screen shows; null when unknown,
 * e.g. after a resize or resume) into `next`; "" when nothing changed.
 * With a `previous` of another size the whole screen is redrawn.
 */
export function renderFrame(
  previous: CellBuffer | null,
  next: CellBuffer,
  depth: ColorDepth,
): string {
  const full = previous === null || previous.width !== next.width ||
    previous.height !== next.height;
  const out: string[] = [];
  if (full) out.push("\x1b[0m\x1b[2J");
  const { width, height, chars, styles } = next;
  let cursorX = -1;
  let cursorY = -1;
  let pen = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const at = row + x;
      const char = chars[at];
      // A continuation cell is written with the wide character to its left.
      if (char === "") continue;
      const wide = x + 1 < width && chars[at + 1] === "";
      if (!full) {
        const same = previous.chars[at] === char && previous.styles[at] === styles[at] &&
          (!wide || (previous.chars[at + 1] === "" && previous.styles[at + 1] === styles[at + 1]));
        if (same) continue;
      }
      if (cursorX !== x || cursorY !== y) out.push(`\x1b[${y + 1};${x + 1}H`);
      if (pen !== styles[at]) {
        pen = styles[at];
        out.push(styleSgr(pen, depth));
      }
      out.push(char);
      cursorY = y;
      // Terminals disagree on the width of some emoji sequences: after a
      // multi-code-unit grapheme, position the next cell explicitly.
      cursorX = char.length === 1 ? x + (wide ? 2 : 1) : -1;
    }
  }
  if (out.length === 0) return "";
  out.push("\x1b[0m");
  return SYNC_BEGIN + out.join("") + SYNC_END;
}
