/**
 * Importing a module only on the code path that needs it, without paying
 * for its module graph anywhere else.
 *
 * `await import("./x.ts")` with a literal specifier defers running `x.ts`,
 * but not loading it: when the module holding that line is loaded, Deno
 * walks the literal target's whole graph too (resolving, reading and
 * parsing every module it reaches, npm packages included), whether or not
 * the import ever runs. A command group naming its five handlers that way
 * made every one of its commands walk all five handlers' graphs, and the
 * configuration loader made every command that reads the cached config walk
 * the YAML parser and the schema library behind its cache miss: 2 to 5 ms of
 * CPU per process, measured. A specifier built at run time is invisible to
 * that walk, so the target's graph is loaded only when the import runs.
 *
 * Call it as `importOnDemand<typeof import("./x.ts")>("./x.ts",
 * import.meta.url)`: the type argument keeps the import type-checked (a
 * type-only reference is not walked at run time), and
 * `tests/architecture_test.ts` checks that both paths agree. `deno task
 * compile` includes these modules explicitly (`scripts/compile.ts`), since
 * its static analysis cannot see them either.
 *
 * @module
 */

/** Import `specifier`, resolved against `base` (the caller's `import.meta.url`), when called. */
export function importOnDemand<T>(specifier: string, base: string): Promise<T> {
  return import(new URL(specifier, base).href);
}
