/**
 * Line parsers for the block sections of a ChangeSpec (COMMITS, HOOKS,
 * COMMENTS, MENTORS, TIMESTAMPS, DELTAS, REFS).
 *
 * Each parser looks at one indented line and folds it into the section's
 * entries. It returns false when the line has no recognised shape, so the
 * caller can report it with file and line while the rest still loads.
 *
 * @module
 */

import { isEntryRefSuffix, parseSuffix } from "./suffix.ts";
import type {
  CommentEntry,
  CommitEntry,
  DeltaEntry,
  HookEntry,
  MentorEntry,
  SuffixType,
  TimestampEntry,
} from "./types.ts";

const COMMIT_ENTRY = /^\((\d+)([a-z])?\)\s+(.+)$/;
const COMMIT_DRAWER = /^\| (CHAT|DIFF|PLAN):(.*)$/;
const COMMIT_SUFFIX = /\s+-\s+\((~!:|!:|~:|@:)?\s*([^)]+)\)$/;
const HOOK_STATUS =
  /^\((\d+[a-z]?)\)\s+\[(\d{6})_(\d{6})\]\s*(RUNNING|PASSED|FAILED|DEAD|KILLED|SKIPPED)(?:\s+\(([^)]+)\))?(?:\s+-\s+\((.+)\))?$/;
const COMMENT_ENTRY = /^\[([^\]]+)\]\s+(\S+)(?:\s+-\s+\(([^)]+)\))?$/;
const MENTOR_ENTRY = /^\((\d+[a-z]?)\)\s+(.+)$/;
const MENTOR_PROFILE = /(\w+)\[\d+\/\d+\]/g;
const MENTOR_STATUS =
  /^(?:\[(\d{6}_\d{6})\]\s+)?([^:]+):(\S+)\s+-\s+(STARTING|RUNNING|PASSED|COMMENTED|FAILED|DEAD|KILLED)(?:\s+-\s+\(([^)]+)\))?$/;
const EVENT_TYPES = "COMMIT|STATUS|SYNC|REWORD|REWIND|RENAME|REBASE";
const TS_BARE = new RegExp(`^(\\d{6}_\\d{6})\\s+(${EVENT_TYPES})\\s+(.+)$`);
const TS_BRACKET = new RegExp(`^\\[(\\d{6}_\\d{6})\\]\\s+(${EVENT_TYPES})\\s+(.+)$`);
const TS_ISO = new RegExp(
  `^\\[(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2})\\]\\s+(${EVENT_TYPES})\\s+(.+)$`,
);
const DELTA_ENTRY = /^ {2}([+~-]) (.+)$/;
const DELTA_LINES = /^\| LINES:\s*(.*)$/;
/** A whole LINES value of counts: `+N`, `~N` or `-N`, separated by whitespace. */
const LINE_COUNTS = /^[+~-]\d+(?:\s+[+~-]\d+)*$/;
const GLYPH_TYPE: Readonly<Record<string, DeltaEntry["changeType"]>> = {
  "+": "A",
  "~": "M",
  "-": "D",
};

/** Indentation test helpers: entry lines use 2 spaces, drawers 6. */
function entryIndent(line: string): boolean {
  return line.startsWith("  ") && !line.startsWith("    ");
}

/** Fold one COMMITS line into `entries`. */
export function parseCommitsLine(line: string, entries: CommitEntry[]): boolean {
  const stripped = line.trim();
  const entry = COMMIT_ENTRY.exec(stripped);
  if (entry && entryIndent(line)) {
    let note = entry[3];
    let suffix: string | null = null;
    let suffixType: SuffixType | null = null;
    const tail = COMMIT_SUFFIX.exec(note);
    if (tail) {
      suffix = tail[2].trim();
      suffixType = ({ "~!:": "rejected_proposal", "!:": "error", "@:": "running_agent" } as const)[
        tail[1] as "~!:" | "!:" | "@:"
      ] ?? null;
      if (suffix === "@") {
        suffix = "";
        suffixType = "running_agent";
      }
      note = note.slice(0, tail.index);
    }
    entries.push({
      number: Number(entry[1]),
      proposalLetter: entry[2] ?? null,
      note,
      body: [],
      chat: null,
      diff: null,
      plan: null,
      suffix,
      suffixType,
    });
    return true;
  }
  const current = entries.at(-1);
  if (!current || !line.startsWith("      ")) return false;
  const drawer = COMMIT_DRAWER.exec(stripped);
  if (drawer) {
    const value = drawer[2].trim();
    if (drawer[1] === "CHAT") current.chat = value;
    else if (drawer[1] === "DIFF") current.diff = value;
    else current.plan = value;
    return true;
  }
  if (stripped.startsWith("| ")) return true;
  current.body.push(stripped === "." ? "" : stripped);
  return true;
}

