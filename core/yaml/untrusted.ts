/**
 * Reading YAML from files sase does not control (config layers, xprompt and
 * SDD front matter, workflows) into plain values, refusing what would
 * otherwise crash or exhaust the process: lists and mappings nested deeper
 * than {@linkcode MAX_NESTING}, alias bombs (a few lines that expand to
 * millions of nodes), aliases to an anchor that does not exist, and aliases
 * to their own enclosing node (which build a cyclic value).
 *
 * {@linkcode inspectYaml} collects every problem with its line, for
 * validators that report all of them at once; {@linkcode parseYamlText}
 * throws the first as a `SaseError` naming the file and line, for loaders.
 *
 * @module
 */

import {
  type Document,
  isAlias,
  isCollection,
  isMap,
  isPair,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
} from "./lib.ts";
import { SaseError } from "../errors.ts";
import { deeperThan, MAX_NESTING } from "../fs/nesting.ts";

/** Most alias expansions one document may make (the `yaml` package's resource bound). */
export const MAX_ALIAS_EXPANSIONS = 1000;

/** What kind of problem a {@linkcode YamlProblem} is. */
export type YamlProblemKind =
  | "syntax"
  | "nesting"
  | "unknown-alias"
  | "enclosing-alias"
  | "alias-bomb"
  | "collection-key"
  | "duplicate-key";

/** One problem found in a YAML text. */
export interface YamlProblem {
  kind: YamlProblemKind;
  /** 1-based line in the file, when the problem has one. */
  line: number | undefined;
  /** What is wrong, without the file name: `unknown alias '*x' (...)`. */
  message: string;
  /** The next step for the author (syntax problems have none: the caller knows the file). */
  hint?: string;
}

/** Options of {@linkcode inspectYaml}. */
export interface InspectOptions {
  /** 1-based line of the file on which the text starts (2 for front matter after `---`). */
  firstLine?: number;
  /** Duplicate keys: an error (default), or a warning with the last value winning. */
  duplicateKeys?: "error" | "warning";
  /** Refuse a list or mapping used as a key (the original's SDD reader does). */
  plainKeysOnly?: boolean;
}

/** The outcome of {@linkcode inspectYaml}. */
export type YamlInspection =
  | {
    ok: true;
    doc: Document;
    lineCounter: LineCounter;
    /** The document as plain JavaScript values (`null` for an empty document). */
    value: unknown;
    /** Problems that do not stop reading (duplicate keys, when they are warnings). */
    warnings: YamlProblem[];
  }
  | { ok: false; problems: YamlProblem[] };

const NESTING_HINT = `flatten the structure; sase reads at most ${MAX_NESTING} levels of nesting`;

function nesting(line: number | undefined): YamlProblem {
  return {
    kind: "nesting",
    line,
    message: `lists and mappings nest deeper than ${MAX_NESTING} levels`,
    hint: NESTING_HINT,
  };
}

/** The engine's stack overflow, which the parser may throw or report under any step. */
function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError ||
    (error instanceof Error && /maximum call stack/i.test(error.message));
}

/**
 * Walk the node tree in document order without recursion: nesting depth,
 * every alias naming an anchor set before it that is not one of its own
 * ancestors, and (optionally) plain keys. Returns the problems and the line
 * of the first alias (where an alias bomb is reported).
 */
function checkNodes(
  doc: Document,
  lineOf: (node: unknown) => number | undefined,
  plainKeysOnly: boolean,
): { problems: YamlProblem[]; firstAlias: number | undefined } {
  type Item = { node: unknown; depth: number; ancestors: readonly unknown[]; key: boolean };
  const problems: YamlProblem[] = [];
  let firstAlias: number | undefined;
  const anchors = new Map<string, unknown>();
  const stack: Item[] = [{ node: doc.contents, depth: 0, ancestors: [], key: false }];
  while (stack.length > 0) {
    const { node, depth, ancestors, key } = stack.pop()!;
    if (node === null || node === undefined) continue;
    if (isAlias(node)) {
      const line = lineOf(node);
      firstAlias ??= line;
      const target = anchors.get(node.source);
      if (target === undefined) {
        problems.push({
          kind: "unknown-alias",
          line,
          message: `unknown alias '*${node.source}' (no anchor '&${node.source}' before it)`,
          hint: `define '&${node.source}' on a value above this line, or remove the alias`,
        });
      } else if (ancestors.includes(target)) {
        problems.push({
          kind: "enclosing-alias",
          line,
          message: `alias '*${node.source}' refers to a value that contains it`,
          hint: "an alias may only repeat a value defined before it, not one around it",
        });
      }
      continue;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node);
    if (key && plainKeysOnly && isCollection(node)) {
      problems.push({
        kind: "collection-key",
        line: lineOf(node),
        message: "a key must be a plain value, not a list or mapping",
        hint: "write keys as plain words",
      });
    }
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth + 1 > MAX_NESTING) {
      // One report per too-deep branch: its inside is not walked.
      problems.push(nesting(lineOf(node)));
      continue;
    }
    const inside = [...ancestors, node];
    const children: Item[] = [];
    for (const item of node.items) {
      const next = { depth: depth + 1, ancestors: inside };
      if (isPair(item)) {
        children.push({ node: item.key, ...next, key: true });
        children.push({ node: item.value, ...next, key: false });
      } else children.push({ node: item, ...next, key: false });
    }
    // Reversed, so that the stack pops them in document order.
    stack.push(...children.reverse());
  }
  return { problems, firstAlias };
}

