/**
 * The cell buffer a frame is drawn into: one grapheme cluster and one style
 * id per cell. A wide character (CJK, most emoji) occupies its cell and a
 * continuation cell to its right (stored as ""), and the buffer keeps that
 * pairing intact when something is drawn over either half.
 *
 * @module
 */

import type { Rect } from "./geometry.ts";
import { DEFAULT_STYLE, type StyleId } from "./style.ts";
import { graphemes, graphemeWidth, isPrintableAscii } from "./width.ts";

/** What a control character (never sent to the terminal from a cell) is drawn as. */
export const REPLACEMENT = "\uFFFD";

/** A frame's cells. */
export class CellBuffer {
  /** Width in cells. */
  readonly width: number;
  /** Height in cells. */
  readonly height: number;
  /** The grapheme in each cell, row-major; "" marks the right half of a wide character. */
  readonly chars: string[];
  /** The style id of each cell, row-major. */
  readonly styles: Uint32Array;

  constructor(width: number, height: number) {
    this.width = Math.max(0, Math.floor(width));
    this.height = Math.max(0, Math.floor(height));
    this.chars = new Array(this.width * this.height).fill(" ");
    this.styles = new Uint32Array(this.width * this.height);
  }

  /** Blank every cell with `styleId`. */
  clear(styleId: StyleId = DEFAULT_STYLE): void {
    this.chars.fill(" ");
    this.styles.fill(styleId);
  }

  /**
   * Put one grapheme of `width` cells (1 or 2) at (`x`, `y`). Off-screen
   * cells are ignored; a wide grapheme that would hang over the right edge
   * becomes a blank; a wide character half-covered is blanked whole.
   */
  put(x: number, y: number, grapheme: string, width: number, styleId: StyleId): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const row = y * this.width;
    if (width === 2 && x + 1 >= this.width) {
      grapheme = " ";
      width = 1;
    }
    this.breakWide(row, x);
    if (width === 2) this.breakWide(row, x + 1);
    const at = row + x;
    this.chars[at] = grapheme;
    this.styles[at] = styleId;
    if (width === 2) {
      this.chars[at + 1] = "";
      this.styles[at + 1] = styleId;
    }
  }

  /** Before cell `x` of `row` is overwritten: blank the other half of a wide character there. */
  private breakWide(row: number, x: number): void {
    const at = row + x;
    if (this.chars[at] === "" && x > 0) this.chars[at - 1] = " ";
    if (x + 1 < this.width && this.chars[at + 1] === "") this.chars[at + 1] = " ";
  }

  /**
   * Draw `text` on row `y` from column `x`, stopping before column `maxX`
   * (default: the right edge). Control characters are drawn as U+FFFD, a
   * wide character that does not fit is replaced by a blank. Returns the
   * column after the last cell drawn.
   */
  write(x: number, y: number, text: string, styleId: StyleId, maxX = this.width): number {
    const limit = Math.min(maxX, this.width);
    if (y < 0 || y >= this.height) return x;
    // Only what can fit is looked at: a 20 MB line costs what its visible cells cost.
    const room = Math.max(0, limit - x);
    const head = text.length > room ? text.slice(0, room) : text;
    if (isPrintableAscii(head)) {
      const end = Math.min(limit, x + head.length);
      const row = y * this.width;
      if (x >= 0 && x < end) {
        this.breakWide(row, x);
        this.breakWide(row, end - 1);
      }
      for (let i = Math.max(x, 0); i < end; i++) {
        this.chars[row + i] = head[i - x];
        this.styles[row + i] = styleId;
      }
      return end;
    }
    for (let grapheme of graphemes(text)) {
      let width = graphemeWidth(grapheme);
      if (isControl(grapheme)) {
        grapheme = REPLACEMENT;
        width = 1;
      }
      if (width === 0) continue;
      if (x + width > limit) {
        if (x < limit) this.put(x++, y, " ", 1, styleId);
        break;
      }
      this.put(x, y, grapheme, width, styleId);
      x += width;
    }
    return x;
  }

  /** Fill `rect` (clipped to the buffer) with `char` in `styleId`. */
  fill(rect: Rect, styleId: StyleId = DEFAULT_STYLE, char = " "): void {
    const x0 = Math.max(0, rect.x);
    const x1 = Math.min(this.width, rect.x + rect.width);
    for (let y = Math.max(0, rect.y); y < Math.min(this.height, rect.y + rect.height); y++) {
      if (x1 <= x0) continue;
      const row = y * this.width;
      this.breakWide(row, x0);
      this.breakWide(row, x1 - 1);
      this.chars.fill(char, row + x0, row + x1);
      this.styles.fill(styleId, row + x0, row + x1);
    }
  }

  /** Restyle the cells of `rect` keeping their text (a focus bar, a selection). */
  restyle(rect: Rect, styleId: StyleId): void {
    const x0 = Math.max(0, rect.x);
    const x1 = Math.min(this.width, rect.x + rect.width);
    for (let y = Math.max(0, rect.y); y < Math.min(this.height, rect.y + rect.height); y++) {
      if (x1 > x0) this.styles.fill(styleId, y * this.width + x0, y * this.width + x1);
    }
  }

  /** The text of row `y` (wide characters once, trailing blanks kept). */
  rowText(y: number): string {
    return this.chars.slice(y * this.width, (y + 1) * this.width).join("");
  }

  /** Every row's text, one line each. */
  text(): string {
    return Array.from({ length: this.height }, (_, y) => this.rowText(y)).join("\n");
  }
}

function isControl(grapheme: string): boolean {
  const code = grapheme.codePointAt(0)!;
  return code < 0x20 || (code >= 0x7f && code < 0xa0);
}
