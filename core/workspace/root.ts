/**
 * Root policy (handbook 11.9.2): where numbered checkouts live. `xdg-state`
 * (the default) and absolute paths are managed roots that get a per-project
 * namespace and a registry; `adjacent` keeps the legacy `<primary>_<num>`
 * siblings. `SASE_WORKSPACE_ROOT` overrides the configured value.
 *
 * @module
 */

import { isAbsolute, join, resolve } from "../fs/path.ts";
import { type Env, homeDir } from "../config/paths.ts";
import { SaseError } from "../errors.ts";

/** The environment variable that overrides `workspace.root` for a process. */
export const WORKSPACE_ROOT_ENV = "SASE_WORKSPACE_ROOT";

/** How a root was chosen. */
export type RootPolicy = "xdg-state" | "adjacent" | "absolute";

/** A resolved root policy. */
export interface WorkspaceRoot {
  policy: RootPolicy;
  /** Managed-root base (project keys go below it); null for `adjacent`. */
  base: string | null;
}

/** The platform state directory for managed checkouts (`$XDG_STATE_HOME/sase/workspaces`). */
export function defaultStateRoot(env: Env, os: string = Deno.build.os): string {
  if (os === "darwin") {
    return join(homeDir(env), "Library", "Application Support", "sase", "workspaces");
  }
  if (os === "windows") {
    const local = env.LOCALAPPDATA ?? join(homeDir(env), "AppData", "Local");
    return join(local, "sase", "workspaces");
  }
  const state = env.XDG_STATE_HOME?.trim() || join(homeDir(env), ".local", "state");
  return join(state, "sase", "workspaces");
}

/** Resolve `workspace.root` (default `xdg-state`) and the environment override. */
export function resolveWorkspaceRoot(
  configured: string | undefined,
  env: Env,
  cwd: string,
  os: string = Deno.build.os,
): WorkspaceRoot {
  const override = env[WORKSPACE_ROOT_ENV]?.trim();
  if (override) return { policy: "absolute", base: resolve(cwd, override) };
  const value = configured?.trim() || "xdg-state";
  if (value === "adjacent") return { policy: "adjacent", base: null };
  if (value === "xdg-state") return { policy: "xdg-state", base: defaultStateRoot(env, os) };
  if (isAbsolute(value)) return { policy: "absolute", base: resolve(value) };
  throw new SaseError(
    "workspace.bad_root",
    `workspace.root must be 'xdg-state', 'adjacent' or an absolute path, got '${value}'`,
    { hint: "fix `workspace.root` in sase.yml (see `sase config show`)", kind: "invalid-data" },
  );
}
