/**
 * The agents behind `sase bead work`'s deterministic names, looked up in the
 * agent name registry: which owners a launch would force-reuse while they
 * still run (the dry-run warning), and stopping what a launch that failed
 * part-way had already started, so the bead rollback leaves no agent working
 * on a phase that is no longer claimed.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import type { Env } from "../config/paths.ts";
import { ARTIFACT_FILES } from "../agent/records/artifacts.ts";
import { stopAgentRun } from "../agent/identity/kill.ts";
import type { AppContext } from "../context.ts";
import { readNameRegistry } from "../agent/identity/naming.ts";
import { isFile } from "../fs/access.ts";

/** A run is live while it has a meta record and no `done.json`. */
async function isLive(dir: string): Promise<boolean> {
  return await isFile(join(dir, ARTIFACT_FILES.meta)) &&
    !(await isFile(join(dir, ARTIFACT_FILES.done)));
}

/** Which of `names` are owned by a run that has not finished. */
export async function liveNameOwners(env: Env, names: readonly string[]): Promise<string[]> {
  const registry = await readNameRegistry(env);
  const live: string[] = [];
  for (const name of names) {
    const owner = registry[name];
    if (owner && await isLive(owner.artifacts_dir)) live.push(name);
  }
  return live;
}

/**
 * Stop the runs a launch reserved under `names` since `since` (ISO time) and
 * that are still going, as `sase agent kill` stops them (claims released);
 * resolves to the names stopped. Best effort: a run
 * that finishes or cannot be signalled meanwhile is skipped.
 */
export async function stopLaunchedAgents(
  app: AppContext,
  names: readonly string[],
  since: string,
): Promise<string[]> {
  const registry = await readNameRegistry(app.env);
  const stopped: string[] = [];
  for (const name of names) {
    const owner = registry[name];
    if (!owner || owner.reserved_at < since || !(await isLive(owner.artifacts_dir))) continue;
    try {
      await stopAgentRun(app, owner.artifacts_dir, { project: owner.project });
      stopped.push(name);
    } catch {
      // Finished on its own or not ours to signal: nothing left to stop.
    }
  }
  return stopped;
}
