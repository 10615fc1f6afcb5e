/**
 * The Agents tab's layout (handbook 4.5.8-4.5.10): one side panel per tag
 * (`(untagged)` first, then `#<tag>` alphabetically), and inside each panel
 * a banner hierarchy per grouping mode:
 *
 * - STANDARD: project → ChangeSpec → name-root when any agent of the panel
 *   targets a ChangeSpec (others fall in `(no ChangeSpec)`, last), else
 *   project → name-root.
 * - BY_DATE: Today / Yesterday / This Week / Earlier, then hour (Today,
 *   Yesterday), day (This Week) or Monday-start week (Earlier); the anchor
 *   is the stop time of a finished agent, else its start; no time: `(no
 *   time)` last. Newest first.
 * - BY_STATUS: Stopped, Failed, Running, Waiting, Done, Starting, then
 *   name-root.
 *
 * A name-root group of one agent gets no banner. Workflow steps follow
 * their parent run (same project, `parentTimestamp` = the parent's
 * timestamp) and never have a banner between them and it.
 *
 * @module
 */

import { STATUS_BUCKETS } from "../../../core/agent/index/status.ts";
import { compareCodeUnits } from "../../../core/text/compare.ts";
import { groupInOrder } from "../shared.ts";
import { DATE_BUCKETS, dateBucket, dayLabel, hourLabel, weekLabel } from "../prs/dates.ts";
import type { AgentItem } from "./item.ts";

/** The three grouping modes, in `o` order. */
export const AGENT_GROUPING_MODES = ["STANDARD", "BY_DATE", "BY_STATUS"] as const;

/** One grouping mode. */
export type AgentGroupingMode = typeof AGENT_GROUPING_MODES[number];

/** The `[group: <label> (o)]` text of each mode. */
export const AGENT_GROUPING_LABELS: Readonly<Record<AgentGroupingMode, string>> = {
  STANDARD: "by project",
  BY_DATE: "by date",
  BY_STATUS: "by status",
};

/** The BY_STATUS banner glyphs. */
export const BUCKET_GLYPHS: Readonly<Record<string, string>> = {
  Stopped: "▲",
  Failed: "x",
  Running: "▶",
  Waiting: "🕒",
  Done: "✓",
  Starting: "⦿",
};

/** The ChangeSpec bucket of agents without one. */
export const NO_CHANGESPEC = "(no ChangeSpec)";
/** The BY_DATE sub-group of agents without a usable time. */
export const NO_TIME = "(no time)";

/** An agent with its workflow steps (in start order). */
export interface AgentFamily {
  readonly item: AgentItem;
  readonly children: readonly AgentItem[];
}

/** A banner and what it groups. */
export interface AgentBanner {
  readonly kind: "banner";
  /** Unique within a panel and mode: the labels from the top down. */
  readonly id: string;
  /** 0-based banner depth. */
  readonly depth: number;
  /** A name-root heading (drawn with the `▶` branch glyph). */
  readonly branch: boolean;
  readonly label: string;
  readonly children: readonly AgentNode[];
  /** Every agent below (steps included). */
  readonly agents: readonly AgentItem[];
}

/** A node: a banner or a family. */
export type AgentNode = AgentBanner | { readonly kind: "family"; readonly family: AgentFamily };

/** One tag side panel. */
export interface AgentPanel {
  /** `null` for `(untagged)`. */
  readonly tag: string | null;
  readonly tree: readonly AgentNode[];
  /** How many banner levels the layout has (2 or 3; agent rows sit below them). */
  readonly levels: number;
  readonly agents: readonly AgentItem[];
}

/** Agents grouped into families: workflow steps under the run they belong to. */
export function families(items: readonly AgentItem[]): AgentFamily[] {
  const parents = new Map<string, AgentItem>();
  for (const item of items) {
    if (item.row.isWorkflow) parents.set(`${item.row.project}/${item.row.timestamp}`, item);
  }
  const children = new Map<string, AgentItem[]>();
  const roots: AgentItem[] = [];
  for (const item of items) {
    const key = item.row.parentTimestamp ? `${item.row.project}/${item.row.parentTimestamp}` : null;
    if (key && parents.has(key) && parents.get(key) !== item) {
      const list = children.get(key);
      if (list) list.push(item);
      else children.set(key, [item]);
    } else {
      roots.push(item);
    }
  }
  return roots.map((item) => {
    const steps = children.get(`${item.row.project}/${item.row.timestamp}`) ?? [];
    steps.sort((a, b) => compareCodeUnits(a.row.timestamp, b.row.timestamp));
    return { item, children: steps };
  });
}

/** The name root: the name before a `--` phase suffix or a `.` fan-out suffix. */
export function nameRoot(name: string): string {
  const cut = name.search(/--|\./);
  return cut > 0 ? name.slice(0, cut) : name;
}

function membersOf(list: readonly AgentFamily[]): AgentItem[] {
  return list.flatMap((family) => [family.item, ...family.children]);
}

