/**
 * The workspace services behind `sase workspace` (and, later, ACE's
 * workspace panel and the gateway): list a project's workspaces, tell a
 * checkout's path, open one for a person, clean up stale checkouts and
 * repair claims and registries. Each takes the application context and an
 * optional project; without one, the project is the one the context's
 * directory belongs to.
 *
 * @module
 */

import type { AppContext } from "../context.ts";
import { SaseError } from "../errors.ts";
import { type CleanupOptions, type CleanupReport, cleanupWorkspaces } from "./cleanup.ts";
import { listWorkspaces, type WorkspaceInventory } from "./inventory.ts";
import { checkoutDir, workspaceLayout } from "./layout.ts";
import { isReservedWorkspace } from "./numbers.ts";
import { type OpenResult, openWorkspace } from "./open.ts";
import { projectForCwd } from "./projects.ts";
import { type RepairReport, repairWorkspaces } from "./repair.ts";
import { assertNumbered, workspaceForProject } from "./resolve.ts";
import type { WorkspaceContext } from "./provider.ts";

/** The workspace services' view of `app`: its config, workspace providers and warning sink. */
export async function workspaceContextOf(app: AppContext): Promise<WorkspaceContext> {
  const { config } = await app.config();
  return {
    env: app.env,
    cwd: app.cwd,
    config,
    providers: await app.providers.workspace(),
    warn: (message) => app.warn(message),
  };
}

/** `given`, else the project the context's directory belongs to. */
async function projectOf(ctx: WorkspaceContext, given: string | undefined): Promise<string> {
  return given ?? await projectForCwd(ctx.cwd, ctx.env, ctx);
}

/** Every workspace of `project` (registry, claims, adjacent checkouts). */
export async function projectWorkspaces(
  app: AppContext,
  project?: string,
): Promise<WorkspaceInventory> {
  const ctx = await workspaceContextOf(app);
  const workspace = await workspaceForProject(await projectOf(ctx, project), ctx);
  return await listWorkspaces(workspace, ctx, workspace.state);
}

/**
 * The checkout path of workspace `num` of `project`, without creating it.
 * A directory project has only `#0`, the directory itself.
 */
export async function workspacePath(
  app: AppContext,
  num: number,
  project?: string,
): Promise<string> {
  const ctx = await workspaceContextOf(app);
  const workspace = await workspaceForProject(await projectOf(ctx, project), ctx);
  if (num !== 0) assertNumbered(workspace);
  return workspace.numbered
    ? checkoutDir(await workspaceLayout(workspace, ctx), num)
    : workspace.primaryDir;
}

/**
 * Open workspace `num` of `project` for a person (materialized, backed up,
 * cleaned, synced). A reserved number (1-9) works, with a warning.
 */
export async function openProjectWorkspace(
  app: AppContext,
  num: number,
  reason: string,
  project?: string,
): Promise<OpenResult> {
  const ctx = await workspaceContextOf(app);
  if (isReservedWorkspace(num)) {
    app.warn(`#${num} is reserved; prefer a claim-range number such as 10`);
  }
  return await openWorkspace(await projectOf(ctx, project), num, reason, ctx);
}

/** Remove stale unclaimed checkouts of `project` (see `cleanup.ts`). */
export async function cleanupProjectWorkspaces(
  app: AppContext,
  options: CleanupOptions & { project?: string } = {},
): Promise<CleanupReport> {
  const { project, ...cleanup } = options;
  const ctx = await workspaceContextOf(app);
  const workspace = await workspaceForProject(await projectOf(ctx, project), ctx);
  return await cleanupWorkspaces(workspace, ctx, cleanup);
}

/**
 * Repair `project`, else the project of the context's directory, else every
 * registered project. A project named explicitly must exist.
 */
export async function repairProjectWorkspaces(
  app: AppContext,
  options: { project?: string; dryRun?: boolean } = {},
): Promise<RepairReport> {
  const ctx = await workspaceContextOf(app);
  const project = options.project ??
    await projectForCwd(ctx.cwd, ctx.env, ctx).catch(() => undefined);
  const report = await repairWorkspaces(ctx, { project, dryRun: options.dryRun });
  if (options.project && report.projects.length === 0) {
    throw new SaseError("project.not_found", `no project named '${options.project}'`, {
      hint: "see `sase project list --state all`",
      kind: "invalid-input",
    });
  }
  return report;
}
