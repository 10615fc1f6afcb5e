/**
 * YAML frontmatter of SDD markdown files: splitting it from the body,
 * parsing it without throwing (validators report problems with line
 * numbers), and editing fields while keeping the author's comments, key
 * order and quoting.
 *
 * @module
 */

import { isMap, LineCounter, parseDocument } from "yaml";
import { SaseError } from "../errors.ts";

/** A document split at its frontmatter fence. */
export interface SplitDocument {
  /** The YAML between the fences, or null when the file has none. */
  yaml: string | null;
  /** Everything after the closing fence (the whole text without frontmatter). */
  body: string;
  /** True when an opening fence has no closing fence. */
  unclosed: boolean;
}

const FENCE = /^---[ \t]*\r?$/;

/** Split `text` into frontmatter YAML and body. The opening fence must be at byte 0. */
export function splitFrontmatter(text: string): SplitDocument {
  if (!(text.startsWith("---\n") || text.startsWith("---\r\n") || text === "---")) {
    return { yaml: null, body: text, unclosed: false };
  }
  const firstBreak = text.indexOf("\n");
  let start = firstBreak + 1;
  while (start > 0 && start <= text.length) {
    const end = text.indexOf("\n", start);
    const line = text.slice(start, end === -1 ? text.length : end);
    if (FENCE.test(line) || line === "...") {
      return {
        yaml: text.slice(firstBreak + 1, start),
        body: end === -1 ? "" : text.slice(end + 1),
        unclosed: false,
      };
    }
    if (end === -1) break;
    start = end + 1;
  }
  return { yaml: null, body: text, unclosed: true };
}

/** Parsed frontmatter, or why it could not be parsed. */
export type FrontmatterResult =
  | { ok: true; data: Record<string, unknown>; body: string; hasFrontmatter: boolean }
  | { ok: false; message: string; line: number };

/**
 * Parse the frontmatter of `text`. A file without frontmatter parses to an
 * empty mapping; an unclosed fence, invalid YAML or a non-mapping is a
 * failure whose `line` is 1-based in the whole file.
 */
export function parseFrontmatter(text: string): FrontmatterResult {
  const split = splitFrontmatter(text);
  if (split.unclosed) {
    return { ok: false, message: "frontmatter is missing its closing `---` marker", line: 1 };
  }
  if (split.yaml === null) return { ok: true, data: {}, body: split.body, hasFrontmatter: false };
  const lineCounter = new LineCounter();
  const doc = parseDocument(split.yaml, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    // +1 for the opening fence line.
    const line = lineCounter.linePos(error.pos[0]).line + 1;
    return { ok: false, message: `invalid YAML: ${error.message.split("\n")[0]}`, line };
  }
  const value = doc.toJS() as unknown;
  if (value === null || value === undefined) {
    return { ok: true, data: {}, body: split.body, hasFrontmatter: true };
  }
  if (typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, message: "frontmatter must be a mapping of `key: value` lines", line: 2 };
  }
  return {
    ok: true,
    data: value as Record<string, unknown>,
    body: split.body,
    hasFrontmatter: true,
  };
}

/**
 * Set (or, with `undefined`, remove) frontmatter fields of `text`, keeping
 * every other key, comment and the body byte-for-byte. A file without
 * frontmatter gains a fresh block. `source` names the file in errors.
 */
export function setFrontmatterFields(
  text: string,
  fields: Readonly<Record<string, unknown>>,
  source = "document",
): string {
  const split = splitFrontmatter(text);
  if (split.unclosed) {
    throw new SaseError(
      "sdd.frontmatter",
      `${source}:1: frontmatter is missing its closing \`---\``,
      {
        hint: "add a `---` line after the frontmatter block",
      },
    );
  }
  const doc = parseDocument(split.yaml ?? "", { prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new SaseError(
      "sdd.frontmatter",
      `${source}: invalid frontmatter YAML: ${doc.errors[0].message.split("\n")[0]}`,
      { hint: "fix the YAML between the `---` fences and retry" },
    );
  }
  if (doc.contents !== null && !isMap(doc.contents)) {
    throw new SaseError("sdd.frontmatter", `${source}: frontmatter must be a mapping`, {
      hint: "write `key: value` lines between the `---` fences",
    });
  }
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) doc.delete(key);
    else doc.set(key, value);
  }
  const yaml = doc.contents === null || (isMap(doc.contents) && doc.contents.items.length === 0)
    ? ""
    : doc.toString({ lineWidth: 0 });
  return `---\n${yaml}---\n${split.body}`;
}

/** The first string value of `field`, trimmed, or undefined. */
export function stringField(data: Record<string, unknown>, field: string): string | undefined {
  const value = data[field];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}
