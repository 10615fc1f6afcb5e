/**
 * PRs query history for `^` (previous) and `_` (next): two stacks in
 * `SASE_HOME/query_history.json` (`{"prev": [...], "next": [...]}`, most
 * recent last, at most 50 each), the original's format. The stack moves are
 * pure; reading and writing the file are separate.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import { type Env, saseHome } from "../../config/paths.ts";
import { readJsonFile } from "../../fs/json_object.ts";
import { atomicWriteJson } from "../../fs/atomic_write.ts";

/** How many queries each stack keeps. */
export const HISTORY_LIMIT = 50;

/** The two stacks, most recent last. */
export interface QueryHistory {
  prev: readonly string[];
  next: readonly string[];
}

/** Empty history. */
export const EMPTY_HISTORY: QueryHistory = { prev: [], next: [] };

/** `SASE_HOME/query_history.json`. */
export function queryHistoryPath(env: Env): string {
  return join(saseHome(env), "query_history.json");
}

function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string").slice(-HISTORY_LIMIT)
    : [];
}

/** The stored history (empty when the file is missing); invalid JSON is an error naming the file. */
export async function readQueryHistory(env: Env): Promise<QueryHistory> {
  const value = await readJsonFile(queryHistoryPath(env), "query.history_invalid", {
    hint: "remove the file to start a fresh query history",
  });
  if (!value || typeof value !== "object" || Array.isArray(value)) return EMPTY_HISTORY;
  const record = value as Record<string, unknown>;
  return { prev: strings(record.prev), next: strings(record.next) };
}

/** Store `history`. */
export async function writeQueryHistory(env: Env, history: QueryHistory): Promise<void> {
  await atomicWriteJson(queryHistoryPath(env), {
    prev: history.prev.slice(-HISTORY_LIMIT),
    next: history.next.slice(-HISTORY_LIMIT),
  });
}

function pushUnique(stack: readonly string[], query: string): string[] {
  return [...stack.filter((item) => item !== query), query].slice(-HISTORY_LIMIT);
}

/** The user replaced `current` with a new query: it goes on `prev`, `next` is cleared. */
export function recordQueryChange(history: QueryHistory, current: string): QueryHistory {
  return { prev: pushUnique(history.prev, current), next: [] };
}

/** A history move: the query to show and the stacks after it (null when there is nothing). */
export interface HistoryMove {
  query: string;
  history: QueryHistory;
}

/** `^`: the previous query; `current` goes on `next`. */
export function historyBack(history: QueryHistory, current: string): HistoryMove | null {
  if (history.prev.length === 0) return null;
  return {
    query: history.prev[history.prev.length - 1],
    history: { prev: history.prev.slice(0, -1), next: pushUnique(history.next, current) },
  };
}

/** `_`: the next query; `current` goes on `prev`. */
export function historyForward(history: QueryHistory, current: string): HistoryMove | null {
  if (history.next.length === 0) return null;
  return {
    query: history.next[history.next.length - 1],
    history: { prev: pushUnique(history.prev, current), next: history.next.slice(0, -1) },
  };
}
