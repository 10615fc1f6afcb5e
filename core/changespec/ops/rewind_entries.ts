/**
 * What a rewind to COMMITS entry `(N)` does to a ChangeSpec's text, as the
 * original's rewind renumbers it. Pure: block lines in, block lines out.
 *
 * - entries before `(N)`, and proposals of those entries, stay as written;
 * - `(N)` stays `(N)` and is flagged `- (!: NEW PROPOSAL)` (any earlier
 *   marker suffix replaced): the branch is back at it and it is up for
 *   review again;
 * - the first entry after `(N)` becomes proposal `(N<letter>)` (the first
 *   letter `(N)`'s proposals do not use), flagged the same way, so the undone
 *   work can be accepted again;
 * - proposals of `(N)` stay; every later entry and proposal goes;
 * - HOOKS status lines, MENTORS entries and COMMENTS references follow the
 *   new ids: lines about removed entries go, references to them are
 *   dropped.
 *
 * Every line the rewind does not renumber keeps its exact text.
 *
 * @module
 */

import { SaseError } from "../../errors.ts";
import { NEW_PROPOSAL_SUFFIX } from "../commit_entry.ts";

/** Old entry id → new id, or null when the entry is removed. */
export type EntryIdMap = ReadonlyMap<string, string | null>;

/** One COMMITS entry as written: its first line and the lines under it. */
interface RawEntry {
  number: number;
  letter: string | null;
  head: string;
  rest: string[];
}

const ENTRY_LINE = /^ {2}\((\d+)([a-z])?\)\s+\S/;
/** A state marker at the end of an entry line: ` - (!: ...)`, ` - (~!: ...)`, ` - (@)`. */
const MARKER_SUFFIX = /\s+-\s+\((?:[~?]?[!@$%^~]:[^)]*|@)\)\s*$/;

const idOf = (entry: { number: number; letter: string | null }) =>
  `${entry.number}${entry.letter ?? ""}`;

function splitEntries(lines: readonly string[]): { preamble: string[]; entries: RawEntry[] } {
  const preamble: string[] = [];
  const entries: RawEntry[] = [];
  for (const line of lines) {
    const match = ENTRY_LINE.exec(line);
    if (match && !line.startsWith("    ")) {
      entries.push({ number: Number(match[1]), letter: match[2] ?? null, head: line, rest: [] });
    } else if (entries.length > 0) {
      entries[entries.length - 1].rest.push(line);
    } else {
      preamble.push(line);
    }
  }
  return { preamble, entries };
}

/** `line` with entry id `id` and a fresh NEW PROPOSAL marker. */
function flagged(line: string, id: string): string {
  const renumbered = line.replace(/^( {2})\(\d+[a-z]?\)/, `$1(${id})`);
  return `${renumbered.replace(MARKER_SUFFIX, "").trimEnd()} - (${NEW_PROPOSAL_SUFFIX})`;
}

/** The result of {@linkcode rewindCommitsBlock}. */
export interface RewoundCommits {
  /** The new COMMITS block (header first). */
  lines: string[];
  /** What became of every entry id that was in the block. */
  ids: Map<string, string | null>;
  /** The id the first undone entry got (`(N<letter>)`). */
  proposalId: string;
}

/**
 * Rewind a COMMITS block (its header line and entry lines) to entry
 * `target`. `(target)` must exist and have a landed entry after it (else a
 * `conflict` error: the spec changed since the caller checked).
 */
