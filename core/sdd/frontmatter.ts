/**
 * YAML frontmatter of SDD markdown files: parsing it without throwing
 * (validators report every problem with its line), and editing fields while
 * keeping the author's comments, key order, quoting, byte order mark and
 * line endings. The split at the fences and the parser-free reading of flat
 * blocks are in `frontmatter_text.ts` (re-exported here).
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
import {
  describeProblems,
  fenceFrontmatter,
  FIRST_YAML_LINE,
  type FrontmatterProblem,
  splitFrontmatter,
} from "./frontmatter_text.ts";

export {
  describeProblems,
  type FrontmatterProblem,
  type SplitDocument,
  splitFrontmatter,
} from "./frontmatter_text.ts";

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
  return fenceFrontmatter(split, yaml);
}
