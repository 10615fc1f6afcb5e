/**
 * Where each provider reads skills: `<dir>/skills/<skill>/SKILL.md` under
 * the home directory (handbook 7.15), or under the chezmoi home source
 * with `use_chezmoi: true` (the first path segment as chezmoi's
 * `dot_<name>`).
 *
 * @module
 */

import { join } from "../fs/path.ts";

/** The providers that take skills, with their home-relative skill roots, in deploy order. */
export const SKILL_PROVIDERS: readonly { provider: string; dir: string }[] = [
  { provider: "claude", dir: ".claude" },
  { provider: "codex", dir: ".codex" },
  { provider: "agy", dir: ".gemini/antigravity-cli" },
  { provider: "qwen", dir: ".qwen" },
  { provider: "opencode", dir: ".config/opencode" },
];

/** The names of the skill providers. */
export function skillProviderNames(): string[] {
  return SKILL_PROVIDERS.map((p) => p.provider);
}

/** Where `provider`'s copy of `skill` lives: under `home`, or in chezmoi's source naming under `chezmoiRoot`. */
export function skillTargetPath(
  provider: string,
  skill: string,
  home: string,
  chezmoiRoot: string | null,
): string {
  const dir = SKILL_PROVIDERS.find((p) => p.provider === provider)!.dir;
  if (chezmoiRoot === null) return join(home, dir, "skills", skill, "SKILL.md");
  const [first, ...rest] = dir.split("/");
  return join(chezmoiRoot, `dot_${first.replace(/^\./, "")}`, ...rest, "skills", skill, "SKILL.md");
}
