/**
 * `sase workspace repair` (handbook 11.9.3, 11.10): release RUNNING claims
 * whose process is gone (pinned claims are kept on purpose), drop registry
 * rows whose checkout was deleted, and re-materialize registered checkouts
 * that vanished while a live claim still holds them. `#0` is never touched.
 *
 * @module
 */

import type { RunningClaim } from "../changespec/types.ts";
import { readClaims, removeDeadClaims } from "./claims.ts";
import { materializeWorkspace } from "./checkout.ts";
import { workspaceLayout } from "./layout.ts";
import { isPidAlive } from "./liveness.ts";
import { PRIMARY_WORKSPACE } from "./numbers.ts";
import { findProject, registeredProjects } from "./projects.ts";
import type { RegisteredProject, WorkspaceContext } from "./provider.ts";
import { readRegistry, updateRegistry } from "./registry.ts";
import type { ResolvedWorkspace } from "./types.ts";
import { resolvesToEntry } from "../fs/access.ts";

/** What repair did (or, with `dryRun`, would do) to one project. */
export interface ProjectRepair {
  project: string;
  /** Claims of dead processes released from RUNNING. */
  released: RunningClaim[];
  /** Registry rows dropped because their checkout is gone. */
  dropped: number[];
  /** Missing checkouts re-created for live claims. */
  rematerialized: number[];
}

/** What a repair did (`sase workspace repair`; its wire form is in `wire.ts`). */
export interface RepairReport {
  dryRun: boolean;
  projects: ProjectRepair[];
}

/** Options for {@linkcode repairWorkspaces}. */
export interface RepairOptions {
  /** Only this project (name or alias); default every registered project. */
  project?: string;
  dryRun?: boolean;
  /** Process liveness probe (tests substitute their own). */
  isAlive?: (pid: number) => Promise<boolean>;
}

async function managedWorkspace(
  project: RegisteredProject,
  ctx: WorkspaceContext,
): Promise<ResolvedWorkspace | null> {
  for (const provider of ctx.providers.all()) {
    const workspace = await provider.forProject(project, ctx);
    if (workspace) return workspace;
  }
  return null;
}

async function reconcileRegistry(
  workspace: ResolvedWorkspace,
  claims: readonly RunningClaim[],
  ctx: WorkspaceContext,
  dryRun: boolean,
  isAlive: (pid: number) => Promise<boolean>,
): Promise<{ dropped: number[]; rematerialized: number[] }> {
  const layout = await workspaceLayout(workspace, ctx);
  const registry = layout.registryPath ? await readRegistry(layout.registryPath) : null;
  const dropped: number[] = [];
  const rematerialized: number[] = [];
  if (!registry) return { dropped, rematerialized };
  for (const [key, row] of Object.entries(registry.workspaces)) {
    const num = Number(key);
    if (num === PRIMARY_WORKSPACE || await resolvesToEntry(row.checkout_dir)) continue;
    let live = false;
    for (const claim of claims) {
      if (claim.workspace === num && await isAlive(claim.pid)) live = true;
    }
    if (live) rematerialized.push(num);
    else dropped.push(num);
  }
  if (dryRun) return { dropped, rematerialized };
  for (const num of rematerialized) {
    const role = registry.workspaces[String(num)].role;
    await materializeWorkspace(workspace, num, ctx, { role, prepare: false, reason: "repair" });
  }
  if (dropped.length > 0) {
    await updateRegistry(layout.registryPath!, layout, (current) => {
      for (const num of dropped) delete current.workspaces[String(num)];
    });
  }
  return { dropped, rematerialized };
}

/** Repair one project or every registered project. */
export async function repairWorkspaces(
  ctx: WorkspaceContext,
  options: RepairOptions = {},
): Promise<RepairReport> {
  const dryRun = options.dryRun ?? false;
  const isAlive = options.isAlive ?? isPidAlive;
  const projects = options.project
    ? [await findProject(options.project, ctx.env)].filter((p) => p !== null)
    : await registeredProjects(ctx.env);
  const report: RepairReport = { dryRun, projects: [] };
  for (const project of projects) {
    if (!await resolvesToEntry(project.projectFile)) continue;
    const released = await removeDeadClaims(project.projectFile, isAlive, dryRun);
    const workspace = await managedWorkspace(project, ctx);
    const remaining = (await readClaims(project.projectFile)).filter((claim) =>
      !dryRun || !released.some((r) => r.pid === claim.pid && r.workspace === claim.workspace)
    );
    const registry = workspace
      ? await reconcileRegistry(workspace, remaining, ctx, dryRun, isAlive)
      : { dropped: [], rematerialized: [] };
    report.projects.push({ project: project.name, released, ...registry });
  }
  return report;
}
