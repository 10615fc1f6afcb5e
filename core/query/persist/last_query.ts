/**
 * The PRs query ACE used last, in `SASE_HOME/last_query.txt` (plain text,
 * as the original stores it), and the start-up query it implies: the
 * command line's, else the last used, else the first saved, else `!!!`.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import { type Env, saseHome } from "../../config/paths.ts";
import { READ_LIMITS, readTextBounded } from "../../fs/bounded_read.ts";
import { atomicWriteTextFile } from "../../fs/atomic_write.ts";

/** The query of last resort: ChangeSpecs carrying an error suffix. */
export const FALLBACK_QUERY = "!!!";

/** `SASE_HOME/last_query.txt`. */
export function lastQueryPath(env: Env): string {
  return join(saseHome(env), "last_query.txt");
}

/** The last used query, or null when none was recorded (or the file is blank). */
export async function readLastQuery(env: Env): Promise<string | null> {
  try {
    const text = (await readTextBounded(lastQueryPath(env), READ_LIMITS.record)).trim();
    return text === "" ? null : text;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
}

/** Record `query` (canonical) as the last used one. */
export async function writeLastQuery(env: Env, query: string): Promise<void> {
  await atomicWriteTextFile(lastQueryPath(env), query);
}

/** Where the start-up query came from. */
export type StartupQuerySource = "argument" | "last" | "saved" | "fallback";

/** The start-up query and where it came from. */
export interface StartupQuery {
  query: string;
  source: StartupQuerySource;
}

/** The handbook's fallback chain: argument → last used → first saved → `!!!`. */
export function startupQuery(
  argument: string | null | undefined,
  last: string | null,
  firstSaved: string | null,
): StartupQuery {
  if (argument && argument.trim() !== "") return { query: argument, source: "argument" };
  if (last) return { query: last, source: "last" };
  if (firstSaved) return { query: firstSaved, source: "saved" };
  return { query: FALLBACK_QUERY, source: "fallback" };
}
