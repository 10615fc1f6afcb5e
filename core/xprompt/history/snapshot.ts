/**
 * Prompt snapshots: the SDD file `sase prompt export --sdd` writes, the
 * Markdown rendering of an entry, and the xprompt file `save` writes.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import { stringify } from "../../yaml/lib.ts";
import { type PromptEntry, promptHash, promptId } from "./model.ts";
import { promptChips, slugify } from "./query.ts";

/** Front matter + body of an SDD prompt snapshot. */
export function snapshotText(entry: PromptEntry): string {
  const chips = promptChips(entry.text);
  const meta = {
    id: promptId(entry.text),
    sha256: promptHash(entry.text),
    timestamp: entry.timestamp,
    last_used: entry.last_used,
    status: entry.cancelled ? "cancelled" : "launched",
    source: "local prompt history",
    prompt_tags: chips.xprompts.map((chip) => chip.replace(/^#!?/, "")),
  };
  return `---\n${stringify(meta)}---\n\n${entry.text}\n`;
}

/** Relative path of the SDD snapshot: `sdd/prompts/YYYYMM/<slug>-<id>.md`. */
export function snapshotPath(entry: PromptEntry): string {
  const month = `20${entry.timestamp.slice(0, 4)}`;
  return join("sdd", "prompts", month, `${slugify(entry.text)}-${promptId(entry.text)}.md`);
}

/** `show -f markdown`: a metadata header and the body. */
export function markdownView(entry: PromptEntry): string {
  const chips = promptChips(entry.text);
  const lines = [
    `# ${promptId(entry.text)}`,
    "",
    `- status: ${entry.cancelled ? "cancelled" : "launched"}`,
    `- first used: ${entry.timestamp}`,
    `- last used: ${entry.last_used}`,
    `- uses: ${entry.use_count}`,
    `- workspace: ${entry.workspace}`,
    `- chars: ${entry.text.length}`,
  ];
  const tags = [...chips.projects, ...chips.xprompts, ...chips.directives];
  if (tags.length) lines.push(`- chips: ${tags.join(" ")}`);
  return `${lines.join("\n")}\n\n${entry.text}\n`;
}

/** The xprompt file `sase prompt save` writes. */
export function xpromptFileText(entry: PromptEntry, tags: readonly string[]): string {
  const meta: Record<string, unknown> = {
    description: `Saved from prompt history (${promptId(entry.text)})`,
  };
  if (tags.length) meta.tags = [...tags];
  return `---\n${stringify(meta)}---\n\n${entry.text}\n`;
}
