/**
 * The Agents tab's counts (handbook 4.5.10, 4.5.8): the header strip
 * `N Agents [S stopped · R running · W waiting · F failed · U unread · D
 * done]` and each panel's `[H1 R2 W1 F1 U1 D3]`, zero counts omitted;
 * `Agents: ...` until the first load. Stopped: paused on the user (plans,
 * questions, human checkpoints, a parked WAITING); running: running,
 * retrying or starting; waiting: blocked on a timer or another agent;
 * failed: finished failed; unread / done: the other finished rows, split by
 * whether they still need acknowledgement.
 *
 * @module
 */

import { type Line, seg, type Segment } from "../segments.ts";
import type { AgentItem } from "./item.ts";

/** The counts of a set of agents. */
export interface AgentCounts {
  total: number;
  stopped: number;
  running: number;
  waiting: number;
  failed: number;
  unread: number;
  done: number;
}

/** Count `items`; `isUnread` decides unread among the finished ones. */
export function countAgents(
  items: readonly AgentItem[],
  isUnread: (item: AgentItem) => boolean,
): AgentCounts {
  const counts: AgentCounts = {
    total: 0,
    stopped: 0,
    running: 0,
    waiting: 0,
    failed: 0,
    unread: 0,
    done: 0,
  };
  for (const item of items) {
    counts.total++;
    switch (item.row.bucket) {
      case "Stopped":
        counts.stopped++;
        break;
      case "Running":
      case "Starting":
        counts.running++;
        break;
      case "Waiting":
        counts.waiting++;
        break;
      case "Failed":
        if (isUnread(item)) counts.unread++;
        else counts.failed++;
        break;
      case "Done":
        if (isUnread(item)) counts.unread++;
        else counts.done++;
        break;
    }
  }
  return counts;
}

const STRIP: ReadonlyArray<[keyof AgentCounts, string, Segment["style"]]> = [
  ["stopped", "stopped", "agent.waiting_input"],
  ["running", "running", "agent.running"],
  ["waiting", "waiting", "agent.waiting"],
  ["failed", "failed", "agent.failed"],
  ["unread", "unread", "metric.unread"],
  ["done", "done", "agent.done"],
];

/** The header strip; `null` counts (nothing loaded yet) read `Agents: ...`. */
export function metricStrip(counts: AgentCounts | null): Line {
  if (counts === null) return [seg("Agents: ...", "dim")];
  const out: Segment[] = [seg(`${counts.total} Agent${counts.total === 1 ? "" : "s"}`, "bold")];
  const parts = STRIP.filter(([key]) => counts[key] > 0);
  if (parts.length === 0) return out;
  out.push(seg(" [", "dim"));
  parts.forEach(([key, label, style], index) => {
    if (index > 0) out.push(seg(" · ", "dim"));
    out.push(seg(`${counts[key]} ${label}`, style));
  });
  out.push(seg("]", "dim"));
  return out;
}

const PANEL: ReadonlyArray<[keyof AgentCounts, string]> = [
  ["stopped", "H"],
  ["running", "R"],
  ["waiting", "W"],
  ["failed", "F"],
  ["unread", "U"],
  ["done", "D"],
];

/** A panel title: `(untagged) 5 [H1 R2]` / `#review 3 [D3]`. */
export function panelTitle(tag: string | null, counts: AgentCounts): Line {
  const chips = PANEL.filter(([key]) => counts[key] > 0).map(([key, letter]) =>
    `${letter}${counts[key]}`
  );
  return [
    seg(tag === null ? "(untagged)" : `#${tag}`, "bold"),
    seg(` ${counts.total}`, "banner.count"),
    ...(chips.length ? [seg(` [${chips.join(" ")}]`, "dim")] : []),
  ];
}

/** A banner's chip: `N agents · K running · M failed` (zero running/failed omitted). */
export function bannerChip(counts: AgentCounts): string {
  const parts = [`${counts.total} agent${counts.total === 1 ? "" : "s"}`];
  if (counts.running) parts.push(`${counts.running} running`);
  if (counts.failed) parts.push(`${counts.failed} failed`);
  return parts.join(" · ");
}
