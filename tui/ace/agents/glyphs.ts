/**
 * How an agent row reads (handbook 4.5.11 and 4.22): the one- or two-cell
 * status badge and its semantic style, and the right-hand runtime suffix
 * `<start> · <elapsed>` with its marker (active, unread done, unread failed,
 * paused on the user). Statuses the table does not know fall back to
 * `(STATUS)`. The handbook's text lost several glyphs; the ones chosen here
 * for PLAN, FAILED, WAITING, QUESTION, RETRYING and the markers are ours.
 *
 * @module
 */

import type { AgentRow } from "../../../core/agent/index/rows.ts";
import { agentText, seg, type Segment, type StyleName } from "../segments.ts";
import { clockTime, MONTHS, pad2 } from "../shared.ts";

interface Badge {
  glyph: string;
  style: StyleName;
}

const BADGES: Readonly<Record<string, Badge>> = {
  RUNNING: { glyph: "▶", style: "agent.running" },
  STARTING: { glyph: "⦿", style: "agent.starting" },
  WAITING: { glyph: "🕒", style: "agent.waiting" },
  "WAITING INPUT": { glyph: "▲", style: "agent.waiting_input" },
  PLAN: { glyph: "◆", style: "agent.plan" },
  "PLAN APPROVED": { glyph: "▶P", style: "agent.plan_approved" },
  "EPIC APPROVED": { glyph: "▶E", style: "agent.plan_approved" },
  "PLAN COMMITTED": { glyph: "▶C", style: "agent.plan_approved" },
  QUESTION: { glyph: "?", style: "agent.question" },
  RETRYING: { glyph: "↻", style: "agent.retrying" },
  DONE: { glyph: "✓", style: "agent.done" },
  "PLAN DONE": { glyph: "✓P", style: "agent.done" },
  "TALE DONE": { glyph: "✓T", style: "agent.done" },
  "EPIC CREATED": { glyph: "★E", style: "agent.done" },
  FAILED: { glyph: "✗", style: "agent.failed" },
  KILLED: { glyph: "■", style: "agent.killed" },
};

/** The style of a status label (unknown statuses: plain). */
export function agentStatusStyle(status: string): StyleName {
  return BADGES[status]?.style ?? "plain";
}

/** The status badge of a row (RETRYING carries its attempt count). */
export function statusBadge(status: string, retryCount = 0): Segment {
  const badge = BADGES[status];
  if (!badge) return seg(`(${agentText(status)})`, "plain");
  const glyph = status === "RETRYING" && retryCount > 0
    ? `${badge.glyph}${retryCount}`
    : badge.glyph;
  return seg(glyph, badge.style);
}

/**
 * The start half of the suffix: `HH:MM:SS` the same day, `Mon DD HH:MM` an
 * earlier day of the year, `Mon DD 'YY` another year (local time).
 */
export function humanStart(start: Date, now: Date): { date: string; time: string } {
  const sameDay = start.getFullYear() === now.getFullYear() &&
    start.getMonth() === now.getMonth() && start.getDate() === now.getDate();
  if (sameDay) {
    return { date: "", time: clockTime(start) };
  }
  const monthDay = `${MONTHS[start.getMonth()]} ${pad2(start.getDate())}`;
  if (start.getFullYear() === now.getFullYear()) {
    return { date: `${monthDay} `, time: `${pad2(start.getHours())}:${pad2(start.getMinutes())}` };
  }
  return { date: `${monthDay} `, time: `'${pad2(start.getFullYear() % 100)}` };
}

/** `42s`, `5m03s`, `1h02m`, `3d04h`. */
export function formatElapsed(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${pad2(s % 60)}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h${pad2(Math.floor((s % 3600) / 60))}m`;
  return `${Math.floor(s / 86400)}d${pad2(Math.floor((s % 86400) / 3600))}h`;
}

/** Statuses paused on a human answer. */
const PAUSED = new Set(["PLAN", "QUESTION", "WAITING INPUT"]);

/** The marker of the suffix: active ticking, unread done/failed, paused on the user. */
export const RUNTIME_MARKERS = {
  active: "⏵",
  unread: "●",
  unreadFailed: "✗",
  paused: "⏸",
} as const;

/**
 * The runtime suffix of a row, or none: a WAITING row that never began (no
 * start time) shows nothing, so a queued wait does not look like runtime.
 */
export function runtimeSuffix(row: AgentRow, unread: boolean, now: Date): Segment[] {
  if (!row.startedAt) return [];
  const start = new Date(row.startedAt);
  if (Number.isNaN(start.getTime())) return [];
  const { date, time } = humanStart(start, now);
  const out: Segment[] = [];
  if (date) out.push(seg(date, "runtime.date"));
  out.push(seg(time, "runtime.time"));
  const finished = row.status === "DONE" || row.status === "FAILED" || row.status === "KILLED";
  let marker = "";
  if (PAUSED.has(row.status)) marker = RUNTIME_MARKERS.paused;
  else if (finished && unread) {
    marker = row.status === "FAILED" ? RUNTIME_MARKERS.unreadFailed : RUNTIME_MARKERS.unread;
  } else if (!finished) marker = RUNTIME_MARKERS.active;
  out.push(seg(" · ", "dim"));
  if (marker) out.push(seg(`${marker} `, "runtime.marker"));
  if (row.durationSeconds !== null) {
    out.push(seg(formatElapsed(row.durationSeconds), "runtime.time"));
  }
  return out;
}
