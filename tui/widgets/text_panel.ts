/**
 * The scrollable text panel: lines from a lazy {@linkcode LineSource},
 * wrapped (or cut) to the panel's width, laid out only as far as the
 * viewport needs and never beyond a cap of rows, so a 20 MB reply shows its
 * first screen immediately and scrolling lays out more.
 *
 * @module
 */

import type { CellBuffer } from "../engine/buffer.ts";
import type { Rect } from "../engine/geometry.ts";
import type { StyleId } from "../engine/style.ts";
import { graphemes, graphemeWidth, isPrintableAscii } from "../engine/width.ts";
import type { LineSource } from "./line_source.ts";
import { clip, drawSpans } from "./spans.ts";
import { THEME } from "./theme.ts";

/** The default cap of laid-out rows per text. */
export const MAX_LAID_OUT_ROWS = 20_000;

/** Options of {@linkcode WrappedText}. */
export interface WrappedTextOptions {
  /** Wrap long lines (default) or cut them at the width. */
  wrap?: boolean;
  /** Lay out at most this many rows (default {@linkcode MAX_LAID_OUT_ROWS}). */
  maxRows?: number;
}

/**
 * A text laid out into rows of one width, incrementally: `ensure(n)` lays
 * out rows until there are `n` (or the text ends, or the cap is reached),
 * continuing where the last call stopped, even in the middle of a line.
 * Make a new one when the width changes.
 */
export class WrappedText {
  /** The width the rows were laid out for. */
  readonly width: number;
  readonly #source: LineSource;
  readonly #wrap: boolean;
  readonly #maxRows: number;
  readonly #rows: string[] = [];
  #line = 0;
  /** Offset in the current line where layout continues (wrapping a long line). */
  #offset = 0;
  #complete = false;

  constructor(source: LineSource, width: number, options: WrappedTextOptions = {}) {
    this.#source = source;
    this.width = Math.max(1, width);
    this.#wrap = options.wrap ?? true;
    this.#maxRows = options.maxRows ?? MAX_LAID_OUT_ROWS;
  }

  /** Rows laid out so far. */
  get rowCount(): number {
    return this.#rows.length;
  }

  /** Whether the whole text is laid out. */
  get complete(): boolean {
    return this.#complete;
  }

  /** Whether layout stopped at the row cap with text left. */
  get capped(): boolean {
    return !this.#complete && this.#rows.length >= this.#maxRows;
  }

  /** Source lines consumed so far. */
  get linesRead(): number {
    return this.#line;
  }

  /** Row `index`, if laid out. */
  row(index: number): string | undefined {
    return this.#rows[index];
  }

  /** Lay out rows until there are `count` (or the text ends, or the cap). */
  ensure(count: number): void {
    const target = Math.min(count, this.#maxRows);
    while (this.#rows.length < target && !this.#complete) {
      const line = this.#source.line(this.#line);
      if (line === undefined) {
        this.#complete = true;
        break;
      }
      if (!this.#wrap) {
        this.#rows.push(clip(line, this.width).text);
        this.#line++;
        continue;
      }
      this.#offset = this.#layoutLine(line, this.#offset, target);
      if (this.#offset >= line.length) {
        this.#line++;
        this.#offset = 0;
      }
    }
  }

  /** Wrap `line` from `offset` until the rows reach `target` or the line ends; the offset reached. */
  #layoutLine(line: string, offset: number, target: number): number {
    if (line.length === 0) {
      this.#rows.push("");
      return 0;
    }
    if (isPrintableAscii(line.slice(offset, offset + this.width * 4))) {
      while (offset < line.length && this.#rows.length < target) {
        const piece = line.slice(offset, offset + this.width);
        if (!isPrintableAscii(piece)) break;
        this.#rows.push(piece);
        offset += piece.length;
      }
      if (offset >= line.length || this.#rows.length >= target) return offset;
    }
    let row = "";
    let used = 0;
    let consumed = offset;
    for (const grapheme of graphemes(line.slice(offset))) {
      const w = graphemeWidth(grapheme);
      if (used + w > this.width && row !== "") {
        this.#rows.push(row);
        offset = consumed;
        if (this.#rows.length >= target) return offset;
        row = "";
        used = 0;
      }
      row += grapheme;
      used += w;
      consumed += grapheme.length;
    }
    this.#rows.push(row);
    return line.length;
  }
}

/** What {@linkcode drawTextPanel} draws. */
export interface TextPanelProps {
  text: WrappedText;
  /** The first row shown. */
  scroll: number;
  style?: StyleId;
  /** Style of the "more below" line. */
  moreStyle?: StyleId;
  /** Show a last line telling that rows follow below the viewport (default true). */
  showMore?: boolean;
}

/** What one {@linkcode drawTextPanel} call showed. */
export interface TextPanelLayout {
  /** The first row shown, clamped (store it back in the state). */
  scroll: number;
  /** Whether rows (or not-yet-laid-out text) follow below the viewport. */
  moreBelow: boolean;
  /** Whether the layout cap was reached. */
  capped: boolean;
}

/** Draw the rows of `props.text` from `props.scroll` into `rect`. */
export function drawTextPanel(
  buffer: CellBuffer,
  rect: Rect,
  props: TextPanelProps,
): TextPanelLayout {
  const { text } = props;
  const showMore = props.showMore ?? true;
  // One row beyond the viewport tells whether more follows.
  text.ensure(props.scroll + rect.height + 1);
  const lastTop = Math.max(0, text.rowCount - rect.height);
  const scroll = Math.max(0, Math.min(props.scroll, lastTop));
  const moreBelow = scroll + rect.height < text.rowCount;
  const bodyHeight = moreBelow && showMore ? rect.height - 1 : rect.height;
  for (let i = 0; i < bodyHeight; i++) {
    const row = text.row(scroll + i);
    if (row === undefined) break;
    buffer.write(rect.x, rect.y + i, row, props.style ?? THEME.text, rect.x + rect.width);
  }
  if (moreBelow && showMore && rect.height > 0) {
    const below = text.complete
      ? `${text.rowCount - scroll - bodyHeight} more lines below`
      : "more below";
    drawSpans(buffer, rect.x, rect.y + rect.height - 1, [{
      text: text.capped ? `${below} (display capped)` : below,
      style: props.moreStyle ?? THEME.more,
    }], rect.width);
  }
  return { scroll, moreBelow, capped: text.capped };
}
