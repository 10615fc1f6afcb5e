/**
 * Well-known locations: the state root (`SASE_HOME`, default `~/.sase`), the
 * user config directory (`~/.config/sase`) and the paths derived from them.
 *
 * Every function takes an explicit environment so tests and libraries can
 * resolve paths for a home directory other than the process's own.
 *
 * @module
 */

import { join } from "node:path";
import { SaseError } from "../errors.ts";

/** A read-only view of environment variables. */
export type Env = Readonly<Record<string, string | undefined>>;

/** `env` without its unset entries: what a child process's `env` option takes. */
export function definedEnv(env: Env): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** The process environment as an {@linkcode Env}. */
export function processEnv(): Env {
  return Deno.env.toObject();
}

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
