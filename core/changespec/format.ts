/**
 * Canonical ChangeSpec writer: turns a model into the text the original
 * writer produces (field order NAME, DESCRIPTION, PARENT, PR, PR_ORIGIN, BUG,
 * STATUS, REFS, COMMITS, HOOKS, COMMENTS, MENTORS, TIMESTAMPS, DELTAS;
 * 2-space entries, 6-space drawers). Existing files are never re-rendered
 * through this: edits splice lines so unchanged bytes stay unchanged.
 *
 * @module
 */

import { formatSuffix } from "./suffix.ts";
import type {
  ChangeSpec,
  CommentEntry,
  DeltaEntry,
  DeltaLineStats,
  HookEntry,
  MentorEntry,
  TimestampEntry,
} from "./types.ts";

/** Field order used when writing or inserting fields. */
export const FIELD_ORDER = [
  "NAME",
  "DESCRIPTION",
  "PARENT",
  "PR",
  "PR_ORIGIN",
  "BUG",
  "STATUS",
  "REFS",
  "COMMITS",
  "HOOKS",
  "COMMENTS",
  "MENTORS",
  "TIMESTAMPS",
  "DELTAS",
] as const;

/** Render `LINES:` statistics (`+12 ~7 -3`, `binary`, `0`). */
export function formatLineStats(stats: DeltaLineStats): string {
  if (stats.kind === "binary") return "binary";
  const parts: string[] = [];
  if (stats.added) parts.push(`+${stats.added}`);
  if (stats.modified) parts.push(`~${stats.modified}`);
  if (stats.removed) parts.push(`-${stats.removed}`);
  return parts.length === 0 ? "0" : parts.join(" ");
}

/** DELTAS block lines (with newlines), sorted by path; empty when no deltas. */
export function formatDeltas(deltas: readonly DeltaEntry[]): string[] {
  if (deltas.length === 0) return [];
  const glyph = { A: "+", M: "~", D: "-" } as const;
  const sorted = [...deltas].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  const out = ["DELTAS:\n"];
  for (const delta of sorted) {
    out.push(`  ${glyph[delta.changeType]} ${delta.path}\n`);
    if (delta.lines) out.push(`      | LINES: ${formatLineStats(delta.lines)}\n`);
  }
  return out;
}

/** One TIMESTAMPS entry line (without newline), bracketed as the handbook writes. */
export function formatTimestampLine(entry: TimestampEntry): string {
  return `  [${entry.timestamp}] ${entry.eventType} ${entry.detail}`;
}

function descriptionLines(description: string): string[] {
  if (description === "") return ["DESCRIPTION:"];
  const lines = description.split("\n");
  if (lines.length === 1) return [`DESCRIPTION: ${lines[0]}`];
  return ["DESCRIPTION:", ...lines.map((line) => `  ${line}`)];
}

/** Render one ChangeSpec as canonical text, ending with a newline. */
export function formatChangeSpec(spec: ChangeSpec): string {
  const out: string[] = [`NAME: ${spec.name}`, ...descriptionLines(spec.description)];
  if (spec.parent !== null) out.push(`PARENT: ${spec.parent}`);
  if (spec.pr !== null) out.push(`PR: ${spec.pr}`);
  if (spec.prOrigin !== "unknown") out.push(`PR_ORIGIN: ${spec.prOrigin}`);
  if (spec.bug !== null) out.push(`BUG: ${spec.bug}`);
  out.push(`STATUS: ${spec.status}`);
  for (const [key, value] of Object.entries(spec.extraFields)) {
    out.push(value === "" ? `${key}:` : `${key}: ${value}`);
  }
  if (spec.refs.length) out.push("REFS:", ...spec.refs.map((ref) => `  ${ref}`));
  if (spec.commits.length) {
    out.push("COMMITS:");
    for (const c of spec.commits) {
      const tail = c.suffix === null ? "" : ` - (${formatSuffix(c.suffix, c.suffixType)})`;
      out.push(`  (${c.number}${c.proposalLetter ?? ""}) ${c.note}${tail}`);
      for (const line of c.body) out.push(`      ${line === "" ? "." : line}`);
      if (c.chat !== null) out.push(`      | CHAT: ${c.chat}`);
      if (c.diff !== null) out.push(`      | DIFF: ${c.diff}`);
      if (c.plan !== null) out.push(`      | PLAN: ${c.plan}`);
    }
  }
  out.push(...formatHooksBlock(spec.hooks));
  out.push(...formatCommentsBlock(spec.comments));
  out.push(...formatMentorsBlock(spec.mentors));
  if (spec.timestamps.length) out.push("TIMESTAMPS:", ...spec.timestamps.map(formatTimestampLine));
  const text = out.map((line) => `${line}\n`).join("");
  return text + (spec.deltas ? formatDeltas(spec.deltas).join("") : "");
}

/**
 * The HOOKS field's lines (header, 2-space commands, 6-space `| (N) [ts]
 * STATUS (dur) - (suffix)` drawers); none when there are no hooks.
 */
export function formatHooksBlock(hooks: readonly HookEntry[]): string[] {
  if (hooks.length === 0) return [];
  const out = ["HOOKS:"];
  for (const hook of hooks) {
    out.push(`  ${hook.command}`);
    for (const s of hook.statusLines) {
      let line = `      | (${s.commitEntryNum}) [${s.timestamp}] ${s.status}`;
      if (s.duration !== null) line += ` (${s.duration})`;
      if (s.suffix !== null) {
        const summary = s.summary === null ? "" : ` | ${s.summary}`;
        line += ` - (${formatSuffix(s.suffix, s.suffixType)}${summary})`;
      }
      out.push(line);
    }
  }
  return out;
}

/** The COMMENTS field's lines (`[reviewer] path - (suffix)` entries); none when empty. */
export function formatCommentsBlock(comments: readonly CommentEntry[]): string[] {
  if (comments.length === 0) return [];
  return [
    "COMMENTS:",
    ...comments.map((c) => {
      const tail = c.suffix === null ? "" : ` - (${formatSuffix(c.suffix, c.suffixType)})`;
      return `  [${c.reviewer}] ${c.filePath}${tail}`;
    }),
  ];
}

/**
 * The MENTORS field's lines (header, `(id) profile[n/m] ...` entries and
 * their `| [ts] profile:mentor - STATUS - (dur)` lines); none when empty.
 */
export function formatMentorsBlock(mentors: readonly MentorEntry[]): string[] {
  if (mentors.length === 0) return [];
  const out = ["MENTORS:"];
  for (const m of mentors) {
    out.push(`  (${m.entryId}) ${m.profilesText}${m.isDraft ? " #Draft" : ""}`);
    for (const s of m.statusLines) {
      const stamp = s.timestamp === null ? "" : `[${s.timestamp}] `;
      const tail = s.duration !== null
        ? ` - (${s.duration})`
        : s.suffix !== null
        ? ` - (${s.suffixType === "entry_ref" ? s.suffix : formatSuffix(s.suffix, s.suffixType)})`
        : "";
      out.push(`      | ${stamp}${s.profileName}:${s.mentorName} - ${s.status}${tail}`);
    }
  }
  return out;
}

/** Render several ChangeSpecs separated by two blank lines. */
export function formatChangeSpecs(specs: readonly ChangeSpec[]): string {
  return specs.map(formatChangeSpec).join("\n\n");
}