/** The anchor time of a family in ms (finished: stop, else start), or null. */
function anchorMs(family: AgentFamily): number | null {
  const row = family.item.row;
  const finished = row.status === "DONE" || row.status === "FAILED" || row.status === "KILLED";
  const text = (finished ? row.finishedAt : null) ?? row.startedAt;
  if (!text) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

type Level = (family: AgentFamily) => string;

/**
 * Group `list` by `levels` (outermost first); the last level is a name-root
 * level whose singleton groups get no banner when `suppressSingletons`.
 */
function group(
  list: readonly AgentFamily[],
  levels: readonly Level[],
  parentId: string,
  depth: number,
  suppressSingletons: boolean,
  order?: (labels: string[]) => string[],
): AgentNode[] {
  if (levels.length === 0) return list.map((family) => ({ kind: "family", family }));
  const groups = groupInOrder(list, levels[0]);
  const labels = order ? order([...groups.keys()]) : [...groups.keys()];
  const out: AgentNode[] = [];
  for (const label of labels) {
    const members = groups.get(label)!;
    const last = levels.length === 1;
    if (last && suppressSingletons && members.length === 1) {
      out.push({ kind: "family", family: members[0] });
      continue;
    }
    const id = `${parentId}/${label}`;
    out.push({
      kind: "banner",
      id,
      depth,
      branch: last && suppressSingletons,
      label,
      children: group(members, levels.slice(1), id, depth + 1, suppressSingletons),
      agents: membersOf(members),
    });
  }
  return out;
}

const rootOf: Level = (family) => nameRoot(family.item.displayName);

function standard(list: readonly AgentFamily[]): { tree: AgentNode[]; levels: number } {
  const hasSpec = list.some((family) => family.item.changeSpec !== null);
  const levels: Level[] = hasSpec
    ? [(f) => f.item.row.project, (f) => f.item.changeSpec ?? NO_CHANGESPEC, rootOf]
    : [(f) => f.item.row.project, rootOf];
  const specLast = (labels: string[]) =>
    labels.filter((l) => l !== NO_CHANGESPEC).concat(
      labels.includes(NO_CHANGESPEC) ? [NO_CHANGESPEC] : [],
    );
  const tree = group(list, levels.slice(0, 1), "STANDARD", 0, false).map((node) => {
    if (node.kind !== "banner") return node;
    const members = list.filter((f) => f.item.row.project === node.label);
    return {
      ...node,
      children: group(members, levels.slice(1), node.id, 1, true, hasSpec ? specLast : undefined),
    };
  });
  return { tree, levels: levels.length };
}

function byStatus(list: readonly AgentFamily[]): AgentNode[] {
  const order = (labels: string[]) =>
    [...labels].sort((a, b) =>
      STATUS_BUCKETS.indexOf(a as typeof STATUS_BUCKETS[number]) -
      STATUS_BUCKETS.indexOf(b as typeof STATUS_BUCKETS[number])
    );
  return group(list, [(f) => f.item.row.bucket, rootOf], "BY_STATUS", 0, true, order);
}

function byDate(list: readonly AgentFamily[], now: Date): AgentNode[] {
  const sorted = [...list].sort((a, b) => (anchorMs(b) ?? -Infinity) - (anchorMs(a) ?? -Infinity));
  const bucketOf: Level = (family) => {
    const ms = anchorMs(family);
    return ms === null ? "Earlier" : dateBucket(new Date(ms), now);
  };
  const subOf: Level = (family) => {
    const ms = anchorMs(family);
    if (ms === null) return NO_TIME;
    const moment = new Date(ms);
    const bucket = dateBucket(moment, now);
    if (bucket === "Today" || bucket === "Yesterday") return hourLabel(moment);
    return bucket === "This Week" ? dayLabel(moment) : weekLabel(moment);
  };
  const order = (labels: string[]) =>
    DATE_BUCKETS.filter((bucket) => labels.includes(bucket)) as string[];
  return group(sorted, [bucketOf], "BY_DATE", 0, false, order).map((node) => {
    if (node.kind !== "banner") return node;
    const members = sorted.filter((f) => bucketOf(f) === node.label);
    const noTimeLast = (labels: string[]) =>
      labels.filter((l) => l !== NO_TIME).concat(labels.includes(NO_TIME) ? [NO_TIME] : []);
    return { ...node, children: group(members, [subOf], node.id, 1, false, noTimeLast) };
  });
}

/** The panels of `items` in `mode`, dated against `now`. */
export function buildPanels(
  items: readonly AgentItem[],
  mode: AgentGroupingMode,
  now: Date,
): AgentPanel[] {
  const byTag = groupInOrder(families(items), (family) => family.item.row.tag ?? "");
  const tags = [...byTag.keys()].sort((
    a,
    b,
  ) => (a === "" ? -1 : b === "" ? 1 : compareCodeUnits(a, b)));
  return tags.map((tag) => {
    const list = byTag.get(tag)!;
    const agents = membersOf(list);
    if (mode === "STANDARD") {
      const { tree, levels } = standard(list);
      return { tag: tag || null, tree, levels, agents };
    }
    const tree = mode === "BY_STATUS" ? byStatus(list) : byDate(list, now);
    return { tag: tag || null, tree, levels: 2, agents };
  });
}
