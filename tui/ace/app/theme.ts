/**
 * ACE's one theme table: every semantic {@linkcode StyleName} the view
 * models use, mapped to an engine style (colours in truecolor; the renderer
 * falls back to 256/16 colours or none under `NO_COLOR`). Colours follow the
 * handbook where it names them (sky-blue L0 banners, `#8787AF` runtime
 * time, purple phase dividers, red pinned / orange inactive IDLE, orange /
 * gold / cyan notification indicator, green / red / yellow / deep-sky-blue
 * axe status).
 *
 * @module
 */

import { style, type StyleId } from "../../engine/style.ts";
import type { Span } from "../../widgets/spans.ts";
import type { Line, StyleName } from "../segments.ts";

const TABLE: Readonly<Record<StyleName, StyleId>> = {
  plain: style({}),
  dim: style({ dim: true }),
  bold: style({ bold: true }),
  accent: style({ fg: "#5fafff", bold: true }),
  error: style({ fg: "#ff5f5f", bold: true }),
  warning: style({ fg: "#ffaf00", bold: true }),
  success: style({ fg: "#5fd75f", bold: true }),
  info: style({ fg: "#5fafd7" }),
  "banner.l0": style({ fg: "#87ceeb", bold: true }),
  "banner.l1": style({ fg: "#87afd7", bold: true }),
  "banner.l2": style({ fg: "#5fafaf" }),
  "banner.count": style({ fg: "#8a8a8a" }),
  "banner.glyph": style({ fg: "#87ceeb" }),
  guide: style({ fg: "#585858" }),
  "field.key": style({ fg: "#87afd7", bold: true }),
  "field.value": style({}),
  "section.header": style({ fg: "#d7af5f", bold: true }),
  "section.folded": style({ fg: "#8a8a8a", italic: true }),
  "delta.added": style({ fg: "#5fd75f", bold: true }),
  "delta.modified": style({ fg: "#d7af00", bold: true }),
  "delta.removed": style({ fg: "#ff5f5f", bold: true }),
  "status.wip": style({ fg: "#ffaf5f" }),
  "status.draft": style({ fg: "#afafaf" }),
  "status.ready": style({ fg: "#5fd75f" }),
  "status.mailed": style({ fg: "#5fafff" }),
  "status.submitted": style({ fg: "#af87ff" }),
  "status.reverted": style({ fg: "#767676", dim: true }),
  "status.archived": style({ fg: "#767676" }),
  "status.other": style({ fg: "#d0d0d0" }),
  "agent.running": style({ fg: "#5fd75f", bold: true }),
  "agent.waiting": style({ fg: "#d7d787" }),
  "agent.waiting_input": style({ fg: "#ffaf00", bold: true }),
  "agent.plan": style({ fg: "#ff87d7", bold: true }),
  "agent.plan_approved": style({ fg: "#5fd7d7", bold: true }),
  "agent.question": style({ fg: "#ffaf00", bold: true }),
  "agent.retrying": style({ fg: "#ff8700", bold: true }),
  "agent.starting": style({ fg: "#87afd7" }),
  "agent.done": style({ fg: "#5fd75f" }),
  "agent.failed": style({ fg: "#ff5f5f", bold: true }),
  "agent.killed": style({ fg: "#af5f5f" }),
  "agent.name": style({ bold: true }),
  "agent.model": style({ fg: "#af87d7" }),
  "runtime.date": style({ fg: "#8787af", dim: true }),
  "runtime.time": style({ fg: "#8787af" }),
  "runtime.marker": style({ fg: "#ffaf00" }),
  "metric.unread": style({ fg: "#000000", bg: "#d7af00", bold: true }),
  "divider.turn": style({ fg: "#6c6c6c" }),
  "divider.phase": style({ fg: "#af5fff", bold: true }),
  "tool.ok": style({ fg: "#5fd75f" }),
  "tool.fail": style({ fg: "#ff5f5f", bold: true }),
  "tool.stop": style({ fg: "#ffaf00" }),
  "tool.agent": style({ fg: "#5fafff" }),
  "tool.wait": style({ fg: "#d7d787" }),
  "query.error": style({ fg: "#ff5f5f", bold: true }),
  badge: style({ fg: "#d7d7ff", bg: "#3a3a5a" }),
  "badge.idle": style({ fg: "#000000", bg: "#ff8700", bold: true }),
  "badge.idle_pinned": style({ fg: "#ffffff", bg: "#d70000", bold: true }),
  "notify.orange": style({ fg: "#ff8700", bold: true }),
  "notify.gold": style({ fg: "#d7af00", bold: true }),
  "notify.cyan": style({ fg: "#5fd7d7" }),
  "tab.active": style({ fg: "#000000", bg: "#87ceeb", bold: true }),
  "tab.inactive": style({ fg: "#a8a8a8" }),
  "footer.mode": style({ fg: "#000000", bg: "#ffaf00", bold: true }),
  "footer.key": style({ fg: "#000000", bg: "#87afd7", bold: true }),
  "footer.label": style({ fg: "#bcbcbc" }),
  "axe.running": style({ fg: "#000000", bg: "#5fd75f", bold: true }),
  "axe.stopped": style({ fg: "#ffffff", bg: "#d70000", bold: true }),
  "axe.transition": style({ fg: "#000000", bg: "#d7d700", bold: true }),
  "axe.restarting": style({ fg: "#000000", bg: "#00afff", bold: true }),
  "chip.model": style({ fg: "#000000", bg: "#af87ff" }),
  "chip.worker": style({ fg: "#000000", bg: "#87afaf" }),
};

/** The engine style of a semantic style name. */
export function styleFor(name: StyleName): StyleId {
  return TABLE[name];
}

/** A model line as the widgets' spans. */
export function spansOf(line: Line): Span[] {
  return line.map((segment) => ({ text: segment.text, style: TABLE[segment.style] }));
}
