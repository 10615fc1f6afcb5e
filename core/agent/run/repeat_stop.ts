/**
 * Stopping a `%repeat` chain early: a slot whose repeat predecessor set the
 * reserved `STOP` output variable skips its work, records why, and passes
 * `STOP` on so the rest of the chain winds down the same way (handbook
 * "Stopping a repeat chain early with STOP").
 *
 * @module
 */

import type { WaitResult } from "./wait.ts";

const NOT_STOP = new Set(["", "0", "false", "no", "off"]);

/** Whether a `STOP` value stops the chain (conservative: only clear "no"s do not). */
export function isStopValue(value: string | undefined): boolean {
  return value !== undefined && !NOT_STOP.has(value.trim().toLowerCase());
}

/**
 * The repeat predecessor that stopped this slot, if any. The previous slot
 * is the last `%wait` of a repeat slot after the first.
 */
export function repeatStoppedBy(
  repeat: { iteration: number } | undefined,
  waits: readonly string[],
  waited: WaitResult,
): string | undefined {
  if (!repeat || repeat.iteration < 2) return undefined;
  const previous = waits.at(-1);
  return previous && isStopValue(waited.agents[previous]?.STOP) ? previous : undefined;
}
