/**
 * YAML frontmatter of SDD markdown files: splitting it from the body,
 * parsing it without throwing (validators report every problem with its
 * line), and editing fields while keeping the author's comments, key order,
 * quoting, byte order mark and line endings.
 *
 * Frontmatter is written by agents and other tools, so it is read as
 * untrusted YAML (`core/yaml/untrusted.ts`): deep nesting, alias bombs and
 * unknown aliases become named problems on a line, never a stack overflow or
 * a bare exception.
 *
 * @module
 */

import { type Document, isMap, type LineCounter, parseDocument } from "../yaml/lib.ts";
import { SaseError } from "../errors.ts";
import { parseFlatMapping } from "../yaml/flat_mapping.ts";
import { inspectYaml, type YamlProblem } from "../yaml/untrusted.ts";

/** A document split at its frontmatter fence. */
export interface SplitDocument {
  /** The YAML between the fences, or null when the file has none. */
  yaml: string | null;
  /** Everything after the closing fence (the whole text without frontmatter). */
  body: string;
  /** True when an opening fence has no closing fence. */
  unclosed: boolean;
  /** The text starts with a UTF-8 byte order mark (kept when the file is rewritten). */
  bom: boolean;
  /** The file's line ending (that of its first line), kept when the file is rewritten. */
  eol: "\n" | "\r\n";
}

const FENCE = /^---[ \t]*\r?$/;
const BOM = "\uFEFF";

/** Split `text` into frontmatter YAML and body. The opening fence must start the file. */
export function splitFrontmatter(text: string): SplitDocument {
  const bom = text.startsWith(BOM);
  const content = bom ? text.slice(1) : text;
  const firstBreak = content.indexOf("\n");
  const eol = firstBreak > 0 && content[firstBreak - 1] === "\r" ? "\r\n" : "\n";
  if (!(content.startsWith("---\n") || content.startsWith("---\r\n") || content === "---")) {
    return { yaml: null, body: content, unclosed: false, bom, eol };
  }
  let start = firstBreak + 1;
  while (start > 0 && start <= content.length) {
    const end = content.indexOf("\n", start);
    const line = content.slice(start, end === -1 ? content.length : end);
    if (FENCE.test(line) || line === "..." || line === "...\r") {
      return {
        yaml: content.slice(firstBreak + 1, start),
        body: end === -1 ? "" : content.slice(end + 1),
        unclosed: false,
        bom,
        eol,
      };
    }
    if (end === -1) break;
    start = end + 1;
  }
  return { yaml: null, body: content, unclosed: true, bom, eol };
}

/** One problem found in a frontmatter block, with its 1-based line in the whole file. */
export interface FrontmatterProblem {
  message: string;
  line: number;
}

/** A parsed frontmatter block, or every reason it could not be read. */
export type YamlBlock =
  | {
    ok: true;
    /** The mapping (empty for an empty block). */
    data: Record<string, unknown>;
    /** The YAML document with its source map (null for an empty block). */
    doc: Document | null;
    counter: LineCounter;
    /** Problems that do not stop reading (duplicate keys). */
    warnings: FrontmatterProblem[];
  }
  | { ok: false; problems: FrontmatterProblem[] };

/** Line of the first YAML line: the opening fence is line 1. */
const FIRST_YAML_LINE = 2;

function located(problem: YamlProblem): FrontmatterProblem {
  return { message: problem.message, line: problem.line ?? FIRST_YAML_LINE };
}

/**
 * Parse the YAML of a frontmatter block. Every problem is returned (not just
 * the first), each with its line in the whole file. Duplicate keys are read
 * as the original reads them (the last value wins) and warned about; a list
 * or mapping used as a key is refused, as the original refuses it.
 */
export function parseFrontmatterYaml(yaml: string): YamlBlock {
  const inspection = inspectYaml(yaml, {
    firstLine: FIRST_YAML_LINE,
    duplicateKeys: "warning",
    plainKeysOnly: true,
  });
  if (!inspection.ok) return { ok: false, problems: inspection.problems.map(located) };
  const { value, doc, lineCounter } = inspection;
  const warnings = inspection.warnings.map(located);
  if (value === null || value === undefined) {
    return { ok: true, data: {}, doc: null, counter: lineCounter, warnings };
  }
  if (typeof value !== "object" || Array.isArray(value) || value instanceof Date) {
    return {
      ok: false,
      problems: [{
        message: "frontmatter must be a mapping of `key: value` lines",
        line: FIRST_YAML_LINE,
      }],
    };
  }
  return { ok: true, data: value as Record<string, unknown>, doc, counter: lineCounter, warnings };
}

/** Parsed frontmatter, or why it could not be parsed. */
export type FrontmatterResult =
  | {
    ok: true;
    data: Record<string, unknown>;
    body: string;
    hasFrontmatter: boolean;
    warnings: FrontmatterProblem[];
  }
  | { ok: false; problems: FrontmatterProblem[] };

/**
 * Parse the frontmatter of `text`. A file without frontmatter parses to an
 * empty mapping; an unclosed fence, invalid YAML or a non-mapping is a
 * failure listing every problem found.
 */
export function parseFrontmatter(text: string): FrontmatterResult {
  const split = splitFrontmatter(text);
  if (split.unclosed) {
    return {
      ok: false,
      problems: [{ message: "frontmatter is missing its closing `---` marker", line: 1 }],
    };
  }
  if (split.yaml === null) {
    return { ok: true, data: {}, body: split.body, hasFrontmatter: false, warnings: [] };
  }
  // Most blocks are a few `key: value` lines: read those without the YAML parser.
  const flat = parseFlatMapping(split.yaml);
  if (flat) return { ok: true, data: flat, body: split.body, hasFrontmatter: true, warnings: [] };
  const block = parseFrontmatterYaml(split.yaml);
  if (!block.ok) return block;
  return {
    ok: true,
    data: block.data,
    body: split.body,
    hasFrontmatter: true,
    warnings: block.warnings,
  };
}

/** `problems` as `source:line: message` lines. */
export function describeProblems(source: string, problems: readonly FrontmatterProblem[]): string {
  return problems.map((problem) => `${source}:${problem.line}: ${problem.message}`).join("\n");
}

/**
 * Set (or, with `undefined`, remove) frontmatter fields of `text`, keeping
 * every other key, comment, the body, the byte order mark and the line
 * endings. A file without frontmatter gains a fresh block. `source` names
 * the file in errors; a block that does not parse is refused, never
 * rewritten.
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
      { hint: "add a `---` line after the frontmatter block", kind: "invalid-data" },
    );
  }
  const block = parseFrontmatterYaml(split.yaml ?? "");
  if (!block.ok) {
    throw new SaseError(
      "sdd.frontmatter",
      `cannot edit the frontmatter of ${source}:\n${describeProblems(source, block.problems)}`,
      { hint: "fix the YAML between the `---` fences and retry", kind: "invalid-data" },
    );
  }
  const doc = block.doc ?? parseDocument("");
  if (doc.contents !== null && !isMap(doc.contents)) {
    throw new SaseError("sdd.frontmatter", `${source}: frontmatter must be a mapping`, {
      hint: "write `key: value` lines between the `---` fences",
      kind: "invalid-data",
    });
  }
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) doc.delete(key);
    else doc.set(key, value);
  }
  const yaml = doc.contents === null || (isMap(doc.contents) && doc.contents.items.length === 0)
    ? ""
    : doc.toString({ lineWidth: 0 });
  const { eol } = split;
  const fenced = `---\n${yaml}---\n`.replace(/\r?\n/g, eol);
  return `${split.bom ? BOM : ""}${fenced}${split.body}`;
}
