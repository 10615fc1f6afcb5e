/**
 * `sase workspace cleanup --stale`: remove stale unclaimed checkouts.
 *
 * @module
 */

import type { AppContext } from "../../core/context.ts";
import { usageError } from "../../core/errors.ts";
import { cleanupProjectWorkspaces } from "../../core/workspace/manage.ts";
import { cleanupReportWire } from "../../core/workspace/wire.ts";
import { printJson } from "../shared/output.ts";

/** Run `sase workspace cleanup`; `--stale` is required, so nothing goes by accident. */
export async function runCleanup(
  app: AppContext,
  options: {
    project?: string;
    stale?: boolean;
    includeShares?: boolean;
    dryRun?: boolean;
    json?: boolean;
  },
): Promise<void> {
  if (!options.stale) {
    throw usageError(
      "sase workspace cleanup needs -s/--stale",
      "run `sase workspace cleanup --stale --dry-run` to preview",
    );
  }
  const report = await cleanupProjectWorkspaces(app, {
    project: options.project,
    dryRun: options.dryRun,
    includeShares: options.includeShares,
  });
  if (options.json) return printJson(cleanupReportWire(report));
  const verb = report.dryRun ? "would remove" : "removed";
  for (const entry of report.removed) console.log(`${verb} #${entry.num} ${entry.checkoutDir}`);
  if (report.removed.length === 0) {
    console.log(`Nothing to clean up (TTL ${report.ttlDays} days).`);
  }
}
