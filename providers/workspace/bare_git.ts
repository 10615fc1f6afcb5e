/**
 * The bundled bare-git workspace provider (`#git:<ref>`, handbook 11.6).
 * A reference resolves, in order, to: a registered project (by name or
 * alias), the project holding a ChangeSpec of that name, a new project
 * initialized on first use, or (for a path) an existing bare repository
 * registered under its basename. `#git:home` bootstraps itself the same
 * way. Numbered checkouts are clones of the primary.
 *
 * @module
 */

import { basename, dirname, join } from "../../core/fs/path.ts";
import { projectsDir } from "../../core/config/paths.ts";
import { SaseError } from "../../core/errors.ts";
import { withFileLock } from "../../core/fs/lock.ts";
import { ChangeSpecStore } from "../../core/changespec/store.ts";
import { assertLaunchable } from "../../core/workspace/lifecycle.ts";
import { expandPath } from "../../core/workspace/paths.ts";
import { findProject } from "../../core/workspace/projects.ts";
import type {
  RegisteredProject,
  WorkspaceContext,
  WorkspaceProvider,
} from "../../core/workspace/provider.ts";
import type { ResolvedWorkspace, WorkflowMetadata } from "../../core/workspace/types.ts";
import { checkProjectName, initBareGitProject } from "./bare_git_init.ts";
import { defaultBranch, ensureClone, syncCheckout } from "./git_checkout.ts";
import { git, isGitCheckout } from "./git_run.ts";
import { commitSddGuides } from "./sdd_bootstrap.ts";

const METADATA: WorkflowMetadata = {
  workflowType: "git",
  displayName: "Git (bare)",
  envPrefix: "SASE_GIT",
  vcsFamily: "git",
  vcsProviderName: "bare_git",
  numbered: true,
};

/** The project every prompt without a workspace reference runs in. */
const HOME_PROJECT = "home";

async function workspaceOf(
  project: RegisteredProject,
  ref: string,
  checkoutTarget?: string,
): Promise<ResolvedWorkspace> {
  const primaryDir = project.workspaceDir!;
  return {
    kind: METADATA.workflowType,
    ref,
    implicit: false,
    project: project.name,
    projectFile: project.projectFile,
    primaryDir,
    checkoutTarget: checkoutTarget ?? await defaultBranch(primaryDir, project.bareRepoDir),
    bareRepoDir: project.bareRepoDir,
    vcs: "git",
    envPrefix: METADATA.envPrefix,
    numbered: true,
  };
}

/** A registered project usable as is: bare-git, or a plain git primary checkout. */
async function usable(project: RegisteredProject): Promise<boolean> {
  if (!project.workspaceDir) return false;
  if (project.bareRepoDir) return true;
  return project.name !== HOME_PROJECT && await isGitCheckout(project.workspaceDir);
}

async function byChangeSpec(
  name: string,
  ctx: WorkspaceContext,
): Promise<ResolvedWorkspace | null> {
  const store = new ChangeSpecStore(projectsDir(ctx.env));
  const spec = (await store.specs({ states: "all", includeArchive: true }))
    .find((s) => s.name === name);
  if (!spec) return null;
  const owner = await findProject(basename(dirname(spec.filePath)), ctx.env);
  if (!owner || !await usable(owner)) {
    throw new SaseError(
      "workspace.unmanaged",
      `ChangeSpec '${name}' is in ${spec.filePath}, whose project has no BARE_REPO_DIR/WORKSPACE_DIR`,
      { hint: "register the project's repository with #git:<bare-repo-path>", kind: "unavailable" },
    );
  }
  assertLaunchable(owner.name, owner.state);
  return { ...await workspaceOf(owner, name, name), changespec: name };
}

async function resolveGitRef(ref: string, ctx: WorkspaceContext): Promise<ResolvedWorkspace> {
  const text = ref.trim();
  if (text === "") {
    throw new SaseError(
      "workspace.bad_ref",
      "#git: needs a project, ChangeSpec or bare repo path",
      {
        kind: "invalid-input",
      },
    );
  }
  if (text.includes("/") || text.startsWith("~")) {
    const bare = expandPath(text, ctx.env, ctx.cwd).replace(/\/+$/, "");
    const name = basename(bare).replace(/\.git$/, "");
    checkProjectName(name, ref);
    const known = await findProject(name, ctx.env);
    if (known) assertLaunchable(known.name, known.state);
    return await workspaceOf(await initBareGitProject(name, ctx.env, bare), ref);
  }
  const project = await findProject(text, ctx.env);
  if (project) {
    assertLaunchable(project.name, project.state);
    if (await usable(project)) return await workspaceOf(project, ref);
  }
  const viaSpec = project ? null : await byChangeSpec(text, ctx);
  if (viaSpec) return viaSpec;
  checkProjectName(text, ref);
  return await workspaceOf(await initBareGitProject(project?.name ?? text, ctx.env), ref);
}

async function ensurePrimary(workspace: ResolvedWorkspace, ctx: WorkspaceContext): Promise<void> {
  const lock = join(dirname(workspace.projectFile!), "primary");
  await withFileLock(lock, async () => {
    const present = await Deno.stat(workspace.primaryDir).then(() => true, () => false);
    if (!present && workspace.bareRepoDir) {
      await git(
        ".",
        ["clone", "-q", workspace.bareRepoDir, workspace.primaryDir],
        "restoring the primary checkout",
      );
    }
    if (!workspace.bareRepoDir) return;
    try {
      await commitSddGuides(workspace.primaryDir, "Initialize SDD", { push: true });
    } catch (error) {
      // The guides are a convenience; a primary that cannot take the commit still serves checkouts.
      ctx.warn?.(
        `SDD guides not committed in ${workspace.primaryDir}: ${(error as Error).message}`,
      );
    }
  });
}

/** The bare-git provider. */
export const bareGitWorkspaceProvider: WorkspaceProvider = {
  metadata: METADATA,
  resolve: resolveGitRef,
  async forProject(project) {
    return await usable(project) ? await workspaceOf(project, project.name) : null;
  },
  ensurePrimary,
  async materialize(workspace, dir) {
    await ensureClone(workspace.primaryDir, dir);
  },
  async prepare(workspace, dir, reason) {
    await syncCheckout(dir, workspace.checkoutTarget, reason);
  },
};
