/**
 * Query evaluation over ChangeSpecs. Each spec becomes a {@linkcode QueryRow}
 * (lower-cased name, base status, sibling base, ...) once, so many queries
 * over the same specs cost only the predicate checks; a {@linkcode QueryMatcher}
 * evaluates one query row by row, which lets a search stream a corpus too
 * large to hold (rows read back from the parse cache).
 *
 * @module
 */

import { baseStatus, stripRevertedSuffix } from "../changespec/status.ts";
import type { ChangeSpec } from "../changespec/types.ts";
import { parseQuery } from "./parser.ts";
import {
  queryProjectName,
  RUNNING_AGENT_MARKER,
  RUNNING_PROCESS_MARKER,
  searchableText,
} from "./searchable.ts";
import type { QueryExpr } from "./types.ts";

/** True when STATUS, a commit, a hook status line or a comment carries `(!: ...)`. */
export function hasErrorSuffix(spec: ChangeSpec): boolean {
  if (spec.status.includes(" - (!: ")) return true;
  if (spec.commits.some((c) => c.suffixType === "error")) return true;
  if (spec.hooks.some((h) => h.statusLines.some((l) => l.suffixType === "error"))) return true;
  return spec.comments.some((c) => c.suffixType === "error");
}

/**
 * What the query language looks at in one ChangeSpec, lower-cased where
 * matching ignores case. Rows can be built from a parsed spec
 * ({@linkcode queryRow}) or read back from a cache; `text` may be computed
 * on first use (only plain strings and running markers look at it).
 */
export interface QueryRow {
  /** The name, lower-cased. */
  readonly lowerName: string;
  /** PARENT as written. */
  readonly parent: string | null;
  /** The base status, lower-cased. */
  readonly baseStatus: string;
  /** The project identity of `project:`, lower-cased. */
  readonly project: string;
  /** The name without its reverted suffix, lower-cased. */
  readonly siblingBase: string;
  /** PR_ORIGIN, lower-cased. */
  readonly origin: string;
  /** Whether the spec carries a `(!: ...)` suffix anywhere. */
  readonly hasError: boolean;
  /** The searchable text (see `searchable.ts`). */
  readonly text: string;
  /** The searchable text, lower-cased. */
  readonly lowerText: string;
}

/** The fields of {@linkcode QueryRow} that are not its searchable text. */
export type QueryFields = Omit<QueryRow, "text" | "lowerText">;

/** The query fields of `spec` (everything but the searchable text). */
export function queryFields(spec: ChangeSpec): QueryFields {
  return {
    lowerName: spec.name.toLowerCase(),
    parent: spec.parent,
    baseStatus: baseStatus(spec.status).toLowerCase(),
    project: queryProjectName(spec).toLowerCase(),
    siblingBase: stripRevertedSuffix(spec.name).toLowerCase(),
    origin: spec.prOrigin.toLowerCase(),
    hasError: hasErrorSuffix(spec),
  };
}

/**
 * The query row of `spec`, text included: a corpus is queried many times
 * (ACE filters as the user types), so it pays for the text once.
 */
export function queryRow(spec: ChangeSpec): QueryRow {
  const text = searchableText(spec);
  return { ...queryFields(spec), text, lowerText: text.toLowerCase() };
}

/** Whether `expr` walks PARENT chains (then the whole corpus's names are needed). */
export function readsAncestry(expr: QueryExpr): boolean {
  switch (expr.type) {
    case "property":
      return expr.key === "ancestor";
    case "not":
      return readsAncestry(expr.operand);
    case "and":
    case "or":
      return expr.operands.some(readsAncestry);
    default:
      return false;
  }
}

/**
 * The corpus's specs by lower-cased name, for `ancestor:`: the PARENT of the
 * first spec (in corpus order) of each name.
 */
export type ParentsByName = ReadonlyMap<string, string | null>;

/**
 * One query evaluated row by row, in corpus order. `ancestor:` walks PARENT
 * chains through `parents` (results are remembered across rows, so a chain
 * is walked once).
 */
