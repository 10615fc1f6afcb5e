/**
 * The PRs tab's grouping tree: the ChangeSpecs a query matched, always
 * grouped, in one of three modes (handbook 4.4.3):
 *
 * - BY_PROJECT: L0 project, then an L1 sibling-root banner shared by
 *   `foobar_1 / foobar_2` style siblings (a singleton gets none).
 * - BY_DATE: L0 Today / Yesterday / This Week / Earlier from the latest
 *   TIMESTAMPS entry; Today and Yesterday split into 4-hour windows (L1) and,
 *   inside a window holding 2+ PRs, hours (L2); This Week into days; Earlier
 *   into Monday-start weeks plus `(no timestamp)` last. Newest first.
 * - BY_STATUS: L0 Mailed, Ready, WIP, Draft, Submitted, Reverted, Archived
 *   (empty buckets absent), then sibling-root banners as BY_PROJECT.
 *
 * @module
 */

import { baseStatus, stripRevertedSuffix } from "../../../core/changespec/status.ts";
import type { ChangeSpec } from "../../../core/changespec/types.ts";
import { queryProjectName } from "../../../core/query/searchable.ts";
import { parseSaseTimestamp } from "../../../core/time.ts";
import { compareCodeUnits } from "../../../core/text/compare.ts";
import { groupInOrder } from "../shared.ts";
import {
  type DateBucket,
  dateBucket,
  dayLabel,
  hourLabel,
  weekLabel,
  windowLabel,
  windowStart,
} from "./dates.ts";

/** The three grouping modes, in `o` order. */
export const PR_GROUPING_MODES = ["BY_PROJECT", "BY_DATE", "BY_STATUS"] as const;

/** One grouping mode. */
export type PrGroupingMode = typeof PR_GROUPING_MODES[number];

/** The `[group: <label>]` text of each mode. */
export const PR_GROUPING_LABELS: Readonly<Record<PrGroupingMode, string>> = {
  BY_PROJECT: "by project",
  BY_DATE: "by date",
  BY_STATUS: "by status",
};

/** BY_STATUS bucket order: actionable first, terminal last. */
export const STATUS_BUCKET_ORDER = [
  "Mailed",
  "Ready",
  "WIP",
  "Draft",
  "Submitted",
  "Reverted",
  "Archived",
] as const;

/** The label of BY_DATE's bucket for specs without a parseable TIMESTAMPS entry. */
export const NO_TIMESTAMP = "(no timestamp)";

/** A ChangeSpec leaf. */
export interface PrSpecNode {
  readonly kind: "spec";
  /** Stable identity: file path and name. */
  readonly id: string;
  readonly spec: ChangeSpec;
}

/** A banner and what it groups. */
export interface PrBannerNode {
  readonly kind: "banner";
  /** Stable identity within a mode: the labels from L0 down. */
  readonly id: string;
  readonly level: 0 | 1 | 2;
  readonly label: string;
  /** ChangeSpecs below this banner (all levels). */
  readonly count: number;
  readonly children: readonly PrNode[];
}

/** A node of the tree. */
export type PrNode = PrBannerNode | PrSpecNode;

/** The identity of a spec row (stable across reloads). */
export function specId(spec: ChangeSpec): string {
  return `${spec.filePath}#${spec.name}`;
}

function leaf(spec: ChangeSpec): PrSpecNode {
  return { kind: "spec", id: specId(spec), spec };
}

function banner(
  parentId: string,
  level: 0 | 1 | 2,
  label: string,
  children: PrNode[],
): PrBannerNode {
  const count = children.reduce((sum, child) => sum + (child.kind === "spec" ? 1 : child.count), 0);
  return { kind: "banner", id: `${parentId}/${label}`, level, label, count, children };
}

/** Sibling-root sub-banners (L1) for groups of 2+; singletons stay plain rows. */
function siblingLevel(parentId: string, specs: readonly ChangeSpec[]): PrNode[] {
  const out: PrNode[] = [];
  for (const [root, members] of groupInOrder(specs, (spec) => stripRevertedSuffix(spec.name))) {
    if (members.length > 1) out.push(banner(parentId, 1, root, members.map(leaf)));
    else out.push(leaf(members[0]));
  }
  return out;
}

