/**
 * The configuration a bead command needs, resolved once per command.
 *
 * This is the seam to the layered configuration: `sdd.version_controlled`
 * picks the store location and `bead.push_after_commit` drives
 * `sase bead work`. `SASE_BEADS_DIR` overrides the location outright (for
 * scripts and tests that point at a store elsewhere).
 *
 * @module
 */

import type { Env } from "../config/paths.ts";
import { beadStoreDir, findCheckoutRoot } from "./location.ts";

/** Resolved bead settings. */
export interface BeadSettings {
  versionControlled: boolean;
  pushAfterCommit: boolean | "async";
}

/** Read the bead settings from the merged configuration for `cwd`. */
export async function loadBeadSettings(cwd: string, env: Env): Promise<BeadSettings> {
  const { loadConfig } = await import("../config/load.ts");
  const { config } = await loadConfig({ cwd, env });
  const sdd = (config as { sdd?: { version_controlled?: boolean } }).sdd;
  const bead = (config as { bead?: { push_after_commit?: boolean | "async" } }).bead;
  return {
    versionControlled: sdd?.version_controlled ?? false,
    pushAfterCommit: bead?.push_after_commit ?? true,
  };
}

/** The active store directory for `cwd` and the checkout it belongs to. */
export async function resolveStoreDir(
  cwd: string,
  env: Env,
  settings?: BeadSettings,
): Promise<{ dir: string; checkoutRoot: string }> {
  const checkoutRoot = await findCheckoutRoot(cwd);
  const override = env.SASE_BEADS_DIR;
  if (override) return { dir: override, checkoutRoot };
  const resolved = settings ?? await loadBeadSettings(checkoutRoot, env);
  return {
    dir: beadStoreDir({ checkoutRoot, versionControlled: resolved.versionControlled }),
    checkoutRoot,
  };
}
