/**
 * The workspaces of a ChangeSpec's project, for the chops that run
 * something there: the primary checkout (`WORKSPACE_DIR`), where hooks run,
 * and the workspace reference agents are launched with. The registry is
 * read on the first ask only: a tick with nothing to start never reads it.
 *
 * @module
 */

import type { AppContext } from "../../context.ts";
import type { Env } from "../../config/paths.ts";
import type { ChangeSpec } from "../../changespec/types.ts";
import { registeredProjects } from "../../workspace/projects.ts";
import { resolveVcsProvider } from "../../vcs/resolve.ts";
import type { CompleteVcsProvider } from "../../vcs/provider.ts";
import type { RegisteredProject } from "../../workspace/provider.ts";

function projectsByFile(env: Env): () => Promise<Map<string, RegisteredProject>> {
  let projects: Promise<Map<string, RegisteredProject>> | undefined;
  return () =>
    projects ??= registeredProjects(env).then((all) =>
      new Map(all.map((project) => [project.projectFile, project]))
    );
}

/** A lookup of each spec's project workspace (null when its project has none). */
export function projectWorkspaces(env: Env): (spec: ChangeSpec) => Promise<string | null> {
  const projects = projectsByFile(env);
  return async (spec) => (await projects()).get(spec.filePath)?.workspaceDir ?? null;
}

/**
 * A lookup of each spec's project workspace and the VCS provider there
 * (the chops that ask a review server); throws when the project has no
 * `WORKSPACE_DIR` or no provider applies.
 */
export function projectVcsProviders(
  app: AppContext,
): (spec: ChangeSpec) => Promise<{ workspace: string; provider: CompleteVcsProvider }> {
  const workspaceOf = projectWorkspaces(app.env);
  return async (spec) => {
    const workspace = await workspaceOf(spec);
    if (!workspace) throw new Error("its project has no WORKSPACE_DIR");
    return { workspace, provider: (await resolveVcsProvider(app, { cwd: workspace })).provider };
  };
}

/**
 * A lookup of the workspace reference an agent working on a spec is
 * launched with: `#<type>:<changespec>` of the workspace provider that
 * manages the spec's project (`#git:feat` checks out `feat`'s branch in a
 * workspace of its project), so the run belongs to that project and claims
 * one of its checkouts, as a `sase run` naming the ChangeSpec would. Null
 * when no provider manages the project.
 */
export function changeSpecWorkspaceRefs(
  app: AppContext,
): (spec: ChangeSpec) => Promise<string | null> {
  const projects = projectsByFile(app.env);
  return async (spec) => {
    const project = (await projects()).get(spec.filePath);
    if (!project) return null;
    const { workspaceContextOf } = await import("../../workspace/manage.ts");
    const ctx = await workspaceContextOf(app);
    for (const provider of ctx.providers.all()) {
      if (await provider.forProject(project, ctx)) {
        return `#${provider.metadata.workflowType}:${spec.name}`;
      }
    }
    return null;
  };
}
