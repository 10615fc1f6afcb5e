/**
 * The PRs detail panel: every field and section of the focused ChangeSpec
 * as styled lines, shaped by the section fold levels (handbook 4.4.4):
 *
 * - COMMITS collapsed: regular entries only, notes cut to `noteWidth`, a
 *   body as `[+N lines]`, drawers only on the latest entry; an entry hiding
 *   drawers or proposals carries `[folded: CHAT + DIFF + PLAN + N proposals]`.
 *   Expanded: every entry but rejected proposals, full notes, bodies dimmed,
 *   all drawers. Fully expanded: rejected proposals too.
 * - HOOKS collapsed: each command with its latest run (`[folded: N]` runs
 *   hidden); otherwise every run.
 * - MENTORS collapsed: the latest entry with its mentors, earlier entries
 *   counted; otherwise all.
 * - TIMESTAMPS collapsed: `[folded: N]` on the header and the newest entry
 *   only; otherwise all.
 * - DELTAS folded: one summary line `+3 (+428) ~6 (+91 ~37 -14) -1 (-22) (10
 *   files)`; unfolded: the alphabetical list with coloured glyphs and
 *   `binary` / `0 lines` tokens. Absent when the spec has no DELTAS.
 *
 * Everything in a ChangeSpec may have been written by an agent: all text is
 * neutralised.
 *
 * @module
 */

import type {
  ChangeSpec,
  CommitEntry,
  DeltaEntry,
  TimestampEntry,
} from "../../../core/changespec/types.ts";
import { formatSuffix } from "../../../core/changespec/suffix.ts";
import { formatLineStats } from "../../../core/changespec/format.ts";
import { compareCodeUnits } from "../../../core/text/compare.ts";
import { agentText, type Line, seg, type Segment } from "../segments.ts";
import type { DetailFolds } from "./detail_folds.ts";
import { statusStyle } from "./rows.ts";

/** Options of {@linkcode changeSpecDetail}. */
export interface DetailOptions {
  /** Cells a collapsed commit note may take (with its fold indicator); no cut when absent. */
  noteWidth?: number;
}

function field(key: string, value: string, style: Segment["style"] = "field.value"): Line {
  return [seg(`${key}: `, "field.key"), seg(agentText(value), style)];
}

function header(name: string, extra: Segment[] = []): Line {
  return [seg(`${name}:`, "section.header"), ...extra];
}

function cut(text: string, width: number | undefined): string {
  if (width === undefined || text.length <= width) return text;
  return width <= 1 ? "…".slice(0, width) : `${text.slice(0, width - 1)}…`;
}

function entryId(entry: CommitEntry): string {
  return `${entry.number}${entry.proposalLetter ?? ""}`;
}

function suffixSegment(suffix: string | null, type: CommitEntry["suffixType"]): Segment[] {
  if (suffix === null) return [];
  return [seg(` - (${agentText(formatSuffix(suffix, type))})`, type === "error" ? "error" : "dim")];
}

function drawers(entry: CommitEntry): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (entry.chat !== null) out.push(["CHAT", entry.chat]);
  if (entry.diff !== null) out.push(["DIFF", entry.diff]);
  if (entry.plan !== null) out.push(["PLAN", entry.plan]);
  return out;
}

function commitLines(spec: ChangeSpec, folds: DetailFolds, options: DetailOptions): Line[] {
  if (spec.commits.length === 0) return [];
  const out: Line[] = [header("COMMITS")];
  const level = folds.commits;
  const regular = spec.commits.filter((entry) => entry.proposalLetter === null);
  const latest = regular.at(-1) ?? spec.commits.at(-1)!;
  for (const entry of spec.commits) {
    const proposal = entry.proposalLetter !== null;
    if (level === "collapsed" && proposal) continue;
    if (level === "expanded" && entry.suffixType === "rejected_proposal") continue;
    const showDrawers = level !== "collapsed" || entry === latest;
    const hidden: string[] = [];
    if (!showDrawers) hidden.push(...drawers(entry).map(([name]) => name));
    if (level === "collapsed") {
      const proposals = spec.commits.filter((p) =>
        p.proposalLetter !== null && p.number === entry.number
      ).length;
      if (proposals > 0) hidden.push(`${proposals} proposal${proposals === 1 ? "" : "s"}`);
    }
    const indicator = hidden.length ? ` [folded: ${hidden.join(" + ")}]` : "";
    const note = agentText(entry.note);
    const noteWidth = level === "collapsed" && options.noteWidth !== undefined
      ? Math.max(1, options.noteWidth - indicator.length)
      : undefined;
    out.push([
      seg(`  (${entryId(entry)}) `, "accent"),
      seg(cut(note, noteWidth)),
      ...suffixSegment(entry.suffix, entry.suffixType),
      ...(indicator ? [seg(indicator, "section.folded")] : []),
    ]);
    if (entry.body.length > 0) {
      if (level === "collapsed") {
        out.push([seg(`      [+${entry.body.length} lines]`, "dim")]);
      } else {
        for (const line of entry.body) out.push([seg(`      ${agentText(line)}`, "dim")]);
      }
    }
    if (showDrawers) {
      for (const [name, value] of drawers(entry)) {
        out.push([seg("      | ", "dim"), seg(`${name}: `, "field.key"), seg(agentText(value))]);
      }
    }
  }
  return out;
}

