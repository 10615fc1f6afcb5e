/**
 * The option parser the prompt commands share.
 *
 * @module
 */

import { usageError } from "../../core/errors.ts";

/** A count option (`--limit`, `--keep`): digits only. */
export function count(value: string): number {
  if (!/^\d+$/.test(value)) throw usageError(`expected a non-negative integer, got '${value}'`);
  return Number(value);
}
