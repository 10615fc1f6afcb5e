/**
 * What mentor_checks remembers between ticks besides its agents (those are
 * in the `mentors` agent-run registry, see `../agent_runs.ts`): which
 * `(project file, ChangeSpec, entry)` already got its mentors-complete
 * notification (`~/.sase/notifications/mentors_complete.json`, handbook
 * 14.3.2) so it never fires twice, across restarts too.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import { atomicWriteJson } from "../../fs/atomic_write.ts";
import { withFileLock } from "../../fs/lock.ts";
import { readJsonObject } from "../../fs/json_object.ts";
import { type Env, saseHome } from "../../config/paths.ts";

/** `~/.sase/mentors`. */
export function mentorsDir(env: Env): string {
  return join(saseHome(env), "mentors");
}

/** The key of one mentor of one entry. */
export function mentorKey(
  projectFile: string,
  spec: string,
  entryId: string,
  profile: string,
  mentor: string,
): string {
  return [projectFile, spec, entryId, `${profile}:${mentor}`].join("|");
}

function completePath(env: Env): string {
  return join(saseHome(env), "notifications", "mentors_complete.json");
}

/** The key of an entry in `mentors_complete.json`. */
export function completeKey(projectFile: string, spec: string, entryId: string): string {
  return [projectFile, spec, entryId].join("|");
}

/** The entries already notified (read once per tick; the claim below decides). */
export async function notifiedEntries(env: Env): Promise<Set<string>> {
  return new Set(Object.keys(await readJsonObject(completePath(env)) ?? {}));
}

/**
 * Claim the mentors-complete notification of an entry: true exactly once
 * per `(projectFile, spec, entryId)`, for the caller that must send it.
 */
export async function claimMentorsComplete(
  env: Env,
  projectFile: string,
  spec: string,
  entryId: string,
  now: Date,
): Promise<boolean> {
  const path = completePath(env);
  const key = completeKey(projectFile, spec, entryId);
  return await withFileLock(path, async () => {
    const done = (await readJsonObject(path) ?? {}) as Record<string, string>;
    if (key in done) return false;
    done[key] = now.toISOString();
    await atomicWriteJson(path, done, { sync: false });
    return true;
  });
}