function hookLines(spec: ChangeSpec, folds: DetailFolds): Line[] {
  if (spec.hooks.length === 0) return [];
  const out: Line[] = [header("HOOKS")];
  for (const hook of spec.hooks) {
    const runs = folds.hooks === "collapsed" ? hook.statusLines.slice(-1) : hook.statusLines;
    const hiddenRuns = hook.statusLines.length - runs.length;
    out.push([
      seg(`  ${agentText(hook.command)}`),
      ...(hiddenRuns > 0 ? [seg(` [folded: ${hiddenRuns}]`, "section.folded")] : []),
    ]);
    for (const run of runs) {
      const failed = run.status === "FAILED" || run.suffixType === "error";
      out.push([
        seg(`      | (${agentText(run.commitEntryNum)}) [${agentText(run.timestamp)}] `, "dim"),
        seg(
          agentText(run.status),
          failed ? "error" : run.status === "PASSED" ? "success" : "plain",
        ),
        ...(run.duration !== null ? [seg(` (${agentText(run.duration)})`, "dim")] : []),
        ...suffixSegment(run.suffix, run.suffixType),
        ...(run.summary !== null && folds.hooks !== "collapsed"
          ? [seg(` | ${agentText(run.summary)}`, "dim")]
          : []),
      ]);
    }
  }
  return out;
}

function commentLines(spec: ChangeSpec): Line[] {
  if (spec.comments.length === 0) return [];
  return [
    header("COMMENTS"),
    ...spec.comments.map((comment): Line => [
      seg(`  [${agentText(comment.reviewer)}] `, "accent"),
      seg(agentText(comment.filePath)),
      ...suffixSegment(comment.suffix, comment.suffixType),
    ]),
  ];
}

function mentorLines(spec: ChangeSpec, folds: DetailFolds): Line[] {
  if (spec.mentors.length === 0) return [];
  const shown = folds.mentors === "collapsed" ? spec.mentors.slice(-1) : spec.mentors;
  const hidden = spec.mentors.length - shown.length;
  const out: Line[] = [
    header("MENTORS", hidden > 0 ? [seg(` [folded: ${hidden}]`, "section.folded")] : []),
  ];
  for (const entry of shown) {
    out.push([
      seg(`  (${agentText(entry.entryId)}) `, "accent"),
      seg(agentText(entry.profilesText)),
      ...(entry.isDraft ? [seg(" #Draft", "dim")] : []),
    ]);
    for (const line of entry.statusLines) {
      out.push([
        seg(`      | ${line.timestamp === null ? "" : `[${agentText(line.timestamp)}] `}`, "dim"),
        seg(`${agentText(line.profileName)}:${agentText(line.mentorName)} - `),
        seg(agentText(line.status), line.status === "PASSED" ? "success" : "plain"),
        ...(line.duration !== null ? [seg(` - (${agentText(line.duration)})`, "dim")] : []),
      ]);
    }
  }
  return out;
}

function newest(entries: readonly TimestampEntry[]): TimestampEntry {
  return entries.reduce((best, entry) =>
    compareCodeUnits(entry.timestamp, best.timestamp) >= 0 ? entry : best
  );
}

function timestampLines(spec: ChangeSpec, folds: DetailFolds): Line[] {
  if (spec.timestamps.length === 0) return [];
  const line = (entry: TimestampEntry): Line => [
    seg(`  [${agentText(entry.timestamp)}] `, "dim"),
    seg(agentText(entry.eventType), "accent"),
    seg(entry.detail === "" ? "" : ` ${agentText(entry.detail)}`),
  ];
  if (folds.timestamps === "collapsed") {
    return [
      header("TIMESTAMPS", [seg(` [folded: ${spec.timestamps.length}]`, "section.folded")]),
      line(newest(spec.timestamps)),
    ];
  }
  return [header("TIMESTAMPS"), ...spec.timestamps.map(line)];
}

