/**
 * `sase workspace cleanup --stale` (handbook 11.10): remove managed
 * checkouts nobody claims that were last used more than
 * `workspace.cleanup_ttl_days` ago, with their transition symlinks, and
 * drop their registry rows. `#0`, pinned rows and every number with a
 * RUNNING claim stay. The ProjectSpec lock is held throughout, so no launch
 * can claim a number while its checkout is being removed.
 *
 * @module
 */

import { dirname } from "../fs/path.ts";
import { ChangeSpecStore } from "../changespec/store.ts";
import { projectRefForFile } from "./claims.ts";
import { workspaceLayout } from "./layout.ts";
import { PRIMARY_WORKSPACE } from "./numbers.ts";
import { nowSeconds, readRegistry, updateRegistry } from "./registry.ts";
import type { ResolvedWorkspace } from "./types.ts";
import type { WorkspaceContext } from "./provider.ts";

/** Default `workspace.cleanup_ttl_days`. */
export const DEFAULT_CLEANUP_TTL_DAYS = 14;

/** One checkout cleanup removed (or, with `dryRun`, would remove). */
export interface CleanupEntry {
  num: number;
  checkoutDir: string;
}

/** What a cleanup did (`sase workspace cleanup`; its wire form is in `wire.ts`). */
export interface CleanupReport {
  project: string;
  dryRun: boolean;
  ttlDays: number;
  removed: CleanupEntry[];
}

/** Options for {@linkcode cleanupWorkspaces}. */
export interface CleanupOptions {
  dryRun?: boolean;
  /** Also remove workflow-share checkouts. */
  includeShares?: boolean;
  /** "Now" in Unix seconds (tests move the clock). */
  now?: number;
}

async function removeTree(path: string): Promise<void> {
  await Deno.remove(path, { recursive: true }).catch((error) => {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  });
}

async function removeSymlink(path: string): Promise<void> {
  const info = await Deno.lstat(path).catch(() => null);
  if (info?.isSymlink) await Deno.remove(path);
}

/** Remove stale unclaimed managed checkouts of `workspace`'s project. */
export async function cleanupWorkspaces(
  workspace: ResolvedWorkspace,
  ctx: WorkspaceContext,
  options: CleanupOptions = {},
): Promise<CleanupReport> {
  const ttlDays = ctx.config.workspace?.cleanup_ttl_days ?? DEFAULT_CLEANUP_TTL_DAYS;
  const report: CleanupReport = {
    project: workspace.project,
    dryRun: options.dryRun ?? false,
    ttlDays,
    removed: [],
  };
  const layout = await workspaceLayout(workspace, ctx);
  if (!layout.registryPath || !workspace.projectFile) return report;
  const ref = projectRefForFile(workspace.projectFile);
  await new ChangeSpecStore(dirname(ref.dir)).mutate(ref, async ({ active }) => {
    const claimed = new Set(active.parsed.header.running.map((claim) => claim.workspace));
    const registry = await readRegistry(layout.registryPath!);
    const cutoff = (options.now ?? nowSeconds()) - ttlDays * 86400;
    for (const [key, row] of Object.entries(registry?.workspaces ?? {})) {
      const num = Number(key);
      if (num === PRIMARY_WORKSPACE || row.role === "primary" || row.pinned) continue;
      if (claimed.has(num) || row.last_used_at > cutoff) continue;
      if (!options.includeShares && row.role === "share") continue;
      report.removed.push({ num, checkoutDir: row.checkout_dir });
    }
    if (report.dryRun || report.removed.length === 0) return;
    for (const entry of report.removed) {
      await removeTree(entry.checkoutDir);
      await removeSymlink(`${layout.primaryDir}_${entry.num}`);
    }
    await updateRegistry(layout.registryPath!, layout, (current) => {
      for (const entry of report.removed) delete current.workspaces[String(entry.num)];
    });
  });
  return report;
}