export function rewindCommitsBlock(block: readonly string[], target: number): RewoundCommits {
  const [header, ...body] = block;
  const { preamble, entries } = splitEntries(body);
  const landed = entries.filter((e) => e.letter === null);
  const selected = landed.find((e) => e.number === target);
  const undone = landed.filter((e) => e.number > target).sort((a, b) => a.number - b.number)[0];
  if (selected === undefined || undone === undefined) {
    // The spec changed between the checks and this locked write.
    throw new SaseError(
      "changespec.entry_not_found",
      `COMMITS has no entry (${target}) with a landed entry after it`,
      { kind: "conflict" },
    );
  }
  const usedLetters = new Set(
    entries.filter((e) => e.number === target && e.letter !== null).map((e) => e.letter),
  );
  const letter = [..."abcdefghijklmnopqrstuvwxyz"].find((l) => !usedLetters.has(l))!;
  const proposalId = `${target}${letter}`;
  const ids = new Map<string, string | null>();
  const kept: { number: number; letter: string | null; lines: string[] }[] = [];
  for (const entry of entries) {
    const id = idOf(entry);
    if (entry === selected) {
      ids.set(id, id);
      kept.push({ ...entry, lines: [flagged(entry.head, id), ...entry.rest] });
    } else if (entry === undone) {
      ids.set(id, proposalId);
      kept.push({
        number: target,
        letter,
        lines: [flagged(entry.head, proposalId), ...entry.rest],
      });
    } else if (entry.number < target || (entry.number === target && entry.letter !== null)) {
      ids.set(id, id);
      kept.push({ ...entry, lines: [entry.head, ...entry.rest] });
    } else {
      ids.set(id, null);
    }
  }
  kept.sort((a, b) => a.number - b.number || (a.letter ?? "").localeCompare(b.letter ?? ""));
  return { lines: [header, ...preamble, ...kept.flatMap((e) => e.lines)], ids, proposalId };
}

/** A ` - (<id>)` / ` - (<id> | summary)` entry reference at the end of a line. */
const ENTRY_REF = /\s+-\s+\((\d+[a-z]?)(\s*\|[^)]*)?\)$/;

/** `line` with its trailing entry reference renumbered or (removed entry) dropped. */
function remapRef(line: string, ids: EntryIdMap): string {
  const match = ENTRY_REF.exec(line);
  if (!match || !ids.has(match[1])) return line;
  const next = ids.get(match[1]);
  if (next === null) return line.slice(0, match.index);
  return next === match[1] ? line : `${line.slice(0, match.index)} - (${next}${match[2] ?? ""})`;
}

const HOOK_STATUS = /^( {6}\| \()(\d+[a-z]?)((?:-\d+)?\).*)$/;

/** HOOKS block lines with status lines renumbered (lines of removed entries dropped). */
export function remapHookLines(block: readonly string[], ids: EntryIdMap): string[] {
  const out: string[] = [];
  for (const line of block) {
    const match = HOOK_STATUS.exec(line);
    if (!match || !ids.has(match[2])) {
      out.push(match ? remapRef(line, ids) : line);
      continue;
    }
    const next = ids.get(match[2]);
    if (next === null) continue;
    out.push(remapRef(`${match[1]}${next}${match[3]}`, ids));
  }
  return out;
}

const MENTOR_ENTRY = /^( {2}\()(\d+[a-z]?)(\).*)$/;

/**
 * MENTORS block lines renumbered: entries of removed commit entries go with
 * their status lines, and so does an entry for a landed number after
 * `target` that COMMITS never had.
 */
export function remapMentorLines(
  block: readonly string[],
  ids: EntryIdMap,
  target: number,
): string[] {
  const out: string[] = [];
  let dropping = false;
  for (const line of block) {
    const match = MENTOR_ENTRY.exec(line);
    if (match && !line.startsWith("      ")) {
      const id = match[2];
      const orphan = !ids.has(id) && /^\d+$/.test(id) && Number(id) > target;
      const next = ids.has(id) ? ids.get(id)! : orphan ? null : id;
      dropping = next === null;
      if (!dropping) out.push(`${match[1]}${next}${match[3]}`);
      continue;
    }
    if (dropping && line.startsWith("      ")) continue;
    dropping = false;
    out.push(remapRef(line, ids));
  }
  return out;
}

/** COMMENTS block lines with their entry references renumbered or dropped. */
export function remapCommentLines(block: readonly string[], ids: EntryIdMap): string[] {
  return block.map((line) => remapRef(line, ids));
}
