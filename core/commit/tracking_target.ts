/**
 * Which project and ChangeSpec a commit run records into (handbook 13.3,
 * 13.9): `SASE_AGENT_PROJECT_FILE` and `SASE_AGENT_CL_NAME` when an agent
 * run sets them, otherwise the project whose workspace holds the checkout
 * and the ChangeSpec the checked-out branch names. A checkout that belongs
 * to no project, or a branch no ChangeSpec is named after, still commits;
 * it just has nothing to record into.
 *
 * @module
 */

import { projectsDir } from "../config/paths.ts";
import type { AppContext } from "../context.ts";
import { ChangeSpecStore, type ProjectRef, projectRefOfFile } from "../changespec/store.ts";
import { projectForCwd } from "../workspace/projects.ts";

/** Where a run records what it did. */
export interface CommitTracking {
  /** The project, or null when the checkout belongs to none. */
  project: ProjectRef | null;
  /** Every ChangeSpec name of the project (active and archive). */
  names: string[];
  /** The checked-out branch (null when detached or not known). */
  branch: string | null;
  /** The ChangeSpec whose history gets the COMMITS entry, or null. */
  clName: string | null;
  /** The ChangeSpec the checked-out branch names, when one exists (a PR's parent). */
  branchSpec: string | null;
}

/** The store of the context's projects. */
export function commitStore(app: AppContext): ChangeSpecStore {
  return new ChangeSpecStore(projectsDir(app.env));
}

async function projectOf(app: AppContext, cwd: string): Promise<ProjectRef | null> {
  const file = app.env.SASE_AGENT_PROJECT_FILE?.trim();
  if (file) return projectRefOfFile(file);
  const name = await projectForCwd(cwd, app.env).catch(() => null);
  return name === null ? null : await commitStore(app).project(name);
}

/** Every ChangeSpec name in `project`'s active and archive files. */
export async function projectNames(store: ChangeSpecStore, project: ProjectRef): Promise<string[]> {
  const snap = await store.snapshot(project, true);
  return [snap.active, snap.archive].flatMap((file) => file?.specs ?? []).map((s) => s.name);
}

/** Resolve where a run in `cwd`, on `branch` (looked up meanwhile), records into. */
export async function resolveTracking(
  app: AppContext,
  cwd: string,
  branchOf: Promise<string | null>,
): Promise<CommitTracking> {
  const project = await projectOf(app, cwd);
  const names = project ? await projectNames(commitStore(app), project) : [];
  const branch = await branchOf;
  const branchSpec = branch !== null && names.includes(branch) ? branch : null;
  const fromEnv = app.env.SASE_AGENT_CL_NAME?.trim();
  return { project, names, branch, clName: fromEnv || branchSpec, branchSpec };
}
