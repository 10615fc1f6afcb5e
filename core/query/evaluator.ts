/**
 * Query evaluation over a corpus of ChangeSpecs. The corpus precomputes
 * per-spec data (lower-cased text, base status, sibling base) once, so many
 * queries over the same specs cost only the predicate checks.
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

interface Row {
  spec: ChangeSpec;
  lowerName: string;
  text: string;
  lowerText: string;
  baseStatus: string;
  project: string;
  siblingBase: string;
  hasError: boolean;
}

/** True when STATUS, a commit, a hook status line or a comment carries `(!: ...)`. */
export function hasErrorSuffix(spec: ChangeSpec): boolean {
  if (spec.status.includes(" - (!: ")) return true;
  if (spec.commits.some((c) => c.suffixType === "error")) return true;
  if (spec.hooks.some((h) => h.statusLines.some((l) => l.suffixType === "error"))) return true;
  return spec.comments.some((c) => c.suffixType === "error");
}

/** ChangeSpecs prepared for repeated query evaluation. */
export class QueryCorpus {
  readonly #rows: Row[];
  readonly #byName = new Map<string, number>();

  constructor(specs: readonly ChangeSpec[]) {
    this.#rows = specs.map((spec, index) => {
      const lowerName = spec.name.toLowerCase();
      if (!this.#byName.has(lowerName)) this.#byName.set(lowerName, index);
      const text = searchableText(spec);
      return {
        spec,
        lowerName,
        text,
        lowerText: text.toLowerCase(),
        baseStatus: baseStatus(spec.status).toLowerCase(),
        project: queryProjectName(spec).toLowerCase(),
        siblingBase: stripRevertedSuffix(spec.name).toLowerCase(),
        hasError: hasErrorSuffix(spec),
      };
    });
  }

  /** Number of specs. */
  get size(): number {
    return this.#rows.length;
  }

  /** The specs matching `query` (a string or a parsed tree), in corpus order. */
  filter(query: string | QueryExpr): ChangeSpec[] {
    const expr = typeof query === "string" ? parseQuery(query) : query;
    const memo = new Map<string, boolean>();
    return this.#rows.filter((row) => this.#eval(row, expr, memo)).map((row) => row.spec);
  }

  #eval(row: Row, expr: QueryExpr, memo: Map<string, boolean>): boolean {
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
        return this.#property(row, expr.key, expr.value.toLowerCase(), memo);
      case "not":
        return !this.#eval(row, expr.operand, memo);
      case "and":
        return expr.operands.every((op) => this.#eval(row, op, memo));
      case "or":
        return expr.operands.some((op) => this.#eval(row, op, memo));
    }
  }

  #property(row: Row, key: string, value: string, memo: Map<string, boolean>): boolean {
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
        return row.spec.prOrigin.toLowerCase() === value;
      case "ancestor":
        return this.#ancestor(row, value, memo);
      default:
        return false;
    }
  }

  /** Walk the PARENT chain; a name seen twice ends the walk (cycle guard). */
  #ancestor(row: Row, target: string, memo: Map<string, boolean>): boolean {
    const visited: string[] = [];
    let name = row.lowerName;
    let parent = row.spec.parent;
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
      const next = this.#byName.get(lowerParent);
      if (next === undefined) break;
      name = this.#rows[next].lowerName;
      parent = this.#rows[next].spec.parent;
    }
    for (const seen of visited) {
      const key = `${seen}\u0000${target}`;
      if (!memo.has(key)) memo.set(key, found);
    }
    return found;
  }
}

/** Filter `specs` by `query` (convenience for one-off evaluation). */
export function evaluateQuery(query: string, specs: readonly ChangeSpec[]): ChangeSpec[] {
  return new QueryCorpus(specs).filter(query);
}
