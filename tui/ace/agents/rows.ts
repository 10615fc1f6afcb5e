/**
 * The visible rows of one Agents panel under the global fold level and the
 * per-workflow folds (handbook 4.5.9). With `n` banner levels (2 or 3):
 * banners of depth `d` show at level >= d, agent rows at level >= n (so in
 * a 2-level layout L2 and L3 look alike); a collapsed workflow hides its
 * steps. Every row carries its display line; the runtime suffix is separate
 * so the presentation can right-align it.
 *
 * @module
 */

import { agentText, type Line, seg, type Segment } from "../segments.ts";
import { guides } from "../shared.ts";
import { runtimeSuffix, statusBadge } from "./glyphs.ts";
import type { AgentItem } from "./item.ts";
import { bannerChip, countAgents } from "./metrics.ts";
import { type AgentNode, type AgentPanel, BUCKET_GLYPHS } from "./tree.ts";

/** Global fold levels. */
export type FoldLevel = 0 | 1 | 2 | 3;

/** A banner row. */
export interface AgentBannerRow {
  readonly kind: "banner";
  readonly id: string;
  readonly depth: number;
  readonly label: string;
  readonly agents: readonly AgentItem[];
  readonly ancestors: readonly string[];
  readonly line: Line;
}

/** An agent row (a workflow step has `parentId`). */
export interface AgentListRow {
  readonly kind: "agent";
  readonly id: string;
  readonly item: AgentItem;
  readonly parentId: string | null;
  /** A workflow run with steps: whether they are folded away. */
  readonly stepsFolded: boolean | null;
  readonly ancestors: readonly string[];
  readonly line: Line;
  readonly suffix: Line;
}

/** One visible row. */
export type AgentViewRow = AgentBannerRow | AgentListRow;

/** What row lines depend on besides the tree. */
export interface RowContext {
  now: Date;
  isUnread: (item: AgentItem) => boolean;
  /** BY_STATUS banners lead with the bucket glyph. */
  statusGlyphs: boolean;
}

const BANNER_STYLES = ["banner.l0", "banner.l1", "banner.l2"] as const;

function bannerLine(node: Extract<AgentNode, { kind: "banner" }>, context: RowContext): Line {
  const counts = countAgents(node.agents, context.isUnread);
  const glyph = context.statusGlyphs && node.depth === 0 ? BUCKET_GLYPHS[node.label] : undefined;
  const lead = node.branch ? "▶ " : "■ ";
  return [
    ...guides(node.depth),
    seg(lead, "banner.glyph"),
    ...(glyph ? [seg(`${glyph} `, "banner.glyph")] : []),
    seg(agentText(node.label), BANNER_STYLES[Math.min(node.depth, 2)]),
    seg(`  ${bannerChip(counts)}`, "banner.count"),
  ];
}

/** The line of one agent row. */
export function agentLine(item: AgentItem, depth: number, step: string | null): Line {
  const row = item.row;
  const out: Segment[] = [...guides(depth)];
  if (step !== null) out.push(seg(`${step} `, "dim"));
  out.push(statusBadge(row.status), seg(" "));
  if (row.isWorkflow) out.push(seg("⚙ ", "accent"));
  if (row.approve) out.push(seg("⚡", "accent"));
  if (row.hidden) out.push(seg("◌ ", "dim"));
  out.push(seg(agentText(item.displayName), "agent.name"));
  if (row.provider || row.model) {
    const provider = (row.provider ?? "").toUpperCase();
    out.push(
      seg(`  ${agentText(provider)}${row.model ? `(${agentText(row.model)})` : ""}`, "agent.model"),
    );
  }
  return out;
}

/** The visible rows of `panel`. */
export function visibleAgentRows(
  panel: AgentPanel,
  level: FoldLevel,
  foldedWorkflows: ReadonlySet<string>,
  context: RowContext,
): AgentViewRow[] {
  const rows: AgentViewRow[] = [];
  const showAgents = level >= panel.levels;
  const walk = (nodes: readonly AgentNode[], ancestors: readonly string[]) => {
    for (const node of nodes) {
      if (node.kind === "banner") {
        if (level < node.depth) continue;
        rows.push({
          kind: "banner",
          id: node.id,
          depth: node.depth,
          label: node.label,
          agents: node.agents,
          ancestors,
          line: bannerLine(node, context),
        });
        walk(node.children, [...ancestors, node.id]);
        continue;
      }
      if (!showAgents) continue;
      const { item, children } = node.family;
      const folded = children.length ? foldedWorkflows.has(item.id) : null;
      rows.push({
        kind: "agent",
        id: item.id,
        item,
        parentId: null,
        stepsFolded: folded,
        ancestors,
        line: agentLine(item, ancestors.length, null),
        suffix: runtimeSuffix(item.row, context.isUnread(item), context.now),
      });
      if (folded) continue;
      children.forEach((child, index) => {
        rows.push({
          kind: "agent",
          id: child.id,
          item: child,
          parentId: item.id,
          stepsFolded: null,
          ancestors,
          line: agentLine(child, ancestors.length + 1, `${index + 1}/${children.length}`),
          suffix: runtimeSuffix(child.row, context.isUnread(child), context.now),
        });
      });
    }
  };
  walk(panel.tree, []);
  return rows;
}
