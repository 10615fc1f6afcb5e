/**
 * The styles ACE's modals draw with: the widgets' theme plus the colours
 * the handbook gives the inbox sections (PRIORITY red, ERRORS orange, INBOX
 * gold, MUTED cyan) and the provider badges of the Plan Review title.
 *
 * @module
 */

import { style, type StyleId } from "../../engine/style.ts";
import { THEME } from "../../widgets/theme.ts";
import type { Section } from "../../../core/notify/classify.ts";

/** The modal styles. */
export const MODAL_STYLES = {
  ...THEME,
  hintKey: style({ fg: "#87d7ff", bold: true }),
  hintLabel: style({ fg: "#a8a8a8" }),
  unread: style({ fg: "#ffffff", bold: true }),
  mark: style({ fg: "#ffaf00", bold: true }),
  muted: style({ dim: true }),
  age: style({ fg: "#8787af" }),
  heading: style({ fg: "#87d7ff", bold: true }),
  tabActive: style({ fg: "#000000", bg: "#87ceeb", bold: true }),
  success: style({ fg: "#5fd75f", bold: true }),
  code: style({ fg: "#d7d7af" }),
} as const satisfies Record<string, StyleId>;

/** Each inbox section's header style (handbook 14.2.2). */
export const SECTION_STYLES: Readonly<Record<Section, StyleId>> = {
  priority: style({ fg: "#ff5f5f", bold: true }),
  errors: style({ fg: "#ff8700", bold: true }),
  inbox: style({ fg: "#ffd700", bold: true }),
  muted: style({ fg: "#5fd7d7", bold: true }),
};
