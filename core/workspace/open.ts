/**
 * `sase workspace open NUM -r REASON` (handbook 11.10): materialize the
 * checkout, back up and clean local changes, sync it to the default
 * revision and return its path. A number a live agent holds is refused, so
 * an open never stashes an agent's work from under it. Configured linked
 * repositories get their hidden `PROJECT_STATE: sibling` ProjectSpec on
 * first use, and inside an agent run the open is recorded in its artifacts.
 *
 * @module
 */

import { projectsDir } from "../config/paths.ts";
import { SaseError, usageError } from "../errors.ts";
import { ChangeSpecStore } from "../changespec/store.ts";
import { readClaims } from "./claims.ts";
import { materializeWorkspace } from "./checkout.ts";
import { isPidAlive } from "./liveness.ts";
import { PRIMARY_WORKSPACE } from "./numbers.ts";
import { recordOpenedWorkspace } from "./opened.ts";
import { expandPath } from "./paths.ts";
import { findProject } from "./projects.ts";
import { assertNumbered, workspaceForProject } from "./resolve.ts";
import type { WorkspaceContext } from "./provider.ts";

/** What an open produced. */
export interface OpenResult {
  project: string;
  num: number;
  dir: string;
  /** True when the project is a configured linked repository. */
  linked: boolean;
}

function linkedRepo(name: string, ctx: WorkspaceContext) {
  const repos = [...(ctx.config.linked_repos ?? []), ...(ctx.config.sibling_repos ?? [])];
  return repos.find((repo) => repo.name === name) ?? null;
}

/** Create the hidden sibling ProjectSpec of configured linked repo `name` when it has none. */
async function ensureLinkedProject(name: string, ctx: WorkspaceContext): Promise<void> {
  const repo = linkedRepo(name, ctx);
  if (!repo || await findProject(name, ctx.env)) return;
  const store = new ChangeSpecStore(projectsDir(ctx.env));
  const ref = store.newProjectRef(name);
  await store.mutate(ref, ({ active }) => {
    if (active.parsed.header.workspaceDir) return;
    active.setHeaderField("WORKSPACE_DIR", expandPath(repo.path, ctx.env, ctx.cwd));
    active.setHeaderField("PROJECT_STATE", "sibling");
  });
}

/** Open workspace `num` of project `name` for `reason`. */
export async function openWorkspace(
  name: string,
  num: number,
  reason: string,
  ctx: WorkspaceContext,
): Promise<OpenResult> {
  if (reason.trim() === "") {
    throw usageError("sase workspace open needs a non-empty -r/--reason", "e.g. -r 'debug a test'");
  }
  await ensureLinkedProject(name, ctx);
  const workspace = await workspaceForProject(name, ctx);
  assertNumbered(workspace);
  const linked = workspace.state === "sibling" || linkedRepo(workspace.project, ctx) !== null;
  if (num !== PRIMARY_WORKSPACE && workspace.projectFile) {
    for (const claim of await readClaims(workspace.projectFile)) {
      if (claim.workspace === num && await isPidAlive(claim.pid)) {
        throw new SaseError(
          "workspace.busy",
          `workspace #${num} of '${workspace.project}' is claimed by live pid ${claim.pid} (${
            claim.changespec || claim.workflow
          })`,
          { hint: "open another number, or wait for that agent to finish", kind: "conflict" },
        );
      }
    }
  }
  const { dir } = await materializeWorkspace(workspace, num, ctx, {
    role: "open",
    prepare: true,
    reason,
  });
  const artifacts = ctx.env.SASE_ARTIFACTS_DIR;
  if (linked && artifacts) {
    await recordOpenedWorkspace(artifacts, {
      name: workspace.project,
      workspace_num: num,
      workspace_dir: dir,
      reason,
      opened_at: new Date().toISOString(),
    });
  }
  return { project: workspace.project, num, dir, linked };
}
