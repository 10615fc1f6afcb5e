/**
 * Refusing new work in hidden projects (handbook 11.7, 26.3.2): a launch
 * that names an inactive (or sibling) project fails with the activation
 * hint instead of silently allocating a workspace.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import type { ProjectState } from "../changespec/types.ts";

/** The error for new work in a project whose state is not `active`. */
export function inactiveProjectError(project: string, state: ProjectState): SaseError {
  return new SaseError(
    "project.inactive",
    `project '${project}' is ${state}; it does not take new work`,
    { hint: `activate it first: sase project activate ${project}`, kind: "conflict" },
  );
}

/** Throw {@linkcode inactiveProjectError} unless `state` allows new launches. */
export function assertLaunchable(project: string, state: ProjectState): void {
  if (state !== "active") throw inactiveProjectError(project, state);
}
