/**
 * COMMITS entries as the commit workflow writes them: the `(N)` numbering of
 * landed commits, the `(Na)` lettering of proposals with their
 * `- (!: NEW PROPOSAL)` marker, the note and body taken from a commit
 * message, and the CHAT/DIFF/PLAN drawers. Pure: text in, lines out.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { parseSaseTimestamp } from "../time.ts";
import type { CommitEntry } from "./types.ts";

/** Whether an entry records a landed commit or a saved proposal. */
export type CommitEntryKind = "commit" | "proposal";

/** The marker every new proposal carries until someone reviews it. */
export const NEW_PROPOSAL_SUFFIX = "!: NEW PROPOSAL";

/** The note used when a commit message has an empty first line. */
export const EMPTY_NOTE = "Manual changes";

/** What one new COMMITS entry says, before it gets its id. */
export interface CommitEntryDraft {
  /** First line of the commit message. */
  note: string;
  /** Lines after the first blank line of the message ("" for a blank line). */
  body: readonly string[];
  /** The `| CHAT:` value (path and optional ` (<duration>)`), if any. */
  chat: string | null;
  /** The `| DIFF:` path, if any. */
  diff: string | null;
  /** The `| PLAN:` path, if any. */
  plan: string | null;
}

/**
 * Split a commit message into the entry's note and body: the note is the
 * first line (or {@linkcode EMPTY_NOTE}), the body is everything after the
 * first blank line, kept only when it has some text.
 */
export function splitCommitMessage(message: string): { note: string; body: string[] } {
  const text = message.replace(/\r\n/g, "\n");
  const paragraphBreak = text.indexOf("\n\n");
  const head = paragraphBreak < 0 ? text : text.slice(0, paragraphBreak);
  const note = head.split("\n")[0].trim() || EMPTY_NOTE;
  const rest = paragraphBreak < 0 ? "" : text.slice(paragraphBreak + 2);
  if (rest.trim() === "") return { note, body: [] };
  const body = rest.split("\n").map((line) => line.trimEnd());
  while (body.length > 0 && body[body.length - 1] === "") body.pop();
  return { note, body };
}

/** The number the next landed commit gets: one more than the highest `(N)`. */
export function nextCommitNumber(commits: readonly CommitEntry[]): number {
  return lastCommitNumber(commits) + 1;
}

function lastCommitNumber(commits: readonly CommitEntry[]): number {
  let max = 0;
  for (const entry of commits) {
    if (entry.proposalLetter === null) max = Math.max(max, entry.number);
  }
  return max;
}

/**
 * The id of the next proposal: the last landed number (0 before any
 * commit) and the first letter not yet used with it.
 */
export function nextProposalId(commits: readonly CommitEntry[]): string {
  const base = lastCommitNumber(commits);
  const used = new Set(
    commits.filter((c) => c.number === base && c.proposalLetter !== null).map((c) =>
      c.proposalLetter
    ),
  );
  for (const letter of "abcdefghijklmnopqrstuvwxyz") {
    if (!used.has(letter)) return `${base}${letter}`;
  }
  throw new SaseError(
    "changespec.proposals_full",
    `commit entry (${base}) already has 26 proposals (${base}a-${base}z)`,
    { hint: "accept or reject some proposals first", kind: "conflict" },
  );
}

/** The id a new entry of `kind` gets among `commits`. */
export function nextEntryId(kind: CommitEntryKind, commits: readonly CommitEntry[]): string {
  return kind === "commit" ? String(nextCommitNumber(commits)) : nextProposalId(commits);
}

/**
 * The entry's lines (without line breaks): `  (<id>) <note>` (proposals end
 * in `- (!: NEW PROPOSAL)`), body lines indented six spaces with `.` for a
 * blank one, then the CHAT, DIFF and PLAN drawers.
 */
export function formatCommitEntryLines(
  id: string,
  kind: CommitEntryKind,
  draft: CommitEntryDraft,
): string[] {
  const marker = kind === "proposal" ? ` - (${NEW_PROPOSAL_SUFFIX})` : "";
  const lines = [`  (${id}) ${draft.note}${marker}`];
  for (const line of draft.body) lines.push(line.trim() === "" ? "      ." : `      ${line}`);
  if (draft.chat !== null) lines.push(`      | CHAT: ${draft.chat}`);
  if (draft.diff !== null) lines.push(`      | DIFF: ${draft.diff}`);
  if (draft.plan !== null) lines.push(`      | PLAN: ${draft.plan}`);
  return lines;
}

/** `45s`, `2m15s`, `1h2m3s` (whole seconds; the original's drawer format). */
export function formatEntryDuration(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = total % 60;
  if (hours > 0) return `${hours}h${minutes}m${secs}s`;
  if (minutes > 0) return `${minutes}m${secs}s`;
  return `${secs}s`;
}

/**
 * The CHAT drawer value for `chatPath`: chat files end in their start time
 * (`...-YYMMDD_HHMMSS.md`), so the drawer adds the run's duration up to
 * `end`; any other name, or a start after `end`, gives the bare path.
 */
export function chatDrawerValue(chatPath: string, end: Date): string {
  const match = /(\d{6}_\d{6})\.md$/.exec(chatPath);
  const start = match ? parseSaseTimestamp(match[1]) : undefined;
  if (!start) return chatPath;
  const seconds = Math.floor((end.getTime() - start.getTime()) / 1000);
  return seconds < 0 ? chatPath : `${chatPath} (${formatEntryDuration(seconds)})`;
}
