/**
 * The `sase workspace list` view of one project: root policy, project key,
 * root and registry paths, and one row per known workspace number, from
 * the registry, the RUNNING claims and (for `adjacent` roots, which keep no
 * registry) the `<primary>_<num>` siblings on disk. Read-only.
 *
 * @module
 */

import { basename, dirname } from "../fs/path.ts";
import type { ProjectState } from "../changespec/types.ts";
import { readClaims } from "./claims.ts";
import { checkoutDir, workspaceLayout } from "./layout.ts";
import { isPidAlive } from "./liveness.ts";
import { PRIMARY_WORKSPACE } from "./numbers.ts";
import { readRegistry, type RegistryEntry } from "./registry.ts";
import type { WorkspaceContext } from "./provider.ts";
import type { ResolvedWorkspace } from "./types.ts";
import { resolvesToEntry } from "../fs/access.ts";

/** One RUNNING claim as listed. */
export interface ClaimView {
  pid: number;
  alive: boolean;
  workflow: string;
  name: string;
  timestamp: string | null;
  pinned: boolean;
}

/** One workspace number as listed. */
export interface WorkspaceRow {
  num: number;
  checkoutDir: string;
  exists: boolean;
  /** Registry row, when the registry has one. */
  registered: RegistryEntry | null;
  claims: ClaimView[];
}

/** The whole listing of one project (`sase workspace list`; its wire form is in `wire.ts`). */
export interface WorkspaceInventory {
  project: string;
  projectFile: string | null;
  state: ProjectState | null;
  rootPolicy: string;
  projectKey: string;
  rootDir: string;
  registryPath: string | null;
  primary: { num: 0; checkoutDir: string };
  workspaces: WorkspaceRow[];
}

async function adjacentNumbers(primaryDir: string): Promise<number[]> {
  const pattern = new RegExp(`^${RegExp.escape(basename(primaryDir))}_(\\d+)$`);
  const found: number[] = [];
  try {
    for await (const entry of Deno.readDir(dirname(primaryDir))) {
      const match = pattern.exec(entry.name);
      if (match) found.push(Number(match[1]));
    }
  } catch {
    // No parent directory: nothing adjacent.
  }
  return found;
}

/**
 * A directory workspace (`#cd`) has no numbered checkouts, root policy or
 * registry: its one workspace is the directory itself, `#0`.
 */
async function directoryInventory(workspace: ResolvedWorkspace): Promise<WorkspaceInventory> {
  return {
    project: workspace.project,
    projectFile: null,
    state: null,
    rootPolicy: DIRECTORY_POLICY,
    projectKey: workspace.project,
    rootDir: workspace.primaryDir,
    registryPath: null,
    primary: { num: 0, checkoutDir: workspace.primaryDir },
    workspaces: [{
      num: PRIMARY_WORKSPACE,
      checkoutDir: workspace.primaryDir,
      exists: await resolvesToEntry(workspace.primaryDir),
      registered: null,
      claims: [],
    }],
  };
}

/** The root policy a directory workspace lists (it has no numbered checkouts). */
export const DIRECTORY_POLICY = "directory";

/** List the workspaces of `workspace`'s project. */
export async function listWorkspaces(
  workspace: ResolvedWorkspace,
  ctx: WorkspaceContext,
  state: ProjectState | null = null,
): Promise<WorkspaceInventory> {
  if (!workspace.numbered) return await directoryInventory(workspace);
  const layout = await workspaceLayout(workspace, ctx);
  const registry = layout.registryPath ? await readRegistry(layout.registryPath) : null;
  const claims = workspace.projectFile ? await readClaims(workspace.projectFile) : [];
  const numbers = new Set<number>([PRIMARY_WORKSPACE]);
  for (const key of Object.keys(registry?.workspaces ?? {})) numbers.add(Number(key));
  for (const claim of claims) numbers.add(claim.workspace);
  if (layout.policy === "adjacent") {
    for (const num of await adjacentNumbers(layout.primaryDir)) numbers.add(num);
  }
  const rows: WorkspaceRow[] = [];
  for (const num of [...numbers].sort((a, b) => a - b)) {
    const registered = registry?.workspaces[String(num)] ?? null;
    const dir = registered?.checkout_dir || checkoutDir(layout, num);
    const views: ClaimView[] = [];
    for (const claim of claims.filter((c) => c.workspace === num)) {
      views.push({
        pid: claim.pid,
        alive: await isPidAlive(claim.pid),
        workflow: claim.workflow,
        name: claim.changespec,
        timestamp: claim.timestamp,
        pinned: claim.pinned,
      });
    }
    rows.push({
      num,
      checkoutDir: dir,
      exists: await resolvesToEntry(dir),
      registered,
      claims: views,
    });
  }
  return {
    project: workspace.project,
    projectFile: workspace.projectFile,
    state,
    rootPolicy: layout.policy,
    projectKey: layout.projectKey,
    rootDir: layout.rootDir,
    registryPath: layout.registryPath,
    primary: { num: 0, checkoutDir: layout.primaryDir },
    workspaces: rows,
  };
}
