/**
 * Memory notes: Markdown files directly under `memory/` whose YAML
 * frontmatter declares the tier (`type: short` instruction context or
 * `type: long` reference context), an optional `parent`, the
 * `description` long notes require, and `keywords`.
 *
 * @module
 */

import { parseFrontmatter, splitFrontmatter } from "../sdd/frontmatter.ts";
import { isMissing } from "./fs.ts";
import { join } from "../fs/path.ts";
import { MEMORY_DIR } from "./layout.ts";

/** A note's tier. */
export type NoteType = "short" | "long";

/** What a note's frontmatter says. */
export interface NoteHeader {
  type: NoteType | null;
  parent: string | null;
  description: string | null;
  keywords: string[];
  /** The frontmatter did not parse (the note is then read as having none). */
  malformed: boolean;
}

/** The README every memory directory has; it documents the directory and is not a note. */
export const MEMORY_README = "README.md";

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() ? value.trim() : null;
}

/** Read the tier, parent, description and keywords of a note's text. */
export function parseNoteHeader(noteText: string): NoteHeader {
  const parsed = parseFrontmatter(noteText);
  if (!parsed.ok) {
    return { type: null, parent: null, description: null, keywords: [], malformed: true };
  }
  const type = parsed.data.type === "short" || parsed.data.type === "long"
    ? parsed.data.type
    : null;
  const keywords = Array.isArray(parsed.data.keywords)
    ? parsed.data.keywords.filter((k): k is string => typeof k === "string")
    : [];
  return {
    type,
    parent: text(parsed.data.parent),
    description: text(parsed.data.description),
    keywords,
    malformed: false,
  };
}

/**
 * `noteText` without one leading frontmatter block (and the blank line
 * right after it); text without frontmatter is returned unchanged.
 */
export function stripFrontmatter(noteText: string): { body: string; stripped: boolean } {
  const split = splitFrontmatter(noteText);
  if (split.yaml === null) return { body: noteText, stripped: false };
  const body = split.body.replace(/^[ \t]*\r?\n/, "");
  return { body, stripped: true };
}

/**
 * The flat note names (`<name>.md`, README excluded) directly under
 * `<root>/memory/`, sorted; none when the directory is missing.
 */
export async function listNoteNames(root: string): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(join(root, MEMORY_DIR))) {
      if (entry.isFile && entry.name.endsWith(".md") && entry.name !== MEMORY_README) {
        names.push(entry.name);
      }
    }
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  return names.sort();
}
