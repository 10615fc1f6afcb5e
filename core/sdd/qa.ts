/**
 * The `### Questions and Answers` section of a prompt snapshot.
 *
 * Clarifying questions asked during planning (`/sase_questions`) are kept in
 * the snapshot as ONE merged section: questions are numbered `Q1..QN` across
 * every round, the section is wrapped in exactly one `%xprompts_enabled` pair
 * (so answers are never expanded as xprompts), and the global note follows
 * "last non-empty wins". Re-writing strips every earlier block, including
 * duplicate blocks left by older runs, and re-emits the merged one.
 *
 * @module
 */

/** One answered question. */
export interface QaItem {
  question: string;
  answer: string;
}

/** One round of questions, with an optional global note. */
export interface QaRound {
  items: QaItem[];
  note?: string;
}

/** The section heading. */
export const QA_HEADING = "### Questions and Answers";
const DISABLE = "%xprompts_enabled:false";
const ENABLE = "%xprompts_enabled:true";

interface Block {
  start: number;
  end: number;
}

/** Line ranges of every Q&A block: wrapped ones and legacy bare sections. */
function findBlocks(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  for (let index = 0; index < lines.length; index++) {
    const wrapped = lines[index].trim() === DISABLE && lines[index + 1]?.trim() === QA_HEADING;
    if (!wrapped && lines[index].trim() !== QA_HEADING) continue;
    let end = index + (wrapped ? 2 : 1);
    while (end < lines.length) {
      const line = lines[end].trim();
      if (wrapped && line === ENABLE) {
        end++;
        break;
      }
      if (!wrapped && (/^#{1,3} /.test(line) || line === DISABLE)) break;
      end++;
    }
    blocks.push({ start: index, end });
    index = end - 1;
  }
  return blocks;
}

const ITEM = /^\*\*([QA])(\d+):\*\*\s?(.*)$/;
const NOTE = /^\*\*Note:\*\*\s?(.*)$/;

/** Parse one block back into a round (numbering is re-derived on render). */
function parseBlock(lines: readonly string[]): QaRound {
  const items: QaItem[] = [];
  let note: string | undefined;
  let current: { field: "question" | "answer" | "note"; item?: QaItem } | undefined;
  for (const line of lines) {
    const item = ITEM.exec(line);
    const noteMatch = NOTE.exec(line);
    if (item?.[1] === "Q") {
      const entry = { question: item[3], answer: "" };
      items.push(entry);
      current = { field: "question", item: entry };
    } else if (item?.[1] === "A" && items.length > 0) {
      items[items.length - 1].answer = item[3];
      current = { field: "answer", item: items[items.length - 1] };
    } else if (noteMatch) {
      note = noteMatch[1];
      current = { field: "note" };
    } else if (current && line.trim() !== "" && line.trim() !== QA_HEADING) {
      if (current.field === "note") note = `${note}\n${line}`;
      else if (current.item) current.item[current.field] += `\n${line}`;
    }
  }
  return note === undefined ? { items } : { items, note };
}

/** Remove every Q&A block from `text`; returns the text and the rounds they held. */
export function extractQa(text: string): { text: string; rounds: QaRound[] } {
  const lines = text.split("\n");
  const blocks = findBlocks(lines);
  const rounds = blocks.map((block) =>
    parseBlock(
      lines.slice(block.start, block.end).filter((line) => {
        const trimmed = line.trim();
        return trimmed !== DISABLE && trimmed !== ENABLE;
      }),
    )
  );
  const kept = lines.filter((_, index) => !blocks.some((b) => index >= b.start && index < b.end));
  return { text: kept.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd(), rounds };
}

/** The merged note: the last non-empty one. */
export function mergedNote(rounds: readonly QaRound[]): string | undefined {
  let note: string | undefined;
  for (const round of rounds) if (round.note?.trim()) note = round.note.trim();
  return note;
}

/** Render rounds as the single merged, wrapped section (empty when there are no questions). */
export function renderQa(rounds: readonly QaRound[]): string {
  const items = rounds.flatMap((round) => round.items);
  const note = mergedNote(rounds);
  if (items.length === 0 && note === undefined) return "";
  const lines = [DISABLE, QA_HEADING, ""];
  items.forEach((item, index) => {
    lines.push(
      `**Q${index + 1}:** ${item.question.trim()}`,
      `**A${index + 1}:** ${item.answer.trim()}`,
      "",
    );
  });
  if (note !== undefined) lines.push(`**Note:** ${note}`, "");
  lines.push(ENABLE);
  return lines.join("\n");
}

/** Add `rounds` after any rounds already in `text`, re-emitting one merged section at the end. */
export function applyQa(text: string, rounds: readonly QaRound[]): string {
  const extracted = extractQa(text);
  const section = renderQa([...extracted.rounds, ...rounds]);
  if (!section) return `${extracted.text}\n`;
  return `${extracted.text}\n\n${section}\n`;
}
