/**
 * Who writes a bead event: `SASE_BEAD_ACTOR`, else the store's owner (its
 * `config.json`), else the login user, else `unknown`.
 *
 * @module
 */

import type { Env } from "../config/paths.ts";
import { readBeadConfig } from "./config.ts";
import { storePaths } from "./paths.ts";

/** The actor recorded on events written to the store at `dir`. */
export async function beadActor(env: Env, dir: string): Promise<string> {
  if (env.SASE_BEAD_ACTOR) return env.SASE_BEAD_ACTOR;
  const config = await readBeadConfig(storePaths(dir).config).catch(() => undefined);
  return config?.owner || env.USER || env.LOGNAME || "unknown";
}