/** Fold one HOOKS line into `hooks`. */
export function parseHooksLine(line: string, hooks: HookEntry[]): boolean {
  const stripped = line.trim();
  if (entryIndent(line) && !stripped.startsWith("[") && !stripped.startsWith("(")) {
    hooks.push({ command: stripped, statusLines: [] });
    return true;
  }
  if (!line.startsWith("      | ")) return false;
  const match = HOOK_STATUS.exec(stripped.slice(2));
  const hook = hooks.at(-1);
  if (!match || !hook) return false;
  let raw: string | null = match[6] ?? null;
  let summary: string | null = null;
  if (raw !== null) {
    const bar = raw.indexOf(" | ");
    if (bar >= 0) {
      summary = raw.slice(bar + 3);
      raw = raw.slice(0, bar);
    }
  }
  const parsed = raw === null ? null : parseSuffix(raw);
  hook.statusLines.push({
    commitEntryNum: match[1],
    timestamp: `${match[2]}_${match[3]}`,
    status: match[4],
    duration: match[5] ?? null,
    suffix: parsed?.value ?? null,
    suffixType: parsed?.type ?? null,
    summary,
  });
  return true;
}

/** Fold one COMMENTS line into `comments`. */
export function parseCommentsLine(line: string, comments: CommentEntry[]): boolean {
  if (!entryIndent(line)) return false;
  const match = COMMENT_ENTRY.exec(line.trim());
  if (!match) return false;
  const parsed = match[3] === undefined ? null : parseSuffix(match[3]);
  comments.push({
    reviewer: match[1],
    filePath: match[2],
    suffix: parsed?.value ?? null,
    suffixType: parsed?.type ?? null,
  });
  return true;
}

/** Fold one MENTORS line into `mentors`. */
export function parseMentorsLine(line: string, mentors: MentorEntry[]): boolean {
  const stripped = line.trim();
  if (line.startsWith("  ") && !line.startsWith("      ")) {
    const match = MENTOR_ENTRY.exec(stripped);
    if (!match) return false;
    let raw = match[2];
    const isDraft = raw.trimEnd().endsWith("#Draft");
    if (isDraft) raw = raw.replace(" #Draft", "").trimEnd();
    let profiles = [...raw.matchAll(MENTOR_PROFILE)].map((m) => m[1]);
    if (profiles.length === 0) profiles = raw.split(/\s+/).filter((p) => p !== "");
    mentors.push({ entryId: match[1], profiles, profilesText: raw, isDraft, statusLines: [] });
    return true;
  }
  if (!line.startsWith("      | ")) return false;
  const match = MENTOR_STATUS.exec(stripped.slice(2));
  const mentor = mentors.at(-1);
  if (!match || !mentor) return false;
  const raw = match[5] ?? null;
  let suffix: string | null = null;
  let suffixType: SuffixType | null = null;
  let duration: string | null = null;
  if (raw !== null) {
    const parsed = parseSuffix(raw);
    if (parsed.type !== null) {
      suffix = parsed.value;
      suffixType = parsed.type;
    } else if (isEntryRefSuffix(raw)) {
      suffix = raw;
      suffixType = "entry_ref";
    } else {
      // A plain parenthesised tail on a mentor line is its duration.
      duration = raw;
      suffixType = "plain";
    }
  }
  mentor.statusLines.push({
    profileName: match[2],
    mentorName: match[3],
    status: match[4],
    timestamp: match[1] ?? null,
    duration,
    suffix,
    suffixType,
  });
  return true;
}

/** Parse one TIMESTAMPS line (bare, bracketed or ISO form). */
export function parseTimestampLine(line: string): TimestampEntry | null {
  if (!line.startsWith("  ")) return null;
  const stripped = line.trim();
  // Only the bracketed forms start with `[`, so one form's pattern is tried, or two.
  const match = stripped.startsWith("[")
    ? TS_BRACKET.exec(stripped) ?? TS_ISO.exec(stripped)
    : TS_BARE.exec(stripped);
  if (!match) return null;
  return { timestamp: match[1], eventType: match[2], detail: match[3].trimEnd() };
}

/** Parse the text after `LINES:` into line statistics. */
export function parseLineStats(text: string): DeltaEntry["lines"] {
  const value = text.trim();
  if (value === "binary") return { kind: "binary" };
  const stats = { kind: "counts" as const, added: 0, modified: 0, removed: 0 };
  if (value === "0" || value === "0 lines") return stats;
  if (!LINE_COUNTS.test(value)) return null;
  // Each count in order, a later one of the same sign winning; what lies
  // between them is whitespace (the pattern above made sure).
  for (let at = 0; at < value.length;) {
    const sign = value[at];
    if (sign !== "+" && sign !== "~" && sign !== "-") {
      at++;
      continue;
    }
    let end = at + 1;
    while (end < value.length && value[end] >= "0" && value[end] <= "9") end++;
    const count = Number(value.slice(at + 1, end));
    if (sign === "+") stats.added = count;
    else if (sign === "~") stats.modified = count;
    else stats.removed = count;
    at = end;
  }
  return stats;
}

/** Fold one DELTAS line into `deltas`. */
export function parseDeltasLine(line: string, deltas: DeltaEntry[]): boolean {
  if (line.startsWith("  ") && !line.startsWith("   ")) {
    const match = DELTA_ENTRY.exec(line);
    if (!match) return false;
    deltas.push({ path: match[2], changeType: GLYPH_TYPE[match[1]], lines: null });
    return true;
  }
  const drawer = DELTA_LINES.exec(line.trim());
  const last = deltas.at(-1);
  if (!drawer || !last || !line.startsWith("      ")) return false;
  last.lines = parseLineStats(drawer[1]);
  return last.lines !== null;
}
