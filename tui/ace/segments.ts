/**
 * What every ACE view model hands the presentation: lines of text segments,
 * each with a semantic style name (`status.ready`, `banner.l0`, `dim`) the
 * presentation maps to colours. Models never hold colours or escape codes,
 * and every piece of text another process wrote goes through {@linkcode agentText}
 * before it lands in a segment.
 *
 * @module
 */

import { neutralizeControls } from "../../core/text/control_chars.ts";

/** The semantic styles the models use (the presentation maps each to a colour/attribute). */
export type StyleName =
  | "plain"
  | "dim"
  | "bold"
  | "accent"
  | "error"
  | "warning"
  | "success"
  | "info"
  | "banner.l0"
  | "banner.l1"
  | "banner.l2"
  | "banner.count"
  | "banner.glyph"
  | "guide"
  | "field.key"
  | "field.value"
  | "section.header"
  | "section.folded"
  | "delta.added"
  | "delta.modified"
  | "delta.removed"
  | "status.wip"
  | "status.draft"
  | "status.ready"
  | "status.mailed"
  | "status.submitted"
  | "status.reverted"
  | "status.archived"
  | "status.other"
  | "agent.running"
  | "agent.waiting"
  | "agent.waiting_input"
  | "agent.plan"
  | "agent.plan_approved"
  | "agent.question"
  | "agent.retrying"
  | "agent.starting"
  | "agent.done"
  | "agent.failed"
  | "agent.killed"
  | "agent.name"
  | "agent.model"
  | "runtime.date"
  | "runtime.time"
  | "runtime.marker"
  | "metric.unread"
  | "divider.turn"
  | "divider.phase"
  | "tool.ok"
  | "tool.fail"
  | "tool.stop"
  | "tool.agent"
  | "tool.wait"
  | "query.error"
  | "badge"
  | "badge.idle"
  | "badge.idle_pinned"
  | "notify.orange"
  | "notify.gold"
  | "notify.cyan"
  | "tab.active"
  | "tab.inactive"
  | "footer.mode"
  | "footer.key"
  | "footer.label"
  | "axe.running"
  | "axe.stopped"
  | "axe.transition"
  | "axe.restarting"
  | "chip.model"
  | "chip.worker";

/** A run of text in one style. */
export interface Segment {
  readonly text: string;
  readonly style: StyleName;
}

/** One display line. */
export type Line = readonly Segment[];

/** A segment. */
export function seg(text: string, style: StyleName = "plain"): Segment {
  return { text, style };
}

/** Text another process wrote (names, notes, replies), made inert for a terminal; one line. */
export function agentText(text: string): string {
  return neutralizeControls(text, { keepLayout: false });
}

/** The plain text of a line (tests, widths). */
export function lineText(line: Line): string {
  return line.map((segment) => segment.text).join("");
}
