/**
 * Shared plumbing of the `sase bead` commands: which store, who is acting.
 *
 * @module
 */

import { processEnv } from "../../core/config/paths.ts";
import { usageError } from "../../core/errors.ts";
import { resolveStoreDir } from "../../core/bead/settings.ts";
import { storePaths } from "../../core/bead/paths.ts";

/** The active store directory for the process cwd. */
export async function activeStoreDir(): Promise<string> {
  return (await resolveStoreDir(Deno.cwd(), processEnv())).dir;
}

/** Who writes events: `SASE_BEAD_ACTOR`, else the store owner, else `$USER`. */
export async function actorFor(dir: string): Promise<string> {
  const env = processEnv();
  if (env.SASE_BEAD_ACTOR) return env.SASE_BEAD_ACTOR;
  const { readBeadConfig } = await import("../../core/bead/config.ts");
  const config = await readBeadConfig(storePaths(dir).config).catch(() => undefined);
  return config?.owner || env.USER || env.LOGNAME || "unknown";
}

/** Collect a repeatable option's values. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Parse an integer option, naming the flag on error. */
export function intOption(flag: string) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value.trim())) {
      throw usageError(`${flag}: expected an integer, got '${value}'`);
    }
    return Number(value);
  };
}
