/**
 * The primary checkout (`WORKSPACE_DIR`) of a ChangeSpec's project, for the
 * chops that run something in it. The registry is read on the first ask
 * only: a tick with nothing to start never reads it.
 *
 * @module
 */

import type { Env } from "../../config/paths.ts";
import type { ChangeSpec } from "../../changespec/types.ts";
import { registeredProjects } from "../../workspace/projects.ts";

/** A lookup of each spec's project workspace (null when its project has none). */
export function projectWorkspaces(env: Env): (spec: ChangeSpec) => Promise<string | null> {
  let workspaces: Promise<Map<string, string | null>> | undefined;
  return async (spec) => {
    workspaces ??= registeredProjects(env).then((projects) =>
      new Map(projects.map((project) => [project.projectFile, project.workspaceDir]))
    );
    return (await workspaces).get(spec.filePath) ?? null;
  };
}
