/**
 * Maintenance of the agent index (`sase agent index rebuild|verify|gc`):
 * rebuild it from the run directories, compare it with them, and collect
 * its garbage (the dismissed projection, and optionally the bundles of
 * agents that were revived).
 *
 * @module
 */

import type { IndexLocation, RefreshStats, VerifyResult } from "./agent_index.ts";
import { purgeBundles, readArchiveSummaries, rebuildArchiveIndex } from "./archive.ts";
import { readDismissedAgents } from "./dismissed.ts";
import { loadRecordBuilder, withAgentIndex } from "./index_service.ts";

/** Rebuild every row of the index at `location` from the run directories. */
export async function rebuildAgentIndex(location: IndexLocation): Promise<RefreshStats> {
  const build = await loadRecordBuilder();
  return await withAgentIndex(location, (index) => index.rebuild(build));
}

/** Compare the index at `location` with the run directories, changing nothing. */
export async function verifyAgentIndex(location: IndexLocation): Promise<VerifyResult> {
  return await withAgentIndex(location, (index) => index.verify());
}

/** What a garbage collection did. */
export interface IndexGc extends RefreshStats {
  /** Dismissed agents in the rebuilt projection. */
  dismissed: number;
  /** Bundle files deleted (with `purgeRevivedBundles`). */
  purgedBundles: string[];
}

/**
 * Rebuild the index and its dismissed projection; with
 * `purgeRevivedBundles`, first delete the dismissed-agent bundles of agents
 * that are no longer dismissed (revived).
 */
export async function collectAgentIndexGarbage(
  location: IndexLocation,
  options: { purgeRevivedBundles?: boolean } = {},
): Promise<IndexGc> {
  const env = location.env;
  let purgedBundles: string[] = [];
  if (options.purgeRevivedBundles) {
    rebuildArchiveIndex(env);
    const dismissed = new Set(readDismissedAgents(env).map((identity) => identity.rawSuffix));
    const revived = new Set(
      readArchiveSummaries(env).map((row) => row.raw_suffix).filter((suffix) =>
        !dismissed.has(suffix)
      ),
    );
    purgedBundles = purgeBundles(env, revived);
  }
  const build = await loadRecordBuilder();
  const stats = await withAgentIndex(location, (index) => {
    const rebuilt = index.rebuild(build);
    return { ...rebuilt, dismissed: index.summary().counts.dismissed };
  });
  return { ...stats, purgedBundles };
}
