/**
 * Resolving a launch's workspace reference (handbook 11.5–11.7): the
 * provider for `#<type>:` resolves it; a prompt that names none means
 * `#git:home`; a `#<type>:<project>` whose provider is not installed still
 * works for a registered project (known-project fallback), keeping the
 * written type's variable prefix. The CLI's `-p NAME` goes through
 * {@linkcode workspaceForProject}, which never creates anything.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { assertLaunchable } from "./lifecycle.ts";
import { findProject, knownProjectNames } from "./projects.ts";
import type { RegisteredProject, WorkspaceContext } from "./provider.ts";
import type { ResolvedWorkspace } from "./types.ts";

/** A workspace reference as the launch plan carries it (`PlannedWorkspace` fits). */
export interface WorkspaceRefInput {
  kind: string;
  ref: string;
  /** True when the prompt named no workspace. */
  implicit?: boolean;
  /** `@name`: another agent's workspace, which the launcher resolves first. */
  agent?: string;
}

/** The reference a prompt without one gets. */
export const DEFAULT_WORKSPACE_REF: WorkspaceRefInput = {
  kind: "git",
  ref: "home",
  implicit: true,
};

/** The workspace of a registered project, from whichever provider manages it. */
async function managedWorkspace(
  project: RegisteredProject,
  ctx: WorkspaceContext,
): Promise<ResolvedWorkspace> {
  for (const provider of ctx.providers.all()) {
    const workspace = await provider.forProject(project, ctx);
    if (workspace) return workspace;
  }
  throw new SaseError(
    "workspace.unmanaged",
    `project '${project.name}' has no usable WORKSPACE_DIR in ${project.projectFile}`,
    {
      hint: "register it with `#git:<bare-repo-path>` or set WORKSPACE_DIR in its ProjectSpec",
      kind: "unavailable",
    },
  );
}

/** Resolve a launch's workspace reference; may initialize a first-use `#git:<name>` project. */
export async function resolveWorkspace(
  input: WorkspaceRefInput,
  ctx: WorkspaceContext,
): Promise<ResolvedWorkspace> {
  if (input.agent) {
    throw new SaseError(
      "workspace.agent_ref",
      `#${input.kind}:@${input.agent} names another agent's workspace`,
      {
        hint: "the launcher resolves @agent references before workspace resolution",
        kind: "internal",
      },
    );
  }
  const implicit = input.implicit ?? false;
  const provider = ctx.providers.all().find((p) => p.metadata.workflowType === input.kind);
  if (provider) return { ...(await provider.resolve(input.ref, ctx)), implicit };
  const project = await findProject(input.ref, ctx.env);
  if (!project) {
    const known = ctx.providers.all().map((p) => `#${p.metadata.workflowType}`).join(", ");
    throw new SaseError(
      "workspace.unknown_type",
      `no workspace provider handles #${input.kind}:, and '${input.ref}' is not a registered project`,
      {
        hint: `use one of ${known}, or install the plugin that provides #${input.kind}`,
        kind: "not-found",
      },
    );
  }
  assertLaunchable(project.name, project.state);
  const workspace = await managedWorkspace(project, ctx);
  return {
    ...workspace,
    ref: input.ref,
    implicit,
    envPrefix: `SASE_${input.kind.toUpperCase()}`,
  };
}

/**
 * Refuse numbered-workspace work (opening, a number other than `#0`) on a
 * directory project: sase manages no checkouts there, and the directory is
 * the user's own, never to be cleaned or synced.
 */
export function assertNumbered(workspace: ResolvedWorkspace): void {
  if (workspace.numbered) return;
  throw new SaseError(
    "workspace.directory_project",
    `project '${workspace.project}' is a directory project (#${workspace.kind}:` +
      `${workspace.primaryDir}): sase manages no numbered workspaces there`,
    {
      hint: `its only workspace is #0, the directory itself: ${workspace.primaryDir}`,
      kind: "conflict",
    },
  );
}

/**
 * The workspace of project `name` for `sase workspace`: a registered
 * project (or alias) in any state, else a project a provider knows without
 * a ProjectSpec (a `#cd` directory project, state null).
 */
export async function workspaceForProject(
  name: string,
  ctx: WorkspaceContext,
): Promise<ResolvedWorkspace & { state: RegisteredProject["state"] | null }> {
  const project = await findProject(name, ctx.env);
  if (project) return { ...(await managedWorkspace(project, ctx)), state: project.state };
  for (const provider of ctx.providers.all()) {
    const known = await provider.unregisteredProject?.({ name }, ctx);
    if (known) return { ...known, state: null };
  }
  const names = await knownProjectNames(ctx.env);
  throw new SaseError("project.not_found", `no project named '${name}'`, {
    hint: names.length > 0
      ? `known projects: ${names.join(", ")}`
      : "no project exists yet; a first `sase run` creates one",
    kind: "not-found",
  });
}
