/**
 * Joins (handbook 10.11): how the results of a `for:` loop's iterations or
 * of a `parallel:` block's steps become one step output. `for:` defaults to
 * `array` (the list of iteration outputs), `parallel:` to `object` (outputs
 * keyed by step name); `text` concatenates results as lines — raw output as
 * it was, parsed fields in the `key=value` form bash steps print — and
 * `lastOf` keeps the last. `object` on a loop merges the iteration outputs
 * into one object. Pure.
 *
 * @module
 */

import type { JoinMode } from "./model.ts";
import { jsonDumps } from "./render.ts";

/** One result as a text join shows it. */
export function resultText(result: unknown): string {
  if (typeof result === "string") return result;
  if (!result || typeof result !== "object" || Array.isArray(result)) return jsonDumps(result);
  const record = result as Record<string, unknown>;
  for (const raw of ["_output", "_raw"]) {
    if (typeof record[raw] === "string") return record[raw] as string;
  }
  return Object.entries(record)
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : jsonDumps(value)}`)
    .join("\n");
}

function merged(results: readonly unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const result of results) {
    if (result && typeof result === "object" && !Array.isArray(result)) Object.assign(out, result);
  }
  return out;
}

/** Join the outputs of a loop's iterations, in iteration order. */
export function joinIterations(results: readonly unknown[], mode: JoinMode): unknown {
  switch (mode) {
    case "array":
      return [...results];
    case "lastOf":
      return results.length ? results[results.length - 1] : [];
    case "object":
      return merged(results);
    case "text":
      return results.map(resultText).join("\n");
  }
}

/** Join the outputs of a parallel block's steps, in declaration order, keyed by step name. */
export function joinParallel(entries: readonly [string, unknown][], mode: JoinMode): unknown {
  switch (mode) {
    case "object":
      return Object.fromEntries(entries);
    case "array":
      return entries.map(([, output]) => output);
    case "lastOf":
      return entries.length ? entries[entries.length - 1][1] : {};
    case "text":
      return entries.map(([, output]) => resultText(output)).join("\n");
  }
}