export class QueryMatcher {
  readonly #expr: QueryExpr;
  readonly #parents: ParentsByName;
  readonly #memo = new Map<string, boolean>();

  constructor(query: string | QueryExpr, parents: ParentsByName = new Map()) {
    this.#expr = typeof query === "string" ? parseQuery(query) : query;
    this.#parents = parents;
  }

  /** Whether `row` matches the query. */
  matches(row: QueryRow): boolean {
    return this.#eval(row, this.#expr);
  }

  #eval(row: QueryRow, expr: QueryExpr): boolean {
    switch (expr.type) {
      case "string":
        return expr.caseSensitive
          ? row.text.includes(expr.value)
          : row.lowerText.includes(expr.value.toLowerCase());
      case "special":
        if (expr.kind === "error_suffix") return row.hasError;
        return row.text.includes(
          expr.kind === "running_agent" ? RUNNING_AGENT_MARKER : RUNNING_PROCESS_MARKER,
        );
      case "property":
        return this.#property(row, expr.key, expr.value.toLowerCase());
      case "not":
        return !this.#eval(row, expr.operand);
      case "and":
        return expr.operands.every((op) => this.#eval(row, op));
      case "or":
        return expr.operands.some((op) => this.#eval(row, op));
    }
  }

  #property(row: QueryRow, key: string, value: string): boolean {
    switch (key) {
      case "status":
        return row.baseStatus === value;
      case "project":
        return row.project === value;
      case "name":
        return row.lowerName === value;
      case "sibling":
        return row.siblingBase === stripRevertedSuffix(value).toLowerCase();
      case "origin":
        return row.origin === value;
      case "ancestor":
        return this.#ancestor(row, value);
      default:
        return false;
    }
  }

  /** Walk the PARENT chain; a name seen twice ends the walk (cycle guard). */
  #ancestor(row: QueryRow, target: string): boolean {
    const memo = this.#memo;
    const visited: string[] = [];
    let name = row.lowerName;
    let parent = row.parent;
    let found = false;
    while (true) {
      if (visited.includes(name)) break;
      visited.push(name);
      const known = memo.get(`${name}\u0000${target}`);
      if (known !== undefined) {
        found = known;
        break;
      }
      if (name === target) {
        found = true;
        break;
      }
      if (!parent) break;
      const lowerParent = parent.toLowerCase();
      if (lowerParent === target) {
        found = true;
        break;
      }
      if (!this.#parents.has(lowerParent)) break;
      name = lowerParent;
      parent = this.#parents.get(lowerParent)!;
    }
    for (const seen of visited) {
      const key = `${seen}\u0000${target}`;
      if (!memo.has(key)) memo.set(key, found);
    }
    return found;
  }
}

/** Record `row` in `parents` unless an earlier row has its name (the first one wins). */
export function noteParent(
  parents: Map<string, string | null>,
  row: Pick<QueryFields, "lowerName" | "parent">,
): void {
  if (!parents.has(row.lowerName)) parents.set(row.lowerName, row.parent);
}

/** ChangeSpecs prepared for repeated query evaluation. */
export class QueryCorpus {
  readonly #specs: readonly ChangeSpec[];
  readonly #rows: QueryRow[];
  readonly #parents = new Map<string, string | null>();

  constructor(specs: readonly ChangeSpec[]) {
    this.#specs = specs;
    this.#rows = specs.map(queryRow);
    for (const row of this.#rows) noteParent(this.#parents, row);
  }

  /** Number of specs. */
  get size(): number {
    return this.#rows.length;
  }

  /** The specs matching `query` (a string or a parsed tree), in corpus order. */
  filter(query: string | QueryExpr): ChangeSpec[] {
    const matcher = new QueryMatcher(query, this.#parents);
    return this.#specs.filter((_, index) => matcher.matches(this.#rows[index]));
  }
}

/** Filter `specs` by `query` (convenience for one-off evaluation). */
export function evaluateQuery(query: string, specs: readonly ChangeSpec[]): ChangeSpec[] {
  return new QueryCorpus(specs).filter(query);
}
