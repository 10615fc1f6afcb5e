/**
 * The directory workspace provider (`#cd:<path>`, handbook 11.5): the agent
 * runs in an existing directory, as workspace `#0`, with no VCS, no
 * numbered checkout and no claim. `~` and variables are expanded and
 * relative paths resolve against the launching directory.
 *
 * @module
 */

import { basename } from "../../core/fs/path.ts";
import { homeDir } from "../../core/config/paths.ts";
import { SaseError } from "../../core/errors.ts";
import { expandPath } from "../../core/workspace/paths.ts";
import {
  directoryProjectDir,
  directoryProjectForCwd,
} from "../../core/agent/index/directory_projects.ts";
import type { WorkspaceContext, WorkspaceProvider } from "../../core/workspace/provider.ts";
import type { ResolvedWorkspace } from "../../core/workspace/types.ts";

async function resolveCd(ref: string, ctx: WorkspaceContext): Promise<ResolvedWorkspace> {
  if (ref.trim() === "") {
    throw new SaseError("workspace.bad_ref", "#cd needs a directory, e.g. #cd:~ or #cd(.)", {
      kind: "invalid-input",
    });
  }
  const target = expandPath(ref, ctx.env, ctx.cwd);
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(target);
  } catch {
    throw new SaseError(
      "workspace.no_dir",
      `directory does not exist: ${target} (from #cd:${ref})`,
      {
        hint: "#cd runs in an existing directory; create it first or fix the path",
        kind: "not-found",
      },
    );
  }
  if (!info.isDirectory) {
    throw new SaseError("workspace.no_dir", `not a directory: ${target} (from #cd:${ref})`, {
      hint: "#cd needs a directory, not a file",
      kind: "not-found",
    });
  }
  const dir = await Deno.realPath(target);
  const home = await Deno.realPath(homeDir(ctx.env)).catch(() => homeDir(ctx.env));
  return {
    kind: "cd",
    ref,
    implicit: false,
    project: dir === home ? "home" : basename(dir) || dir,
    projectFile: null,
    primaryDir: dir,
    checkoutTarget: null,
    bareRepoDir: null,
    vcs: null,
    envPrefix: "SASE_CD",
    numbered: false,
  };
}

/** The directory project named, or holding the directory, in `query` (see `directory_projects.ts`). */
async function directoryProject(
  query: { name: string } | { cwd: string },
  ctx: WorkspaceContext,
): Promise<ResolvedWorkspace | null> {
  const name = "name" in query ? query.name : await directoryProjectForCwd(ctx.env, query.cwd);
  const dir = name === null ? null : await directoryProjectDir(ctx.env, name);
  return dir === null ? null : await resolveCd(dir, ctx);
}

/** The `#cd` provider. */
export const cdWorkspaceProvider: WorkspaceProvider = {
  metadata: {
    workflowType: "cd",
    displayName: "Directory",
    envPrefix: "SASE_CD",
    vcsFamily: null,
    vcsProviderName: null,
    numbered: false,
  },
  resolve: resolveCd,
  forProject: () => Promise.resolve(null),
  unregisteredProject: directoryProject,
};
