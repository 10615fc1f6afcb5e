/**
 * Loading the PRs tab: every ChangeSpec of the active projects through the
 * ChangeSpec store (its parse cache skips unchanged files), the saved
 * queries, the query history, and the start-up query by the handbook's
 * fallback chain (argument → last used → first saved → `!!!`). A
 * remembered query that no longer parses is skipped with a warning; a bad
 * argument is the caller's error to report.
 *
 * @module
 */

import type { Env } from "../../../core/config/paths.ts";
import type { ChangeSpecStore } from "../../../core/changespec/store.ts";
import { parseQuery } from "../../../core/query/parser.ts";
import {
  readLastQuery,
  type StartupQuery,
  startupQuery,
} from "../../../core/query/persist/last_query.ts";
import { readQueryHistory } from "../../../core/query/persist/query_history.ts";
import { firstSavedQuery, readSavedQueries } from "../../../core/query/persist/saved_queries.ts";
import type { PrsInit } from "../prs/context.ts";

function parses(query: string | null): string | null {
  if (query === null) return null;
  try {
    parseQuery(query);
    return query;
  } catch {
    return null;
  }
}

/** The PRs tab's first state's inputs, and the warnings met on the way. */
export async function loadPrsInit(
  env: Env,
  store: ChangeSpecStore,
  argument: string | null,
  now: Date,
): Promise<{ init: PrsInit; startup: StartupQuery; warnings: string[] }> {
  const warnings: string[] = [];
  const [specs, saved, history, last] = await Promise.all([
    store.specs(),
    readSavedQueries(env),
    readQueryHistory(env),
    readLastQuery(env),
  ]);
  const usableLast = parses(last);
  if (last !== null && usableLast === null) warnings.push(`last query no longer parses: ${last}`);
  const first = firstSavedQuery(saved);
  const usableFirst = parses(first);
  if (first !== null && usableFirst === null) {
    warnings.push(`saved query no longer parses: ${first}`);
  }
  const startup = startupQuery(argument, usableLast, usableFirst);
  return { init: { specs, query: startup.query, now, saved, history }, startup, warnings };
}
