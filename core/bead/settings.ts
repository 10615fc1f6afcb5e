/**
 * The configuration a bead command needs, resolved once per command.
 *
 * This is the seam to the layered configuration: the effective SDD mode picks
 * the store location and `bead.push_after_commit` drives `sase bead work`.
 * Version-controlled mode is effective when `sdd.version_controlled` is true
 * or the project resolves to the built-in `bare_git` VCS provider (handbook
 * 6.2, 9.4.1), which the handbook's provider selection (22.2) gives for a git
 * checkout with an `origin` remote. `SASE_BEADS_DIR` overrides the location
 * outright (for scripts and tests that point at a store elsewhere).
 *
 * @module
 */

import type { Env } from "../config/paths.ts";
import { beadStoreDir, findCheckoutRoot } from "./location.ts";
import { storeExists, storePaths } from "./paths.ts";

/** Resolved bead settings. */
export interface BeadSettings {
  versionControlled: boolean;
  /** The project resolves to the built-in `bare_git` VCS provider. */
  bareGit: boolean;
  pushAfterCommit: boolean | "async";
}

/** Read the bead settings from the merged configuration for `cwd`. */
export async function loadBeadSettings(cwd: string, env: Env): Promise<BeadSettings> {
  const [{ loadConfig }, { resolvesToBareGit }] = await Promise.all([
    import("../config/load.ts"),
    import("../vcs/detect.ts"),
  ]);
  const { config } = await loadConfig({ cwd, env });
  const sdd = (config as { sdd?: { version_controlled?: boolean } }).sdd;
  const bead = (config as { bead?: { push_after_commit?: boolean | "async" } }).bead;
  const versionControlled = sdd?.version_controlled ?? false;
  return {
    versionControlled,
    // Only an unset mode needs the provider (and its git subprocess).
    bareGit: !versionControlled && await resolvesToBareGit(cwd, env, config.vcs_provider?.provider),
    pushAfterCommit: bead?.push_after_commit ?? true,
  };
}

/**
 * The active store directory for `cwd` and the checkout it belongs to: the
 * effective mode's location, unless only the other mode's location holds a
 * store (a store never silently moves, and a second one is never started).
 */
export async function resolveStoreDir(
  cwd: string,
  env: Env,
  settings?: BeadSettings,
): Promise<{ dir: string; checkoutRoot: string }> {
  const checkoutRoot = await findCheckoutRoot(cwd);
  const override = env.SASE_BEADS_DIR;
  if (override) return { dir: override, checkoutRoot };
  const resolved = settings ?? await loadBeadSettings(checkoutRoot, env);
  const preferred = beadStoreDir({
    checkoutRoot,
    versionControlled: resolved.versionControlled,
    bareGit: resolved.bareGit,
  });
  if (await storeExists(storePaths(preferred))) return { dir: preferred, checkoutRoot };
  const other = beadStoreDir({
    checkoutRoot,
    versionControlled: !(resolved.versionControlled || resolved.bareGit),
  });
  const dir = await storeExists(storePaths(other)) ? other : preferred;
  return { dir, checkoutRoot };
}