interface DeltaTotals {
  files: number;
  added: number;
  modified: number;
  removed: number;
  counted: boolean;
}

function totals(entries: readonly DeltaEntry[]): DeltaTotals {
  const out: DeltaTotals = {
    files: entries.length,
    added: 0,
    modified: 0,
    removed: 0,
    counted: false,
  };
  for (const entry of entries) {
    if (entry.lines?.kind !== "counts") continue;
    out.counted = true;
    out.added += entry.lines.added;
    out.modified += entry.lines.modified;
    out.removed += entry.lines.removed;
  }
  return out;
}

/** The folded DELTAS summary, e.g. `+3 (+428) ~6 (+91 ~37 -14) -1 (-22) (10 files)`. */
export function deltaSummary(deltas: readonly DeltaEntry[]): Segment[] {
  const out: Segment[] = [];
  const groups = [
    ["A", "+", "delta.added"],
    ["M", "~", "delta.modified"],
    ["D", "-", "delta.removed"],
  ] as const;
  for (const [type, glyph, style] of groups) {
    const entries = deltas.filter((delta) => delta.changeType === type);
    if (entries.length === 0) continue;
    const sum = totals(entries);
    const counts: string[] = [];
    if (sum.added) counts.push(`+${sum.added}`);
    if (sum.modified) counts.push(`~${sum.modified}`);
    if (sum.removed) counts.push(`-${sum.removed}`);
    if (out.length) out.push(seg(" "));
    out.push(seg(`${glyph}${entries.length}`, style));
    if (sum.counted && counts.length) out.push(seg(` (${counts.join(" ")})`, "dim"));
  }
  out.push(seg(` (${deltas.length} file${deltas.length === 1 ? "" : "s"})`, "dim"));
  return out;
}

const DELTA_GLYPHS = {
  A: ["+", "delta.added"],
  M: ["~", "delta.modified"],
  D: ["-", "delta.removed"],
} as const;

function deltaLines(spec: ChangeSpec, folds: DetailFolds): Line[] {
  if (!spec.deltas || spec.deltas.length === 0) return [];
  if (!folds.deltasUnfolded) return [header("DELTAS", [seg(" "), ...deltaSummary(spec.deltas)])];
  const sorted = [...spec.deltas].sort((a, b) => compareCodeUnits(a.path, b.path));
  return [
    header("DELTAS"),
    ...sorted.map((entry): Line => {
      const [glyph, style] = DELTA_GLYPHS[entry.changeType];
      const stats = entry.lines === null
        ? ""
        : entry.lines.kind === "binary"
        ? "binary"
        : formatLineStats(entry.lines) === "0"
        ? "0 lines"
        : formatLineStats(entry.lines);
      return [
        seg(`  ${glyph} `, style),
        seg(agentText(entry.path)),
        ...(stats ? [seg(`  ${stats}`, "dim")] : []),
      ];
    }),
  ];
}

/** The detail panel lines of `spec` under `folds`. */
export function changeSpecDetail(
  spec: ChangeSpec,
  folds: DetailFolds,
  options: DetailOptions = {},
): Line[] {
  const out: Line[] = [field("NAME", spec.name, "bold")];
  const description = spec.description.split("\n");
  if (description.length <= 1) out.push(field("DESCRIPTION", spec.description));
  else out.push(header("DESCRIPTION"), ...description.map((line) => [seg(`  ${agentText(line)}`)]));
  if (spec.parent !== null) out.push(field("PARENT", spec.parent));
  if (spec.pr !== null) out.push(field("PR", spec.pr));
  if (spec.prOrigin !== "unknown") out.push(field("PR_ORIGIN", spec.prOrigin));
  if (spec.bug !== null) out.push(field("BUG", spec.bug));
  out.push(field("STATUS", spec.status, statusStyle(spec.status)));
  for (const [key, value] of Object.entries(spec.extraFields)) {
    out.push(field(agentText(key), value));
  }
  if (spec.refs.length) {
    out.push(header("REFS"), ...spec.refs.map((ref) => [seg(`  ${agentText(ref)}`)]));
  }
  out.push(
    ...commitLines(spec, folds, options),
    ...hookLines(spec, folds),
    ...commentLines(spec),
    ...mentorLines(spec, folds),
    ...timestampLines(spec, folds),
    ...deltaLines(spec, folds),
  );
  return out;
}
