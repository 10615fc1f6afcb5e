/**
 * The widgets' default styles (each widget also takes its own). Colours are
 * written in truecolor; the renderer falls back to 256/16 colours or none.
 *
 * @module
 */

import { style, type StyleId } from "../engine/style.ts";

/** The default style of each widget part. */
export const THEME = {
  text: style({}),
  dim: style({ dim: true }),
  border: style({ fg: "#5f87af" }),
  title: style({ fg: "#87d7ff", bold: true }),
  banner: style({ fg: "#87ceeb", bold: true }),
  guide: style({ fg: "#585858" }),
  selected: style({ bg: "#303a4a", bold: true }),
  focusBar: style({ fg: "#5fafff", bold: true }),
  tab: style({ fg: "#a8a8a8" }),
  tabActive: style({ fg: "#000000", bg: "#87ceeb", bold: true }),
  chipKey: style({ fg: "#000000", bg: "#87afd7", bold: true }),
  chipLabel: style({ fg: "#bcbcbc" }),
  mode: style({ fg: "#000000", bg: "#ffaf00", bold: true }),
  cursor: style({ reverse: true }),
  placeholder: style({ fg: "#6c6c6c", italic: true }),
  more: style({ fg: "#5f87ff" }),
  error: style({ fg: "#ff5f5f", bold: true }),
  warning: style({ fg: "#ffaf00", bold: true }),
  info: style({ fg: "#5fafd7", bold: true }),
  toast: style({ bg: "#262626" }),
  modal: style({ bg: "#1c1c1c" }),
} as const satisfies Record<string, StyleId>;
