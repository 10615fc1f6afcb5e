/**
 * String orders that need no locale data. `String.prototype.localeCompare`
 * loads the ICU collator on its first call (about 8 ms of CPU, half of an
 * empty Deno program's start-up), and its order changes with the user's
 * locale; the orders here cost nothing to set up and are the same
 * everywhere. They are also the orders the original's Python code sorts by
 * (`sorted()` on strings, `key=str.casefold`) and SQLite's default `BINARY`
 * collation.
 *
 * @module
 */

/** Code-unit order (JavaScript's `<` on strings): `-1`, `0` or `1`. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Case-insensitive order (by the lower-cased text's code units), strings
 * that differ only in case in code-unit order.
 */
export function compareCaseInsensitive(a: string, b: string): number {
  return compareCodeUnits(a.toLowerCase(), b.toLowerCase()) || compareCodeUnits(a, b);
}
