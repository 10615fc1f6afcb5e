/**
 * What the managed `AGENTS.md` blocks list, from a root's memory notes:
 * every `type: short` note as an `@` import (`memory/sase.md` first, always)
 * and every top-level `type: long` note (no `parent`, or `parent:
 * AGENTS.md`) with its description. Used by `sase amd init` and
 * `sase memory init` so both render the same blocks.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { readTextIfExists } from "../memory/fs.ts";
import { AGENTS_FILE, MEMORY_DIR } from "../memory/layout.ts";
import { listNoteNames, parseNoteHeader } from "../memory/note.ts";
import { SASE_NOTE } from "../memory/templates.ts";
import type { LongEntry } from "./managed.ts";

/** A note's root-relative path and text. */
export interface NoteText {
  rel: string;
  text: string;
}

/** The blocks of a managed document. */
export interface MemoryBlocks {
  shortPaths: string[];
  longEntries: LongEntry[];
}

/** A long note's description: its frontmatter's, else its first heading, else its name. */
export function describeNote(rel: string, text: string, description: string | null): string {
  return description ?? text.match(/^#\s+(.+)$/m)?.[1]?.trim() ??
    rel.slice(MEMORY_DIR.length + 1, -3).replaceAll("_", " ");
}

/** The blocks for `notes` (sorted by path). */
export function memoryBlocks(notes: readonly NoteText[]): MemoryBlocks {
  const sase = `${MEMORY_DIR}/${SASE_NOTE}`;
  const shortPaths = [sase];
  const longEntries: LongEntry[] = [];
  for (const { rel, text } of [...notes].sort((a, b) => a.rel.localeCompare(b.rel))) {
    const header = parseNoteHeader(text);
    if (header.type === "short" && rel !== sase) shortPaths.push(rel);
    if (header.type === "long" && (header.parent ?? AGENTS_FILE) === AGENTS_FILE) {
      longEntries.push({ path: rel, description: describeNote(rel, text, header.description) });
    }
  }
  return { shortPaths, longEntries };
}

/** The flat notes of `root` as they are on disk. */
export async function rootNotes(root: string): Promise<NoteText[]> {
  const notes: NoteText[] = [];
  for (const name of await listNoteNames(root)) {
    const text = await readTextIfExists(join(root, MEMORY_DIR, name));
    if (text !== null) notes.push({ rel: `${MEMORY_DIR}/${name}`, text });
  }
  return notes;
}
