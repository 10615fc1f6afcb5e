/**
 * Where a checkout's version control lives, as far as provider selection
 * (handbook 22.2) and the rules that depend on it need to know: the nearest
 * `.hg`/`.git` marker walking up, and the `origin` remote a git checkout is
 * classified by. Beads and SDD use version-controlled storage for every
 * project resolved as the built-in `bare_git` provider.
 *
 * @module
 */

import { dirname, join, resolve } from "../fs/path.ts";
import type { Env } from "../config/paths.ts";
import { runGit } from "../git.ts";

/** The nearest VCS marker found walking up from a directory. */
export interface VcsMarker {
  kind: "git" | "hg";
  /** The directory holding the marker (the checkout's root). */
  root: string;
}

/**
 * The VCS marker (`.hg` or `.git`) nearest to `dir`, walking up; at one
 * level `.hg` is checked first (the original asks the marker plugins before
 * looking for `.git`). A `.git` file (worktrees, submodules) counts.
 */
export async function nearestVcs(dir: string): Promise<VcsMarker | undefined> {
  let current = resolve(dir);
  for (;;) {
    for (const kind of ["hg", "git"] as const) {
      try {
        await Deno.lstat(join(current, `.${kind}`));
        return { kind, root: current };
      } catch {
        // not here
      }
    }
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** The `origin` remote's URL of the git checkout at `root`; null when unset, empty or unreadable. */
export async function originUrl(root: string, env: Env): Promise<string | null> {
  const origin = await runGit(root, ["config", "--get", "remote.origin.url"], { env });
  const url = origin.stdout.trim();
  return origin.ok && url !== "" ? url : null;
}

/**
 * Whether the project at `checkoutRoot` resolves to `bare_git` (handbook
 * 22.2): `SASE_VCS_PROVIDER`, else `vcs_provider.provider`, else detection,
 * where a git checkout with a readable `origin` URL is `bare_git`. `git`
 * names the git family, which here is `bare_git` too.
 */
export async function resolvesToBareGit(
  checkoutRoot: string,
  env: Env,
  configured: string | undefined,
): Promise<boolean> {
  // A set variable wins (its "auto" skips the config too); an unset one consults the config.
  const choice = env.SASE_VCS_PROVIDER?.trim().toLowerCase() || configured?.trim().toLowerCase();
  if (choice && choice !== "auto") return choice === "bare_git" || choice === "git";
  const marker = await nearestVcs(checkoutRoot);
  if (marker?.kind !== "git") return false;
  return (await originUrl(checkoutRoot, env)) !== null;
}
