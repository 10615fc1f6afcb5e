/**
 * `xprompt_aliases`: raw text substitution that runs before anything else.
 *
 * `#c` becomes `#commit` and `#p` becomes `#propose` by default; config may
 * add aliases whose target contains `:` (`gh_sase: "gh:sase"`), which is why
 * this is a text rewrite rather than a catalog lookup.
 *
 * @module
 */

/** Aliases every installation has. */
export const DEFAULT_XPROMPT_ALIASES: Readonly<Record<string, string>> = {
  c: "commit",
  p: "propose",
};

const ALIAS_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Merge config aliases over the defaults; invalid alias names are ignored. */
export function effectiveAliases(config: Record<string, string> = {}): Record<string, string> {
  const merged: Record<string, string> = { ...DEFAULT_XPROMPT_ALIASES };
  for (const [name, target] of Object.entries(config)) {
    if (ALIAS_NAME.test(name) && typeof target === "string") merged[name] = target;
  }
  return merged;
}

/** Replace `#alias` (whole name only) with `#target`. */
export function applyAliases(text: string, aliases: Readonly<Record<string, string>>): string {
  const names = Object.keys(aliases);
  if (names.length === 0 || !text.includes("#")) return text;
  const pattern = new RegExp(
    String.raw`(?<=^|[\s(\[{"'\x60])(#!?)(${names.join("|")})(?![A-Za-z0-9_\/-])`,
    "g",
  );
  return text.replace(pattern, (_m, marker: string, name: string) => `${marker}${aliases[name]}`);
}
