/**
 * Frontmatter of SDD markdown files read without the YAML parser: the split
 * at the `---` fences, the flat block of `key: value` lines most plans carry
 * (read exactly as the parser would read it, see `core/yaml/flat_mapping.ts`)
 * and a fresh block's fencing. `frontmatter.ts` adds the parser for
 * everything else; keeping these apart lets `sase plan propose`, run by
 * agents constantly, check a plain plan without loading the parser at all.
 *
 * @module
 */

import { parseFlatMapping } from "../yaml/flat_mapping.ts";

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

/**
 * The document `split` with `yaml` as its frontmatter block, fenced, in the
 * document's line endings and byte order mark.
 */
export function fenceFrontmatter(split: SplitDocument, yaml: string): string {
  const fenced = `---\n${yaml}---\n`.replace(/\r?\n/g, split.eol);
  return `${split.bom ? BOM : ""}${fenced}${split.body}`;
}

/** One problem found in a frontmatter block, with its 1-based line in the whole file. */
export interface FrontmatterProblem {
  message: string;
  line: number;
}

/** `problems` as `source:line: message` lines. */
export function describeProblems(source: string, problems: readonly FrontmatterProblem[]): string {
  return problems.map((problem) => `${source}:${problem.line}: ${problem.message}`).join("\n");
}

/** Line of the first YAML line: the opening fence is line 1. */
export const FIRST_YAML_LINE = 2;

/** A frontmatter block's fields with the file line of each, or every reason it could not be read. */
export type FrontmatterFields =
  | {
    ok: true;
    /** The mapping (empty for an empty block). */
    data: Record<string, unknown>;
    /** The 1-based file line of each field path (`tier`, `phases[0]`, `phases[0].title`). */
    lines: ReadonlyMap<string, number>;
    /** Problems that do not stop reading (duplicate keys). */
    warnings: FrontmatterProblem[];
  }
  | { ok: false; problems: FrontmatterProblem[] };

/**
 * The fields of a flat block of `key: plain value` lines, each key on its own
 * line; `undefined` when the block is anything else (then read it with the
 * YAML parser). Answers only what the parser answers for the same text.
 */
export function flatFrontmatterFields(yaml: string): FrontmatterFields | undefined {
  const data = parseFlatMapping(yaml);
  if (data === undefined) return undefined;
  const lines = new Map<string, number>();
  yaml.split("\n").forEach((line, index) => {
    const colon = line.indexOf(":");
    // A flat block's every non-empty line is `key:` or `key: value`.
    if (colon > 0) lines.set(line.slice(0, colon), FIRST_YAML_LINE + index);
  });
  return { ok: true, data, lines, warnings: [] };
}
