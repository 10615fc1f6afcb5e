/**
 * `sase agent index|archive|names ...`: maintenance of the agent index, the
 * dismissed-agent bundle summary index and the permanent name registry.
 *
 * @module
 */

import { printJson, style } from "../shared/output.ts";
import { processEnv } from "../../core/config/paths.ts";
import type { IndexLocation, VerifyResult } from "../../core/agent/index/agent_index.ts";
import {
  indexLocation,
  indexStatus,
  loadRecordBuilder,
  withAgentIndex,
} from "../../core/agent/index/index_service.ts";
import {
  purgeBundles,
  readArchiveSummaries,
  rebuildArchiveIndex,
  verifyArchiveIndex,
} from "../../core/agent/index/archive.ts";
import { readDismissedAgents } from "../../core/agent/index/dismissed.ts";
import { migrateAutoNames } from "../../core/agent/index/names_migration.ts";
import { plural } from "../../core/text/plural.ts";

/** Options shared by the `sase agent index` commands. */
export interface IndexCliOptions {
  indexPath?: string;
  projectsRoot?: string;
  json?: boolean;
}

function location(options: IndexCliOptions): IndexLocation {
  return indexLocation(processEnv(), {
    indexPath: options.indexPath,
    projectsRoot: options.projectsRoot,
  });
}

/** `sase agent index status`. */
export function runIndexStatus(options: IndexCliOptions): void {
  const status = indexStatus(location(options));
  if (options.json) {
    printJson(status);
    return;
  }
  console.log(`index:    ${status.index_path}`);
  console.log(`projects: ${status.projects_root}`);
  console.log(
    `health:   ${status.healthy ? style("green", "ok") : style("yellow", status.reason ?? "")}`,
  );
  if (status.counts) {
    const { runs, live, finished, dismissed } = status.counts;
    console.log(
      `rows:     ${runs} (${live} unfinished, ${finished} finished, ${dismissed} dismissed)`,
    );
    console.log(`built:    ${status.built_at ?? "never"}`);
  }
}

/** `sase agent index rebuild`. */
export async function runIndexRebuild(options: IndexCliOptions): Promise<void> {
  const build = await loadRecordBuilder();
  const stats = await withAgentIndex(location(options), (index) => index.rebuild(build));
  if (options.json) printJson({ schema_version: 1, ...stats });
  else {console.log(
      `Rebuilt the agent index: ${plural(stats.added, "run")} in ${stats.elapsed_ms} ms.`,
    );}
}

function printVerify(result: VerifyResult): void {
  console.log(
    `${result.ok ? style("green", "ok") : style("red", "diverged")}: ${
      plural(result.indexed_rows, "row")
    }, ` +
      `${result.source_runs} run directories; ${result.missing_rows} missing, ` +
      `${result.stale_rows} stale, ${result.orphan_rows} orphaned`,
  );
  for (const [kind, dirs] of Object.entries(result.examples)) {
    for (const dir of dirs) console.log(`  ${kind}: ${dir}`);
  }
  if (!result.ok) console.log(style("dim", "Run `sase agent index rebuild` to repair it."));
}

/** `sase agent index verify`: exit 1 when the index diverges from the files. */
export async function runIndexVerify(options: IndexCliOptions): Promise<void> {
  const result = await withAgentIndex(location(options), (index) => index.verify());
  if (options.json) printJson({ schema_version: 1, ...result });
  else printVerify(result);
  if (!result.ok) Deno.exitCode = 1;
}

/** `sase agent index gc`: rebuild the index and the dismissed projection. */
export async function runIndexGc(
  options: IndexCliOptions & { purgeRevivedBundles?: boolean },
): Promise<void> {
  const env = processEnv();
  let purged: string[] = [];
  if (options.purgeRevivedBundles) {
    rebuildArchiveIndex(env);
    const dismissed = new Set(readDismissedAgents(env).map((identity) => identity.rawSuffix));
    const revived = new Set(
      readArchiveSummaries(env).map((row) => row.raw_suffix).filter((suffix) =>
        !dismissed.has(suffix)
      ),
    );
    purged = purgeBundles(env, revived);
  }
  const build = await loadRecordBuilder();
  const stats = await withAgentIndex(location(options), (index) => {
    const rebuilt = index.rebuild(build);
    return { ...rebuilt, dismissed: index.summary().counts.dismissed };
  });
  if (options.json) {
    printJson({ schema_version: 1, ...stats, purged_bundles: purged });
    return;
  }
  console.log(
    `Rebuilt the agent index (${plural(stats.added, "run")}) and the dismissed projection ` +
      `(${plural(stats.dismissed, "agent")}) in ${stats.elapsed_ms} ms.`,
  );
  if (options.purgeRevivedBundles) {
    console.log(`Purged ${plural(purged.length, "revived bundle file")}.`);
  }
}

/** `sase agent archive rebuild-index`. */
export function runArchiveRebuild(options: { json?: boolean }): void {
  const result = rebuildArchiveIndex(processEnv());
  if (options.json) printJson({ schema_version: 1, ...result });
  else {
    console.log(
      `Indexed ${result.indexed_rows} dismissed bundles; skipped ${result.skipped_corrupt} ` +
        "corrupt files.",
    );
  }
}

/** `sase agent archive verify`: JSON diagnostics; exit 1 when stale or missing. */
export function runArchiveVerify(): void {
  const result = verifyArchiveIndex(processEnv());
  printJson(result);
  if (!result.ok) Deno.exitCode = 1;
}

/** `sase agent names migrate-auto`. */
export async function runNamesMigrate(options: { force?: boolean; json?: boolean }): Promise<void> {
  const result = await migrateAutoNames(processEnv(), { force: options.force });
  if (options.json) printJson(result);
  else if (result.skipped_by_marker) {
    console.log("Historical auto-name migration already completed (use --force to rerun).");
  } else {
    console.log(
      `Historical auto-name migration completed: ${plural(result.migrated_count, "name")}, ` +
        `${plural(result.files_changed.length, "file")} changed.`,
    );
  }
}
