/**
 * A bound on how deeply lists and mappings may nest in a document sase reads
 * (a YAML config or front matter, a JSON notification or record). Parsers
 * and the code after them (merging, schema checks, `JSON.stringify`) recurse
 * once per level, so a hostile or broken file thousands of levels deep would
 * end in "Maximum call stack size exceeded" instead of an error naming it.
 *
 * @module
 */

/** The deepest nesting of lists and mappings sase accepts in a document. */
export const MAX_NESTING = 100;

/**
 * Where `value` first nests deeper than `max` levels of lists and mappings,
 * as a field path (`a.b[3]`, `(top level)` for the value itself), or
 * undefined when it does not. Iterative, so the check itself never overflows
 * the stack, and it stops descending at `max`, so even a cyclic value ends.
 */
export function deeperThan(value: unknown, max: number = MAX_NESTING): string | undefined {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value, depth: 0, path: "" }];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.value === null || typeof current.value !== "object") continue;
    const depth = current.depth + 1;
    if (depth > max) return current.path || "(top level)";
    if (Array.isArray(current.value)) {
      current.value.forEach((item, index) =>
        stack.push({ value: item, depth, path: `${current.path}[${index}]` })
      );
    } else {
      for (const [key, item] of Object.entries(current.value)) {
        stack.push({ value: item, depth, path: current.path ? `${current.path}.${key}` : key });
      }
    }
  }
  return undefined;
}