/**
 * Parse `text` and report every problem with its line: syntax errors
 * (`invalid YAML: ...`), over-deep nesting, unknown or self-enclosing
 * aliases, alias bombs, and duplicate or collection keys as the options say.
 * Never throws.
 */
export function inspectYaml(text: string, options: InspectOptions = {}): YamlInspection {
  const offset = (options.firstLine ?? 1) - 1;
  const duplicatesWarn = options.duplicateKeys === "warning";
  const lineCounter = new LineCounter();
  const lineAt = (pos: number) => lineCounter.linePos(pos).line + offset;
  const lineOf = (node: unknown) => {
    const range = (node as Node | undefined)?.range;
    return range ? lineAt(range[0]) : undefined;
  };
  let doc: Document;
  try {
    doc = parseDocument(text, {
      lineCounter,
      uniqueKeys: true,
      prettyErrors: false,
      // Problems are returned, never printed by the parser on the way.
      logLevel: "error",
    });
  } catch (error) {
    // The parser guards most of its recursion; what it still throws is named.
    if (isStackOverflow(error)) return { ok: false, problems: [nesting(offset + 1)] };
    return {
      ok: false,
      problems: [{
        kind: "syntax",
        line: offset + 1,
        message: `invalid YAML: ${(error as Error).message.split("\n")[0]}`,
      }],
    };
  }
  const problems: YamlProblem[] = [];
  const warnings: YamlProblem[] = [];
  const seen = new Set<string>();
  for (const error of doc.errors) {
    const line = lineAt(error.pos[0]);
    const problem: YamlProblem = error.code === "RESOURCE_EXHAUSTION" || isStackOverflow(error)
      ? nesting(line)
      : duplicatesWarn &&
          error.code === "DUPLICATE_KEY"
      ? { kind: "duplicate-key", line, message: "duplicate key: the last value wins" }
      : { kind: "syntax", line, message: `invalid YAML: ${error.message.split("\n")[0]}` };
    // Deep nesting makes the parser give up once per level: say it once.
    if (seen.has(`${line}:${problem.message}`)) continue;
    seen.add(`${line}:${problem.message}`);
    (problem.kind === "duplicate-key" ? warnings : problems).push(problem);
  }
  if (problems.length > 0) return { ok: false, problems };
  const checked = checkNodes(doc, lineOf, options.plainKeysOnly ?? false);
  if (checked.problems.length > 0) return { ok: false, problems: checked.problems };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
  } catch (error) {
    if (!(error instanceof ReferenceError || error instanceof RangeError)) throw error;
    return {
      ok: false,
      problems: [{
        kind: "alias-bomb",
        line: checked.firstAlias,
        message:
          `aliases expand to too many values (more than ${MAX_ALIAS_EXPANSIONS}); refusing what looks like a YAML alias bomb`,
        hint: "repeat values by writing them out, or use fewer aliases",
      }],
    };
  }
  // Aliases of aliases can nest deeper than the text itself does.
  if (deeperThan(value) !== undefined) return { ok: false, problems: [nesting(undefined)] };
  return { ok: true, doc, lineCounter, value: value ?? null, warnings };
}

/** A parsed YAML text: its document (for line lookups), line counter and plain value. */
export interface ParsedYaml {
  doc: Document;
  lineCounter: LineCounter;
  /** The document as plain JavaScript values (`null` for an empty document). */
  value: unknown;
}

/** Options of {@linkcode parseYamlText}. */
export interface YamlTextOptions {
  /** Error code of the `SaseError`s thrown (e.g. `config.parse`). */
  code: string;
  /** 1-based line of the file on which `text` starts (2 for front matter after `---`). */
  firstLine?: number;
  /** What the text is, in syntax errors: `invalid <what>: ...` (default `YAML`). */
  what?: string;
  /** Hint shown with syntax errors. */
  hint?: string;
}

/**
 * Parse `text` (read from `where`) into plain values; the first problem
 * {@linkcode inspectYaml} finds is a `SaseError` with `options.code`, naming
 * `where` and the line.
 */
export function parseYamlText(text: string, where: string, options: YamlTextOptions): ParsedYaml {
  const inspection = inspectYaml(text, { firstLine: options.firstLine });
  if (inspection.ok) return inspection;
  const problem = inspection.problems[0];
  const at = problem.line === undefined ? where : `${where}:${problem.line}`;
  if (problem.kind === "syntax") {
    const detail = problem.message.replace(/^invalid YAML: /, "");
    throw new SaseError(options.code, `${at}: invalid ${options.what ?? "YAML"}: ${detail}`, {
      hint: options.hint ?? `fix the YAML syntax in ${where} near line ${problem.line}`,
      kind: "invalid-data",
    });
  }
  throw new SaseError(options.code, `${at}: ${problem.message}`, {
    hint: problem.hint,
    kind: "invalid-data",
  });
}
