/**
 * Projects as the phone names them: a known project name (a ProjectSpec
 * under `<sase_home>/projects/`), never a path. One check for launches and
 * helpers alike.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import type { AppContext } from "../context.ts";
import { homeDir } from "../config/paths.ts";
import { SaseError } from "../errors.ts";
import { projectStore } from "../changespec/read.ts";
import { type ProjectInfo, showProject } from "../changespec/project.ts";
import { type ApiErrorCode, GatewayError } from "./errors.ts";

/** A project name: no path separators, no `..`, no leading dot or dash. */
const PROJECT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * The project `project` names; a path is `invalid_request`, an unknown name
 * is `notFound` (the route family's not-found code).
 */
export async function knownProject(
  app: AppContext,
  project: string,
  notFound: ApiErrorCode,
): Promise<ProjectInfo> {
  if (!PROJECT_NAME.test(project) || project.includes("..")) {
    throw new GatewayError(
      "invalid_request",
      "`project` must be a known project name, not a path",
      {
        kind: "invalid-input",
        target: project,
      },
    );
  }
  return await showProject(projectStore(app.env), project).catch((error) => {
    if (error instanceof SaseError && error.kind === "not-found") {
      throw new GatewayError(notFound, `no project named '${project}'`, {
        kind: "not-found",
        target: project,
        hint: "list projects with `sase project list`",
      });
    }
    throw error;
  });
}

/** A ProjectSpec's `WORKSPACE_DIR` with a leading `~/` expanded. */
export function expandHome(app: AppContext, dir: string): string {
  if (dir === "~") return homeDir(app.env);
  return dir.startsWith("~/") ? join(homeDir(app.env), dir.slice(2)) : dir;
}
