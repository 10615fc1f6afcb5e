/**
 * A modal dialog: a filled, bordered box centred over the screen.
 *
 * @module
 */

import type { CellBuffer } from "../engine/buffer.ts";
import type { Rect } from "../engine/geometry.ts";
import type { StyleId } from "../engine/style.ts";
import { drawBox } from "./box.ts";
import type { Span } from "./spans.ts";
import { THEME } from "./theme.ts";

/** What {@linkcode drawModal} draws. */
export interface ModalProps {
  title: readonly Span[];
  /** Wanted outer size; shrunk to leave a one-cell margin on a small screen. */
  width: number;
  height: number;
  /** Bottom-border text (key hints). */
  footer?: readonly Span[];
  fill?: StyleId;
  border?: StyleId;
}

/** The outer rectangle of a modal of the wanted size centred in `screen`. */
export function modalRect(screen: Rect, width: number, height: number): Rect {
  const w = Math.max(0, Math.min(width, screen.width - 2));
  const h = Math.max(0, Math.min(height, screen.height - 2));
  return {
    x: screen.x + Math.floor((screen.width - w) / 2),
    y: screen.y + Math.floor((screen.height - h) / 2),
    width: w,
    height: h,
  };
}

/** Draw the modal's frame over whatever is below; returns the inside to draw the content in. */
export function drawModal(buffer: CellBuffer, screen: Rect, props: ModalProps): Rect {
  const rect = modalRect(screen, props.width, props.height);
  const fill = props.fill ?? THEME.modal;
  buffer.fill(rect, fill);
  return drawBox(buffer, rect, {
    title: props.title.map((span) => ({ text: span.text, style: span.style ?? THEME.title })),
    footer: props.footer,
    border: props.border,
    fill,
  });
}
