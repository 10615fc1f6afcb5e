/**
 * YAML frontmatter of SDD markdown files: splitting it from the body,
 * parsing it without throwing (validators report every problem with its
 * line), and editing fields while keeping the author's comments, key order,
 * quoting, byte order mark and line endings.
 *
 * Frontmatter is written by agents and other tools, so parsing is defensive:
 * nesting too deep for the parser, alias bombs and unknown aliases become
 * named problems on a line, never a stack overflow or a bare exception.
 * Duplicate keys are read the way the original reads them (the last value
 * wins) and reported as warnings.
 *
 * @module
 */

import { type Document, isCollection, isMap, LineCounter, parseDocument, visit } from "yaml";
import { SaseError } from "../errors.ts";

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

/** The most aliases a frontmatter block may expand (a plan needs none). */
const MAX_ALIAS_COUNT = 100;

const TOO_DEEP = "YAML nested too deeply to read";

/**
 * Whether `error` is the engine's stack overflow. The parser reports it
 * under whichever step ran out of stack (a collection, a scalar's tag), so
 * it is recognised by its text, which must never reach the user.
 */
function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError ||
    (error instanceof Error && /maximum call stack/i.test(error.message));
}

function firstLine(message: string): string {
  return message.split("\n")[0];
}

/** Deeper nesting than any frontmatter needs is refused before parsing. */
const MAX_DEPTH = 64;

/**
 * The 1-based line (within the block) where `yaml` nests deeper than
 * {@linkcode MAX_DEPTH} levels, counting block indentation levels and flow
 * brackets outside quoted scalars; null when it stays shallower. Checked up
 * front so deep input is refused the same way every time, instead of by
 * wherever the parser happens to run out of stack.
 */
function tooDeepAt(yaml: string): number | null {
  const indents: number[] = [];
  let flow = 0;
  let line = 1;
  for (const text of yaml.split("\n")) {
    const content = text.trimStart();
    if (flow === 0 && content !== "" && !content.startsWith("#")) {
      const indent = text.length - content.length;
      while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
    }
    let quote: string | null = null;
    for (let at = 0; at < text.length; at++) {
      const char = text[at];
      if (quote !== null) {
        if (char === "\\" && quote === '"') at++;
        else if (char === quote) quote = null;
      } else if ((char === '"' || char === "'") && (at === 0 || " [{,:".includes(text[at - 1]))) {
        quote = char;
      } else if (char === "#" && (at === 0 || text[at - 1] === " ")) break;
      else if (char === "[" || char === "{") flow++;
      else if ((char === "]" || char === "}") && flow > 0) flow--;
      if (indents.length + flow > MAX_DEPTH) return line;
    }
    line++;
  }
  return null;
}

/**
 * Parse the YAML of a frontmatter block. Every problem the parser reports
 * is returned (not just the first), each with its line in the whole file.
 */
export function parseFrontmatterYaml(yaml: string): YamlBlock {
  const deepAt = tooDeepAt(yaml);
  if (deepAt !== null) {
    return {
      ok: false,
      problems: [{
        message: `YAML nested more than ${MAX_DEPTH} levels deep`,
        line: deepAt + FIRST_YAML_LINE - 1,
      }],
    };
  }
  const counter = new LineCounter();
  const lineAt = (offset: number) => counter.linePos(offset).line + FIRST_YAML_LINE - 1;
  let doc: Document;
  try {
    doc = parseDocument(yaml, {
      lineCounter: counter,
      prettyErrors: false,
      uniqueKeys: true,
      // Problems are returned, never printed by the parser on the way.
      logLevel: "error",
    });
  } catch (error) {
    // The parser guards most of its recursion; anything it still throws is named.
    return {
      ok: false,
      problems: [{
        message: isStackOverflow(error)
          ? TOO_DEEP
          : `unreadable YAML: ${firstLine((error as Error).message)}`,
        line: FIRST_YAML_LINE,
      }],
    };
  }
  const problems: FrontmatterProblem[] = [];
  const warnings: FrontmatterProblem[] = [];
  const seen = new Set<string>();
  for (const error of doc.errors) {
    const line = lineAt(error.pos[0]);
    const message = error.code === "DUPLICATE_KEY"
      ? "duplicate key: the last value wins"
      : error.code === "RESOURCE_EXHAUSTION" || isStackOverflow(error)
      ? TOO_DEEP
      : `invalid YAML: ${firstLine(error.message)}`;
    // Deep nesting makes the parser give up once per level: say it once.
    if (seen.has(`${line}:${message}`)) continue;
    seen.add(`${line}:${message}`);
    (error.code === "DUPLICATE_KEY" ? warnings : problems).push({ message, line });
  }
  if (problems.length > 0) return { ok: false, problems };
  const add = (message: string, line: number) => {
    if (seen.has(`${line}:${message}`)) return;
    seen.add(`${line}:${message}`);
    problems.push({ message, line });
  };
  let firstAlias: number | null = null;
  // Only `*` makes an alias and only `?`, `[` or `{` a collection key; most
  // frontmatter has none of them, so the walk is skipped.
  if (/[*?[{]/.test(yaml)) {
    visit(doc, {
      Alias(_, alias) {
        const line = alias.range ? lineAt(alias.range[0]) : FIRST_YAML_LINE;
        firstAlias ??= line;
        if (alias.resolve(doc) === undefined) {
          add(`unknown YAML alias \`*${alias.source}\``, line);
        }
      },
      Pair(_, pair) {
        // The original's YAML reader refuses a list or mapping as a key; so do we.
        if (!isCollection(pair.key)) return;
        const range = (pair.key as { range?: [number, number, number] }).range;
        add(
          "a key must be a plain value, not a list or mapping",
          range ? lineAt(range[0]) : FIRST_YAML_LINE,
        );
      },
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = isStackOverflow(error)
      ? TOO_DEEP
      : /alias count/i.test((error as Error).message)
      ? `YAML aliases expand more than ${MAX_ALIAS_COUNT} times (an alias bomb)`
      : `unreadable YAML: ${firstLine((error as Error).message)}`;
    return { ok: false, problems: [{ message, line: firstAlias ?? FIRST_YAML_LINE }] };
  }
  if (value === null || value === undefined) {
    return { ok: true, data: {}, doc: null, counter, warnings };
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
  return { ok: true, data: value as Record<string, unknown>, doc, counter, warnings };
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
      { hint: "add a `---` line after the frontmatter block" },
    );
  }
  const block = parseFrontmatterYaml(split.yaml ?? "");
  if (!block.ok) {
    throw new SaseError(
      "sdd.frontmatter",
      `cannot edit the frontmatter of ${source}:\n${describeProblems(source, block.problems)}`,
      { hint: "fix the YAML between the `---` fences and retry" },
    );
  }
  const doc = block.doc ?? parseDocument("");
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
  const { eol } = split;
  const fenced = `---\n${yaml}---\n`.replace(/\r?\n/g, eol);
  return `${split.bom ? BOM : ""}${fenced}${split.body}`;
}
