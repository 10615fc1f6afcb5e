/**
 * `sase agent names migrate-auto`: move names that exist on disk but not in
 * the permanent registry (agents from before it, or after it was lost) into
 * the registry, so no later launch can silently take them. Runs once; a
 * marker file (`SASE_HOME/agent_name_auto_migration.json`) records
 * completion and `--force` runs it again.
 *
 * Unlike the original tool's migration, no name is rewritten: generated names
 * here were always permanent, so claiming them is the whole migration.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import type { Env } from "../../config/paths.ts";
import { saseHome } from "../../config/paths.ts";
import { atomicWriteJson } from "../../fs/atomic_write.ts";
import { backfillAgentNames, nameRegistryPath, type NameReservation } from "../identity/naming.ts";
import { indexLocation, refreshIndex, withAgentIndex } from "./index_service.ts";
import { readArchiveSummaries } from "./archive.ts";
import { READ_LIMITS, readTextBoundedSync } from "../../fs/bounded_read.ts";

/** What a migration run did. */
export interface NameMigrationResult {
  changed: boolean;
  migratedCount: number;
  /** Newly reserved names and the run directory that owns each. */
  migratedNames: Record<string, string>;
  filesChanged: string[];
  /** The marker says the migration already ran (nothing was looked at). */
  skippedByMarker: boolean;
}

const MARKER_SCHEMA_VERSION = 1;

/** `SASE_HOME/agent_name_auto_migration.json`. */
export function migrationMarkerPath(env: Env): string {
  return join(saseHome(env), "agent_name_auto_migration.json");
}

function markerComplete(path: string): boolean {
  try {
    const marker = JSON.parse(readTextBoundedSync(path, READ_LIMITS.record));
    return marker?.schema_version === MARKER_SCHEMA_VERSION && marker?.completed === true;
  } catch {
    return false;
  }
}

/** Every name on disk with the newest run that holds it. */
async function namesOnDisk(env: Env): Promise<Map<string, Omit<NameReservation, "reserved_at">>> {
  const found = new Map<string, Omit<NameReservation, "reserved_at">>();
  await withAgentIndex(indexLocation(env), async (index) => {
    await refreshIndex(index);
    for (const { record } of index.finishedRuns(0).concat(index.unsettledRuns())) {
      if (!record.name) continue;
      const known = found.get(record.name);
      if (!known || known.timestamp < record.timestamp) {
        found.set(record.name, {
          timestamp: record.timestamp,
          project: record.project,
          artifacts_dir: record.dir,
        });
      }
    }
  });
  for (const bundle of readArchiveSummaries(env)) {
    if (!bundle.agent_name || found.has(bundle.agent_name)) continue;
    found.set(bundle.agent_name, {
      timestamp: bundle.raw_suffix,
      project: bundle.project_name ?? bundle.cl_name,
      artifacts_dir: "",
    });
  }
  return found;
}

/** Run the migration (unless its marker says it already ran and `force` is off). */
export async function migrateAutoNames(
  env: Env,
  options: { force?: boolean } = {},
): Promise<NameMigrationResult> {
  const marker = migrationMarkerPath(env);
  if (!options.force && markerComplete(marker)) {
    return {
      changed: false,
      migratedCount: 0,
      migratedNames: {},
      filesChanged: [],
      skippedByMarker: true,
    };
  }
  const found = await namesOnDisk(env);
  const added = await backfillAgentNames(env, found);
  await atomicWriteJson(marker, {
    schema_version: MARKER_SCHEMA_VERSION,
    completed: true,
    migrated_count: added.length,
    completed_at: new Date().toISOString(),
  });
  return {
    changed: added.length > 0,
    migratedCount: added.length,
    migratedNames: Object.fromEntries(added.map((name) => [name, found.get(name)!.artifacts_dir])),
    filesChanged: added.length > 0 ? [nameRegistryPath(env)] : [],
    skippedByMarker: false,
  };
}
