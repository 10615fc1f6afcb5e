/**
 * The top bar (handbook 4.1, 4.12, 4.15, 4.18): the IDLE badge (orange when
 * inactive, red when pinned), the notification indicator coloured by the
 * highest unread bucket (orange PRIORITY or errors, gold INBOX, cyan when
 * only MUTED remain; none without unread), `⚙ N` background tasks (hidden
 * at 0), the primary model-override chip and a compact `W ...` worker chip,
 * and the stashed-draft badge.
 *
 * @module
 */

import { indicatorFor, type UnreadCounts } from "../../../core/notify/classify.ts";
import { agentText, type Line, seg, type Segment } from "../segments.ts";

/** Idle: not idle, inactive (timeout or `,I`), or pinned (`I`). */
export type IdleState = "active" | "inactive" | "pinned";

/** What the top bar shows. */
export interface TopBarInput {
  readonly idle: IdleState;
  readonly unread: UnreadCounts;
  readonly backgroundTasks: number;
  /** The primary lane override's model, or null. */
  readonly primaryOverride: string | null;
  /** The worker lane override's model, or null. */
  readonly workerOverride: string | null;
  readonly stashedDrafts: number;
}

/** The top bar's segments, left to right. */
export function topBar(input: TopBarInput): Line {
  const out: Segment[] = [];
  if (input.idle !== "active") {
    out.push(seg(" IDLE ", input.idle === "pinned" ? "badge.idle_pinned" : "badge.idle"));
  }
  const indicator = indicatorFor(input.unread);
  if (indicator !== "none") {
    const count = indicator === "cyan"
      ? input.unread.muted
      : input.unread.priority + input.unread.errors + input.unread.inbox;
    if (out.length) out.push(seg(" "));
    out.push(seg(`✉ ${count}`, `notify.${indicator}`));
  }
  if (input.backgroundTasks > 0) {
    if (out.length) out.push(seg(" "));
    out.push(seg(`⚙ ${input.backgroundTasks}`, "accent"));
  }
  if (input.primaryOverride) {
    if (out.length) out.push(seg(" "));
    out.push(seg(`◈ ${agentText(input.primaryOverride)}`, "chip.model"));
  }
  if (input.workerOverride) {
    if (out.length) out.push(seg(" "));
    out.push(seg(`W ${agentText(input.workerOverride)}`, "chip.worker"));
  }
  if (input.stashedDrafts > 0) {
    if (out.length) out.push(seg(" "));
    out.push(seg(`✎ ${input.stashedDrafts}`, "badge"));
  }
  return out;
}
