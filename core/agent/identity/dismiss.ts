/**
 * Dismissing finished runs from the visible inbox: their identities
 * (`["run", <project>, <timestamp>]`) join `SASE_HOME/dismissed_agents.json`,
 * the list the agent index's dismissed projection reads. Entries already
 * there (in whatever form another writer left them) are kept verbatim; the
 * file is rewritten atomically under its lock. A file that is not a JSON
 * list is an error naming it and is left alone.
 *
 * @module
 */

import type { Env } from "../../config/paths.ts";
import { atomicWriteJson } from "../../fs/atomic_write.ts";
import { readJsonFile } from "../../fs/json_object.ts";
import { withFileLock } from "../../fs/lock.ts";
import { SaseError } from "../../errors.ts";
import { dismissedAgentsPath } from "../index/dismissed.ts";
import { identityKey, parseAgentIdentity, runIdentity } from "./tags.ts";

/** A run to dismiss. */
export interface RunRef {
  project: string;
  timestamp: string;
}

/** Add `runs` to the dismissed set; resolves to how many were not dismissed before. */
export async function dismissRuns(env: Env, runs: readonly RunRef[]): Promise<number> {
  if (runs.length === 0) return 0;
  const path = dismissedAgentsPath(env);
  return await withFileLock(path, async () => {
    const value = await readJsonFile(path, "agent.dismissed_invalid", {
      hint: "fix the file or move it aside; it lists dismissed agents",
    });
    if (value !== undefined && !Array.isArray(value)) {
      throw new SaseError(
        "agent.dismissed_invalid",
        `${path}: expected a JSON list of agent identities`,
        {
          hint: "fix the file or move it aside; it lists dismissed agents",
          kind: "invalid-data",
        },
      );
    }
    const entries: unknown[] = value === undefined ? [] : [...value];
    const known = new Set(
      entries.flatMap((entry) => {
        const id = parseAgentIdentity(entry);
        return id ? [identityKey(id)] : [];
      }),
    );
    let added = 0;
    for (const run of runs) {
      const id = runIdentity(run.project, run.timestamp);
      if (known.has(identityKey(id))) continue;
      known.add(identityKey(id));
      entries.push(id);
      added++;
    }
    if (added > 0) await atomicWriteJson(path, entries);
    return added;
  });
}
