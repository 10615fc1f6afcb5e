/**
 * The workspace variables a launched agent sees (handbook 11.7, 24.5.6):
 * `<PREFIX>_PRE_ALLOCATED`, `<PREFIX>_WORKSPACE_NUM` and
 * `<PREFIX>_WORKSPACE_DIR`, where the prefix comes from the provider
 * (`SASE_CD`, `SASE_GIT`). Inherited values of every prefix are removed
 * first so a nested launch never reuses its parent's workspace.
 *
 * @module
 */

import type { Env } from "../config/paths.ts";
import type { WorkspaceClaim } from "./types.ts";

const INHERITED = /^SASE\w*_(PRE_ALLOCATED|WORKSPACE_NUM|WORKSPACE_DIR)$/;

/** True for an inherited workspace variable of any prefix. */
export function isWorkspaceVariable(name: string): boolean {
  return INHERITED.test(name);
}

/** `baseEnv` without inherited workspace variables, plus the ones for `claim`. */
export function workspaceEnv(claim: WorkspaceClaim, baseEnv: Env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(baseEnv)) {
    if (value !== undefined && !isWorkspaceVariable(name)) env[name] = value;
  }
  const prefix = claim.workspace.envPrefix;
  env[`${prefix}_PRE_ALLOCATED`] = "1";
  env[`${prefix}_WORKSPACE_NUM`] = String(claim.num);
  env[`${prefix}_WORKSPACE_DIR`] = claim.dir;
  return env;
}
