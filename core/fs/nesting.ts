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
 * Whether `value` nests deeper than `max` levels of lists and mappings: the
 * top-level field holding the too-deep part (`extra`, `[3]` in a list,
 * `(top level)` when the value itself is too deep), or undefined when it
 * does not. Iterative, so the check itself never overflows the stack, and it
 * stops descending at `max`, so even a cyclic value ends.
 */
export function deeperThan(value: unknown, max: number = MAX_NESTING): string | undefined {
  const stack: { value: unknown; depth: number; field: string }[] = [
    { value, depth: 0, field: "(top level)" },
  ];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.value === null || typeof current.value !== "object") continue;
    const depth = current.depth + 1;
    if (depth > max) return current.field;
    const top = current.depth === 0;
    const entries = Array.isArray(current.value)
      ? current.value.map((item, index) => [`[${index}]`, item] as const)
      : Object.entries(current.value);
    for (const [key, item] of entries) {
      stack.push({ value: item, depth, field: top ? key : current.field });
    }
  }
  return undefined;
}
