/**
 * `sase agent index|archive|names ...`: maintenance of the agent index, the
 * dismissed-agent bundle summary index and the permanent name registry.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import type { IndexLocation, VerifyResult } from "../../core/agent/index/agent_index.ts";
import { rebuildArchiveIndex, verifyArchiveIndex } from "../../core/agent/index/archive.ts";
import { indexLocation, indexStatus } from "../../core/agent/index/index_service.ts";
import {
  collectAgentIndexGarbage,
  rebuildAgentIndex,
  verifyAgentIndex,
} from "../../core/agent/index/maintenance.ts";
import { migrateAutoNames } from "../../core/agent/index/names_migration.ts";
import {
  archiveRebuildWire,
  archiveVerifyWire,
  indexGcWire,
  indexRebuildWire,
  indexStatusWire,
  indexVerifyWire,
  nameMigrationWire,
} from "../../core/agent/wire.ts";
import { plural } from "../../core/text/plural.ts";
import { printJson, style } from "../shared/output.ts";

/** Options shared by the `sase agent index` commands. */
export interface IndexCliOptions {
  indexPath?: string;
  projectsRoot?: string;
  json?: boolean;
}

function location(app: AppContext, options: IndexCliOptions): IndexLocation {
  return indexLocation(app.env, {
    indexPath: options.indexPath,
    projectsRoot: options.projectsRoot,
  });
}

/** `sase agent index status`. */
export function runIndexStatus(app: AppContext, options: IndexCliOptions): void {
  const status = indexStatus(location(app, options));
  if (options.json) {
    printJson(indexStatusWire(status));
    return;
  }
  console.log(`index:    ${status.indexPath}`);
  console.log(`projects: ${status.projectsRoot}`);
  console.log(
    `health:   ${status.healthy ? style("green", "ok") : style("yellow", status.reason ?? "")}`,
  );
  if (status.counts) {
    const { runs, live, finished, dismissed } = status.counts;
    console.log(
      `rows:     ${runs} (${live} unfinished, ${finished} finished, ${dismissed} dismissed)`,
    );
    console.log(`built:    ${status.builtAt ?? "never"}`);
  }
}

/** `sase agent index rebuild`. */
export async function runIndexRebuild(app: AppContext, options: IndexCliOptions): Promise<void> {
  const stats = await rebuildAgentIndex(location(app, options));
  if (options.json) printJson(indexRebuildWire(stats));
  else {console.log(
      `Rebuilt the agent index: ${plural(stats.added, "run")} in ${stats.elapsedMs} ms.`,
    );}
}

function printVerify(result: VerifyResult): void {
  console.log(
    `${result.ok ? style("green", "ok") : style("red", "diverged")}: ${
      plural(result.indexedRows, "row")
    }, ` +
      `${result.sourceRuns} run directories; ${result.missingRows} missing, ` +
      `${result.staleRows} stale, ${result.orphanRows} orphaned`,
  );
  for (const [kind, dirs] of Object.entries(result.examples)) {
    for (const dir of dirs) console.log(`  ${kind}: ${dir}`);
  }
  if (!result.ok) console.log(style("dim", "Run `sase agent index rebuild` to repair it."));
}

/** `sase agent index verify`: exit 1 when the index diverges from the files. */
export async function runIndexVerify(app: AppContext, options: IndexCliOptions): Promise<void> {
  const result = await verifyAgentIndex(location(app, options));
  if (options.json) printJson(indexVerifyWire(result));
  else printVerify(result);
  if (!result.ok) Deno.exitCode = 1;
}

/** `sase agent index gc`: rebuild the index and the dismissed projection. */
export async function runIndexGc(
  app: AppContext,
  options: IndexCliOptions & { purgeRevivedBundles?: boolean },
): Promise<void> {
  const gc = await collectAgentIndexGarbage(location(app, options), {
    purgeRevivedBundles: options.purgeRevivedBundles,
  });
  if (options.json) {
    printJson(indexGcWire(gc));
    return;
  }
  console.log(
    `Rebuilt the agent index (${plural(gc.added, "run")}) and the dismissed projection ` +
      `(${plural(gc.dismissed, "agent")}) in ${gc.elapsedMs} ms.`,
  );
  if (options.purgeRevivedBundles) {
    console.log(`Purged ${plural(gc.purgedBundles.length, "revived bundle file")}.`);
  }
}

/** `sase agent archive rebuild-index`. */
export function runArchiveRebuild(app: AppContext, options: { json?: boolean }): void {
  const result = rebuildArchiveIndex(app.env);
  if (options.json) printJson(archiveRebuildWire(result));
  else {
    console.log(
      `Indexed ${result.indexedRows} dismissed bundles; skipped ${result.skippedCorrupt} ` +
        "corrupt files.",
    );
  }
}

/** `sase agent archive verify`: JSON diagnostics; exit 1 when stale or missing. */
export function runArchiveVerify(app: AppContext): void {
  const result = verifyArchiveIndex(app.env);
  printJson(archiveVerifyWire(result));
  if (!result.ok) Deno.exitCode = 1;
}

/** `sase agent names migrate-auto`. */
export async function runNamesMigrate(
  app: AppContext,
  options: { force?: boolean; json?: boolean },
): Promise<void> {
  const result = await migrateAutoNames(app.env, { force: options.force });
  if (options.json) printJson(nameMigrationWire(result));
  else if (result.skippedByMarker) {
    console.log("Historical auto-name migration already completed (use --force to rerun).");
  } else {
    console.log(
      `Historical auto-name migration completed: ${plural(result.migratedCount, "name")}, ` +
        `${plural(result.filesChanged.length, "file")} changed.`,
    );
  }
}
