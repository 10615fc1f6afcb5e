/**
 * Parsing YAML that comes from a file sase does not control (a config layer,
 * xprompt front matter, a workflow) into plain values, refusing what would
 * otherwise crash or exhaust the process: lists and mappings nested deeper
 * than {@linkcode MAX_NESTING}, alias bombs (a few lines that expand to
 * millions of nodes), aliases to an anchor that does not exist, and aliases
 * to their own enclosing node (which build a cyclic value). Every refusal is
 * a `SaseError` naming the file and, where there is one, the line.
 *
 * @module
 */

import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
} from "yaml";
import { SaseError } from "../errors.ts";
import { deeperThan, MAX_NESTING } from "../fs/nesting.ts";

/** Most alias expansions one document may make (the `yaml` package's resource bound). */
export const MAX_ALIAS_EXPANSIONS = 1000;

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

function nestingError(where: string, code: string, line: number | undefined): SaseError {
  const at = line === undefined ? where : `${where}:${line}`;
  return new SaseError(
    code,
    `${at}: lists and mappings nest deeper than ${MAX_NESTING} levels`,
    { hint: "flatten the structure; sase reads at most 100 levels of nesting" },
  );
}

/**
 * Walk the node tree in document order without recursion: check nesting
 * depth, and that every alias names an anchor set before it that is not one
 * of its own ancestors.
 */
function checkNodes(
  doc: Document,
  lineOf: (node: unknown) => number | undefined,
  where: string,
  code: string,
): void {
  type Item = { node: unknown; depth: number; ancestors: readonly unknown[] };
  const anchors = new Map<string, unknown>();
  const stack: Item[] = [{ node: doc.contents, depth: 0, ancestors: [] }];
  while (stack.length > 0) {
    const { node, depth, ancestors } = stack.pop()!;
    if (node === null || node === undefined) continue;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target === undefined) {
        throw new SaseError(
          code,
          `${where}:${
            lineOf(node)
          }: unknown alias '*${node.source}' (no anchor '&${node.source}' before it)`,
          { hint: `define '&${node.source}' on a value above this line, or remove the alias` },
        );
      }
      if (ancestors.includes(target)) {
        throw new SaseError(
          code,
          `${where}:${lineOf(node)}: alias '*${node.source}' refers to a value that contains it`,
          { hint: "an alias may only repeat a value defined before it, not one around it" },
        );
      }
      continue;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node);
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth + 1 > MAX_NESTING) throw nestingError(where, code, lineOf(node));
    const inside = [...ancestors, node];
    const children: unknown[] = [];
    for (const item of node.items) {
      if (isPair(item)) children.push(item.key, item.value);
      else children.push(item);
    }
    // Reversed, so that the stack pops them in document order.
    for (const child of children.reverse()) {
      stack.push({ node: child, depth: depth + 1, ancestors: inside });
    }
  }
}

/**
 * Parse `text` (read from `where`) into plain values. Syntax errors, over-deep
 * nesting, unknown or self-enclosing aliases and alias bombs are `SaseError`s
 * with `options.code`, naming `where` and the line.
 */
export function parseYamlText(text: string, where: string, options: YamlTextOptions): ParsedYaml {
  const { code } = options;
  const offset = (options.firstLine ?? 1) - 1;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const lineAt = (pos: number) => lineCounter.linePos(pos).line + offset;
  const lineOf = (node: unknown) => {
    const range = (node as Node | undefined)?.range;
    return range ? lineAt(range[0]) : undefined;
  };
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const line = lineAt(first.pos[0]);
    // The parser reports its own stack overflow on deep nesting as this code.
    if (first.code === "RESOURCE_EXHAUSTION") throw nestingError(where, code, line);
    throw new SaseError(
      code,
      `${where}:${line}: invalid ${options.what ?? "YAML"}: ${first.message.split("\n")[0]}`,
      { hint: options.hint ?? `fix the YAML syntax in ${where} near line ${line}` },
    );
  }
  checkNodes(doc, lineOf, where, code);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
  } catch (error) {
    if (!(error instanceof ReferenceError || error instanceof RangeError)) throw error;
    throw new SaseError(
      code,
      `${where}: aliases expand to too many values (more than ${MAX_ALIAS_EXPANSIONS}); refusing what looks like a YAML alias bomb`,
      { hint: "repeat values by writing them out, or use fewer aliases" },
    );
  }
  // Aliases of aliases can nest deeper than the text itself does.
  if (deeperThan(value) !== undefined) throw nestingError(where, code, undefined);
  return { doc, lineCounter, value: value ?? null };
}
