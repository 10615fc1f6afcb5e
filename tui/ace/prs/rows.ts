/**
 * The PRs tab's visible rows: the grouping tree walked with the user's
 * folds (a collapsed banner hides what it groups), each row with its display
 * line. Banner rows are navigation stops like PR rows. Rows are built once
 * per data, mode or fold change; moving the cursor never rebuilds them.
 *
 * @module
 */

import { baseStatus } from "../../../core/changespec/status.ts";
import type { ChangeSpec } from "../../../core/changespec/types.ts";
import { hasErrorSuffix } from "../../../core/query/evaluator.ts";
import { agentText, type Line, seg, type Segment, type StyleName } from "../segments.ts";
import { guides } from "../shared.ts";
import type { PrBannerNode, PrNode } from "./tree.ts";

/** Mentor comment stats of a ChangeSpec's latest commit entry (handbook 4.17). */
export interface MentorStats {
  accepted: number;
  unread: number;
}

/** A banner row. */
export interface PrBannerRow {
  readonly kind: "banner";
  readonly id: string;
  readonly level: 0 | 1 | 2;
  readonly label: string;
  readonly count: number;
  readonly collapsed: boolean;
  /** Ids of the enclosing banners, outermost first. */
  readonly ancestors: readonly string[];
  readonly line: Line;
}

/** A ChangeSpec row. */
export interface PrSpecRow {
  readonly kind: "spec";
  readonly id: string;
  readonly spec: ChangeSpec;
  readonly ancestors: readonly string[];
  readonly line: Line;
}

/** One visible row. */
export type PrRow = PrBannerRow | PrSpecRow;

const STATUS_STYLES: Readonly<Record<string, StyleName>> = {
  WIP: "status.wip",
  Draft: "status.draft",
  Ready: "status.ready",
  Mailed: "status.mailed",
  Submitted: "status.submitted",
  Reverted: "status.reverted",
  Archived: "status.archived",
};

/** The style of a ChangeSpec STATUS (by its base status). */
export function statusStyle(status: string): StyleName {
  return STATUS_STYLES[baseStatus(status)] ?? "status.other";
}

const BANNER_STYLES = ["banner.l0", "banner.l1", "banner.l2"] as const;

function bannerLine(node: PrBannerNode, depth: number, collapsed: boolean): Line {
  return [
    ...guides(depth),
    seg(collapsed ? "▸ " : "▾ ", "banner.glyph"),
    seg(agentText(node.label), BANNER_STYLES[node.level]),
    seg(` (${node.count})`, "banner.count"),
  ];
}

/** The display line of a ChangeSpec row. */
export function specLine(spec: ChangeSpec, depth: number, stats?: MentorStats): Line {
  const out: Segment[] = [
    ...guides(depth),
    seg(agentText(spec.name), "bold"),
    seg("  "),
    seg(agentText(spec.status), statusStyle(spec.status)),
  ];
  if (hasErrorSuffix(spec)) out.push(seg("  !", "error"));
  if (stats && stats.accepted > 0) out.push(seg(`  ✓${stats.accepted}`, "success"));
  if (stats && stats.unread > 0) {
    out.push(seg(`${stats.accepted > 0 ? " " : "  "}●${stats.unread}`, "info"));
  }
  return out;
}

/**
 * The visible rows of `tree`: a banner in `collapsed` shows as a row but
 * hides its children.
 */
export function visiblePrRows(
  tree: readonly PrNode[],
  collapsed: ReadonlySet<string>,
  mentorStats: ReadonlyMap<string, MentorStats> = new Map(),
): PrRow[] {
  const rows: PrRow[] = [];
  const walk = (nodes: readonly PrNode[], ancestors: readonly string[]) => {
    for (const node of nodes) {
      if (node.kind === "spec") {
        rows.push({
          kind: "spec",
          id: node.id,
          spec: node.spec,
          ancestors,
          line: specLine(node.spec, ancestors.length, mentorStats.get(node.spec.name)),
        });
        continue;
      }
      const isCollapsed = collapsed.has(node.id);
      rows.push({
        kind: "banner",
        id: node.id,
        level: node.level,
        label: node.label,
        count: node.count,
        collapsed: isCollapsed,
        ancestors,
        line: bannerLine(node, ancestors.length, isCollapsed),
      });
      if (!isCollapsed) walk(node.children, [...ancestors, node.id]);
    }
  };
  walk(tree, []);
  return rows;
}

/** Every banner of `tree` with its ancestors (outermost first), depth first. */
export function allBanners(
  tree: readonly PrNode[],
): Array<{ node: PrBannerNode; ancestors: string[] }> {
  const out: Array<{ node: PrBannerNode; ancestors: string[] }> = [];
  const walk = (nodes: readonly PrNode[], ancestors: string[]) => {
    for (const node of nodes) {
      if (node.kind !== "banner") continue;
      out.push({ node, ancestors });
      walk(node.children, [...ancestors, node.id]);
    }
  };
  walk(tree, []);
  return out;
}