function byProject(specs: readonly ChangeSpec[]): PrBannerNode[] {
  return [...groupInOrder(specs, queryProjectName)].map(([project, members]) =>
    banner("BY_PROJECT", 0, project, siblingLevel(`BY_PROJECT/${project}`, members))
  );
}

function statusRank(status: string): number {
  const index = (STATUS_BUCKET_ORDER as readonly string[]).indexOf(status);
  return index === -1 ? STATUS_BUCKET_ORDER.length : index;
}

function byStatus(specs: readonly ChangeSpec[]): PrBannerNode[] {
  const groups = [...groupInOrder(specs, (spec) => baseStatus(spec.status))];
  groups.sort(([a], [b]) => statusRank(a) - statusRank(b) || compareCodeUnits(a, b));
  return groups.map(([status, members]) =>
    banner("BY_STATUS", 0, status, siblingLevel(`BY_STATUS/${status}`, members))
  );
}

/** The moment of a spec's latest TIMESTAMPS entry, or null when none parses. */
export function latestTimestamp(spec: ChangeSpec): Date | null {
  let latest: Date | null = null;
  for (const entry of spec.timestamps) {
    const moment = parseSaseTimestamp(entry.timestamp);
    if (moment && (latest === null || moment > latest)) latest = moment;
  }
  return latest;
}

interface Dated {
  spec: ChangeSpec;
  moment: Date;
}

function hoursWithin(parentId: string, items: readonly Dated[]): PrNode[] {
  if (items.length < 2) return items.map((item) => leaf(item.spec));
  return [...groupInOrder(items, (item) => hourLabel(item.moment))].map(([hour, members]) =>
    banner(parentId, 2, hour, members.map((item) => leaf(item.spec)))
  );
}

function subgroups(bucket: DateBucket, parentId: string, items: readonly Dated[]): PrNode[] {
  if (bucket === "Today" || bucket === "Yesterday") {
    return [...groupInOrder(items, (item) => windowLabel(windowStart(item.moment)))].map(
      ([label, members]) =>
        banner(parentId, 1, label, hoursWithin(`${parentId}/${label}`, members)),
    );
  }
  const label = bucket === "This Week" ? dayLabel : weekLabel;
  return [...groupInOrder(items, (item) => label(item.moment))].map(([text, members]) =>
    banner(parentId, 1, text, members.map((item) => leaf(item.spec)))
  );
}

function byDate(specs: readonly ChangeSpec[], now: Date): PrBannerNode[] {
  const dated: Dated[] = [];
  const undated: ChangeSpec[] = [];
  for (const spec of specs) {
    const moment = latestTimestamp(spec);
    if (moment) dated.push({ spec, moment });
    else undated.push(spec);
  }
  dated.sort((a, b) => b.moment.getTime() - a.moment.getTime());
  const buckets = groupInOrder(dated, (item) => dateBucket(item.moment, now));
  const out: PrBannerNode[] = [];
  for (const bucket of ["Today", "Yesterday", "This Week", "Earlier"] as const) {
    const items = buckets.get(bucket) ?? [];
    if (items.length === 0 && (bucket !== "Earlier" || undated.length === 0)) continue;
    const id = `BY_DATE/${bucket}`;
    const children = subgroups(bucket, id, items);
    if (bucket === "Earlier" && undated.length > 0) {
      children.push(banner(id, 1, NO_TIMESTAMP, undated.map(leaf)));
    }
    out.push(banner("BY_DATE", 0, bucket, children));
  }
  return out;
}

/** The grouping tree of `specs` (in query order) in `mode`, dated relative to `now`. */
export function buildPrTree(
  specs: readonly ChangeSpec[],
  mode: PrGroupingMode,
  now: Date,
): PrBannerNode[] {
  switch (mode) {
    case "BY_PROJECT":
      return byProject(specs);
    case "BY_STATUS":
      return byStatus(specs);
    case "BY_DATE":
      return byDate(specs, now);
  }
}
