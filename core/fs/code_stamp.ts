/**
 * The stamp of the code that produced a cached result, when sase runs from
 * a source checkout: a developer editing a parser keeps the same
 * `SASE_VERSION`, and a stale cache entry would hide the effect of the edit.
 * Released builds are not served from `file:` URLs (or their files never
 * change), so the stamp is `""` or constant there.
 *
 * @module
 */

const memo = new Map<string, string>();

/**
 * Size and mtime of each of `modules` (specifiers relative to `base`, a
 * module's `import.meta.url`), or `""` when `base` is not a `file:` URL.
 * Computed once per process and list: it describes the loaded code.
 * Synchronous stats: a handful of them cost less than one async round trip.
 */
export function codeStamp(base: string, modules: readonly string[]): string {
  if (!base.startsWith("file:")) return "";
  const key = `${base}\n${modules.join("\n")}`;
  let stamp = memo.get(key);
  if (stamp === undefined) {
    stamp = modules.map((module) => {
      try {
        const info = Deno.statSync(new URL(module, base));
        return `${module}:${info.size}:${info.mtime?.getTime() ?? "-"}`;
      } catch {
        return `${module}:-`;
      }
    }).join(",");
    memo.set(key, stamp);
  }
  return stamp;
}
