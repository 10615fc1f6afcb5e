/**
 * Shared plumbing of the `sase bead` commands: which store, who is acting.
 *
 * @module
 */

import { processEnv } from "../../core/config/paths.ts";
import { usageError } from "../../core/errors.ts";
import { resolveStoreDir } from "../../core/bead/settings.ts";
import { beadActor } from "../../core/bead/actor.ts";

/** The active store directory for the process cwd. */
export async function activeStoreDir(): Promise<string> {
  return (await resolveStoreDir(Deno.cwd(), processEnv())).dir;
}

/** Who writes events to the store at `dir` (see `core/bead/actor.ts`). */
export function actorFor(dir: string): Promise<string> {
  return beadActor(processEnv(), dir);
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
