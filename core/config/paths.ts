/**
 * Well-known locations: the state root (`SASE_HOME`, default `~/.sase`), the
 * user config directory (`~/.config/sase`) and the paths derived from them.
 *
 * Every function takes an explicit environment so tests and libraries can
 * resolve paths for a home directory other than the process's own.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { SaseError } from "../errors.ts";
import { type Env, processEnv } from "../env.ts";

// The environment helpers live at the bottom of core (`core/env.ts`); the
// config layer re-exports them beside the paths they parameterise.
export { definedEnv, type Env, processEnv } from "../env.ts";

/** The user's home directory (`HOME`, or `USERPROFILE` on Windows). */
export function homeDir(env: Env = processEnv()): string {
  const home = env.HOME ?? env.USERPROFILE;
  if (!home) {
    throw new SaseError("paths.no_home", "cannot find the home directory: HOME is not set", {
      hint: "set HOME (or SASE_HOME for the state root) and retry",
      kind: "unavailable",
    });
  }
  return home;
}

/** The state root: `SASE_HOME` when set, otherwise `~/.sase`. */
export function saseHome(env: Env = processEnv()): string {
  const explicit = env.SASE_HOME?.trim();
  return explicit ? explicit : join(homeDir(env), ".sase");
}

/** The user configuration directory, `~/.config/sase`. */
export function configDir(env: Env = processEnv()): string {
  return join(homeDir(env), ".config", "sase");
}

/** `~/.config/sase/sase.yml`, the base user config file. */
export function userConfigPath(env: Env = processEnv()): string {
  return join(configDir(env), "sase.yml");
}

/** `SASE_HOME/projects`, where ProjectSpecs and per-project state live. */
export function projectsDir(env: Env = processEnv()): string {
  return join(saseHome(env), "projects");
}

/** `SASE_HOME/notifications/notifications.jsonl`, the notification inbox. */
export function notificationsPath(env: Env = processEnv()): string {
  return join(saseHome(env), "notifications", "notifications.jsonl");
}
