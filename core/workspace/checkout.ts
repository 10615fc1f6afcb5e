/**
 * Materializing a numbered workspace: the provider makes the primary usable
 * and creates (or keeps) the checkout at the path the layout names; managed
 * roots then get the checkout marker and a registry row; finally the
 * provider syncs the checkout to the default revision. The primary checkout
 * is never cleaned or synced: it is the user's own working tree.
 *
 * @module
 */

import { checkoutDir, isManagedCheckout, type WorkspaceLayout, workspaceLayout } from "./layout.ts";
import { writeMarker } from "./marker.ts";
import { type CheckoutRole, recordCheckout, updateRegistry } from "./registry.ts";
import type { ResolvedWorkspace } from "./types.ts";
import type { WorkspaceContext } from "./provider.ts";

/** What {@linkcode materializeWorkspace} should do besides creating the checkout. */
export interface MaterializeOptions {
  /** Registry role of the checkout. */
  role: CheckoutRole;
  /** Back up, clean and sync the checkout to the checkout target. */
  prepare: boolean;
  /** Why (labels the backup of local changes). */
  reason: string;
}

/** A materialized workspace. */
export interface Materialized {
  dir: string;
  layout: WorkspaceLayout;
}

/** Make workspace `num` of `workspace` exist on disk and return where it is. */
export async function materializeWorkspace(
  workspace: ResolvedWorkspace,
  num: number,
  ctx: WorkspaceContext,
  options: MaterializeOptions,
): Promise<Materialized> {
  const provider = ctx.providers.get(workspace.kind);
  await provider.ensurePrimary?.(workspace, ctx);
  const layout = await workspaceLayout(workspace, ctx);
  const dir = checkoutDir(layout, num);
  if (dir === layout.primaryDir) return { dir, layout };
  await provider.materialize?.(workspace, dir, ctx);
  if (isManagedCheckout(layout, num)) {
    await writeMarker(dir, {
      schema_version: 1,
      project_name: layout.project,
      project_key: layout.projectKey,
      workspace_num: num,
      primary_workspace_dir: layout.primaryDir,
      registry_path: layout.registryPath!,
    });
    await updateRegistry(layout.registryPath!, layout, (registry, now) => {
      recordCheckout(registry, num, dir, options.role, now);
    });
  }
  if (options.prepare) await provider.prepare?.(workspace, dir, options.reason);
  return { dir, layout };
}
