/**
 * ACE's pinned idle (`I`): the marker file `SASE_HOME/tui_pinned_idle`
 * exists while the user pinned themselves idle, so the state survives a
 * restart and other tools can read it (handbook 4.15).
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { type Env, saseHome } from "../config/paths.ts";
import { atomicWriteTextFile } from "../fs/atomic_write.ts";

/** `SASE_HOME/tui_pinned_idle`. */
export function pinnedIdlePath(env: Env): string {
  return join(saseHome(env), "tui_pinned_idle");
}

/** Whether idle is pinned. */
export async function readPinnedIdle(env: Env): Promise<boolean> {
  try {
    await Deno.stat(pinnedIdlePath(env));
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/** Pin (create the marker, holding the time) or unpin (remove it). */
export async function writePinnedIdle(env: Env, pinned: boolean, now = new Date()): Promise<void> {
  if (pinned) {
    await atomicWriteTextFile(pinnedIdlePath(env), `${now.toISOString()}\n`);
    return;
  }
  await Deno.remove(pinnedIdlePath(env)).catch((error) => {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  });
}
