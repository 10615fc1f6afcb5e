/**
 * Which VCS provider a checkout resolves to, as far as the rules that depend
 * on it need to know (handbook 22.2): beads and SDD use version-controlled
 * storage for every project resolved as the built-in `bare_git` provider.
 *
 * @module
 */

import { dirname, join, resolve } from "../fs/path.ts";
import type { Env } from "../config/paths.ts";
import { runGit } from "../git.ts";

/** The VCS directory (`.git` or `.hg`) nearest to `dir`, walking up. */
async function nearestVcs(dir: string): Promise<"git" | "hg" | undefined> {
  let current = resolve(dir);
  for (;;) {
    for (const kind of ["hg", "git"] as const) {
      try {
        await Deno.lstat(join(current, `.${kind}`));
        return kind;
      } catch {
        // not here
      }
    }
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/**
 * Whether the project at `checkoutRoot` resolves to `bare_git` (handbook
 * 22.2): `SASE_VCS_PROVIDER`, else `vcs_provider.provider`, else detection,
 * where a git checkout with a readable `origin` URL that no plugin claims is
 * `bare_git`. `git` names the git family, which here is `bare_git` too.
 */
export async function resolvesToBareGit(
  checkoutRoot: string,
  env: Env,
  configured: string | undefined,
): Promise<boolean> {
  // A set variable wins (its "auto" skips the config too); an unset one consults the config.
  const choice = env.SASE_VCS_PROVIDER?.trim().toLowerCase() || configured?.trim().toLowerCase();
  if (choice && choice !== "auto") return choice === "bare_git" || choice === "git";
  if ((await nearestVcs(checkoutRoot)) !== "git") return false;
  const origin = await runGit(checkoutRoot, ["config", "--get", "remote.origin.url"], { env });
  return origin.ok && origin.stdout.trim() !== "";
}
