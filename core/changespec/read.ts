/**
 * The read services over the user's ChangeSpecs: the store of
 * `SASE_HOME/projects`, search with the query language, one spec by name,
 * and a spec's text as its file holds it.
 *
 * @module
 */

import { type Env, projectsDir } from "../config/paths.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import { toCanonical } from "../query/canonical.ts";
import { QueryCorpus } from "../query/evaluator.ts";
import { parseQuery } from "../query/parser.ts";
import { ChangeSpecStore } from "./store.ts";
import type { ChangeSpec } from "./types.ts";

/** The store of the user's ProjectSpecs (`SASE_HOME/projects`). */
export function projectStore(env: Env): ChangeSpecStore {
  return new ChangeSpecStore(projectsDir(env));
}

/** What a ChangeSpec search found. */
export interface ChangeSpecSearch {
  query: string;
  /** The query in canonical form (how it was understood). */
  canonical: string;
  matches: ChangeSpec[];
}

/**
 * The ChangeSpecs of active projects matching `query`, in file order. A
 * query with a syntax error throws a `QueryError` (with its position).
 */
export async function searchChangeSpecs(
  store: ChangeSpecStore,
  query: string,
  options: { includeArchive?: boolean } = {},
): Promise<ChangeSpecSearch> {
  const expr = parseQuery(query);
  const specs = await store.specs({ includeArchive: options.includeArchive ?? false });
  return { query, canonical: toCanonical(expr), matches: new QueryCorpus(specs).filter(expr) };
}

/** The ChangeSpec called `name` (active or archived), in `project` when given. */
export async function findChangeSpec(
  store: ChangeSpecStore,
  name: string,
  project?: string,
): Promise<ChangeSpec> {
  const snapshot = await store.snapshot(await store.locate(name, project), true);
  return [snapshot.active, snapshot.archive].flatMap((file) => file?.specs ?? [])
    .find((spec) => spec.name === name)!;
}

/**
 * The spec's lines exactly as its file holds them (a byte-order mark is not
 * text). Agents write these files: print the text with its control
 * characters neutralised.
 */
export async function changeSpecSource(spec: ChangeSpec): Promise<string> {
  const text = (await readTextBounded(spec.filePath, READ_LIMITS.document)).replace(/^\uFEFF/, "");
  return text.split(/\r?\n/).slice(spec.span.startLine - 1, spec.span.endLine).join("\n");
}
