/**
 * Parsers of option values shared by several command groups. Each refuses a
 * bad value with a usage error naming the flag.
 *
 * @module
 */

import { usageError } from "../../core/errors.ts";

/** Collect a repeatable option's values in order. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** A parser of a non-negative integer option such as `--limit`. */
export function nonNegativeInt(flag: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < 0) {
      throw usageError(`${flag} must be a non-negative integer, got '${value}'`);
    }
    return number;
  };
}
