/**
 * The `AGENT REPLY` line model: the reply of every phase of an agent family
 * (planner, feedback rounds, coder) one after another, a purple phase
 * divider (label and start time) before each phase when there are several,
 * and a turn divider (its time) wherever `live_reply_timestamps.jsonl`
 * marks a new block of text (an offset right after the blank line the
 * recorder writes between blocks, or the start). Lines are produced lazily:
 * only as many as asked for, so a 20 MB reply costs what the viewport
 * shows; `more` says whether anything was left.
 *
 * @module
 */

import { agentText, type Line, seg } from "../segments.ts";
import { localStamp } from "../shared.ts";
import type { AgentItem } from "./item.ts";

/** One `live_reply_timestamps.jsonl` entry. */
export interface ReplyChunk {
  /** UTF-8 byte offset of the chunk in `live_reply.md`. */
  readonly byteOffset: number;
  readonly timestamp: string;
}

/** One phase's reply. */
export interface ReplyPhase {
  /** `PLANNER`, `CODER`, `PLANNER (round 2)`, ... (see {@linkcode phaseLabel}). */
  readonly label: string;
  readonly startedAt: string | null;
  /** The reply text read so far (a prefix of the file when `truncated`). */
  readonly text: string;
  readonly chunks: readonly ReplyChunk[];
  /** The file holds more than `text`. */
  readonly truncated: boolean;
}

/** The lines laid out and whether more remain. */
export interface ReplyView {
  readonly lines: readonly Line[];
  readonly more: boolean;
}

const ROLE_LABELS: Readonly<Record<string, string>> = {
  plan: "PLANNER",
  code: "CODER",
  q: "QUESTIONS",
  epic: "EPIC",
  legend: "LEGEND",
  commit: "COMMIT",
};

/**
 * The phase label of an agent name's role suffix: `a--plan` PLANNER,
 * `a--code` CODER, `a--q` QUESTIONS, `a--epic` EPIC, `a--legend` LEGEND,
 * `a--commit` COMMIT, `a--2` PLANNER (round 2); legacy `.plan` / `-plan`
 * read the same; no suffix: null.
 */
export function phaseLabel(name: string): string | null {
  const match = /(?:--|\.|-)([a-z]+|\d+)$/.exec(name);
  if (!match) return null;
  const role = match[1];
  if (/^\d+$/.test(role)) return `PLANNER (round ${role})`;
  return ROLE_LABELS[role] ?? null;
}

/**
 * The phases of `item`'s family among `all`: the agents named `<root>` or
 * `<root>--<role>` (a plan family: `a`, `a--plan`, `a--2`, `a--code`) in
 * the same project, in start order, each with its label (the bare root is
 * the planner). A name outside any family is its own single phase.
 */
export function phaseMembers(
  item: AgentItem,
  all: readonly AgentItem[],
): Array<{ item: AgentItem; label: string }> {
  const name = item.row.name;
  if (!name) return [{ item, label: phaseLabel(item.displayName) ?? "AGENT" }];
  const root = name.replace(/--.*$/, "");
  const members = all.filter((other) =>
    other.row.project === item.row.project && other.row.name !== null &&
    (other.row.name === root ||
      (other.row.name.startsWith(`${root}--`) && phaseLabel(other.row.name) !== null))
  );
  if (members.length <= 1) return [{ item, label: phaseLabel(name) ?? "AGENT" }];
  return [...members]
    .sort((
      a,
      b,
    ) => (a.row.timestamp < b.row.timestamp ? -1 : a.row.timestamp > b.row.timestamp ? 1 : 0))
    .map((member) => ({ item: member, label: phaseLabel(member.row.name!) ?? "PLANNER" }));
}

/**
 * Character offsets in `text` where a turn's first line starts, with the
 * chunk's time: a chunk at offset 0, or one that begins with the recorder's
 * blank-line separator (the turn then starts after it). Delta chunks, which
 * continue a block, are not turns. Only the read prefix is walked.
 */
function turnStarts(text: string, chunks: readonly ReplyChunk[]): Map<number, string> {
  const out = new Map<number, string>();
  if (chunks.length === 0) return out;
  const byOffset = new Map(chunks.map((chunk) => [chunk.byteOffset, chunk.timestamp]));
  const last = Math.max(...byOffset.keys());
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= last; i++) {
    const time = byOffset.get(bytes);
    if (time !== undefined) {
      if (i === 0) out.set(0, time);
      else if (text.startsWith("\n\n", i)) out.set(i + 2, time);
    }
    const code = text.codePointAt(i)!;
    bytes += code > 0xffff ? 4 : code > 0x7ff ? 3 : code > 0x7f ? 2 : 1;
    if (code > 0xffff) i++;
  }
  return out;
}

/** Lay out at most `maxLines` lines of `phases`. */
export function replyLines(phases: readonly ReplyPhase[], maxLines: number): ReplyView {
  const lines: Line[] = [];
  const dividers = phases.length > 1;
  for (const phase of phases) {
    if (lines.length >= maxLines) return { lines, more: true };
    if (dividers) {
      lines.push([
        seg(
          `── ${agentText(phase.label)}${
            phase.startedAt ? ` · ${agentText(localStamp(phase.startedAt))}` : ""
          } ──`,
          "divider.phase",
        ),
      ]);
    }
    const starts = turnStarts(phase.text, phase.chunks);
    const multiTurn = starts.size > 1;
    let at = 0;
    while (at < phase.text.length) {
      if (lines.length >= maxLines) return { lines, more: true };
      const turn = starts.get(at);
      if (turn !== undefined && multiTurn) {
        lines.push([seg(`── ${agentText(localStamp(turn))} ──`, "divider.turn")]);
        if (lines.length >= maxLines) return { lines, more: true };
      }
      const end = phase.text.indexOf("\n", at);
      const stop = end === -1 ? phase.text.length : end;
      lines.push([seg(agentText(phase.text.slice(at, stop)))]);
      at = stop + 1;
    }
    if (phase.truncated) return { lines, more: true };
  }
  return { lines, more: false };
}
