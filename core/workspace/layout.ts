/**
 * Where each numbered workspace of one project lives (handbook 11.9): the
 * root policy, the project key and the checkout path of every number. The
 * path functions are pure; {@linkcode workspaceLayout} reads the config,
 * the environment and the primary's git remotes once.
 *
 * @module
 */

import { dirname, join } from "../fs/path.ts";
import { PRIMARY_WORKSPACE } from "./numbers.ts";
import { deriveProjectKey, gitRemoteUrls } from "./project_key.ts";
import { resolveWorkspaceRoot, type RootPolicy, type WorkspaceRoot } from "./root.ts";
import type { WorkspaceContext } from "./provider.ts";

/** The registry file name inside a project's managed root. */
export const REGISTRY_FILE = "registry.json";

/** The resolved layout of one project's workspaces. */
export interface WorkspaceLayout {
  project: string;
  primaryDir: string;
  projectKey: string;
  policy: RootPolicy;
  /** `<managed-root>/<project_key>`, or the primary's parent for `adjacent`. */
  rootDir: string;
  /** The project's registry; null for `adjacent`, which keeps none. */
  registryPath: string | null;
}

/** Build a layout from already-resolved parts. */
export function buildLayout(parts: {
  project: string;
  primaryDir: string;
  projectKey: string;
  root: WorkspaceRoot;
}): WorkspaceLayout {
  const primaryDir = parts.primaryDir.replace(/(.)\/+$/, "$1");
  const rootDir = parts.root.base === null
    ? dirname(primaryDir)
    : join(parts.root.base, parts.projectKey);
  return {
    project: parts.project,
    primaryDir,
    projectKey: parts.projectKey,
    policy: parts.root.policy,
    rootDir,
    registryPath: parts.root.base === null ? null : join(rootDir, REGISTRY_FILE),
  };
}

/**
 * The checkout directory of workspace `num`. `#0` is always the primary;
 * under `adjacent` the legacy `#1` is the primary too and the rest are
 * `<primary>_<num>` siblings; managed roots use `<root>/<project>_<num>`.
 */
export function checkoutDir(layout: WorkspaceLayout, num: number): string {
  if (num === PRIMARY_WORKSPACE) return layout.primaryDir;
  if (layout.policy === "adjacent") {
    return num === 1 ? layout.primaryDir : `${layout.primaryDir}_${num}`;
  }
  return join(layout.rootDir, `${layout.project}_${num}`);
}

/** True when `num` is a managed (registered, marked) checkout rather than the primary. */
export function isManagedCheckout(layout: WorkspaceLayout, num: number): boolean {
  return layout.registryPath !== null && num !== PRIMARY_WORKSPACE;
}

/** Resolve the layout of `project` from the config, the environment and the primary's remotes. */
export async function workspaceLayout(
  workspace: { project: string; primaryDir: string },
  ctx: Pick<WorkspaceContext, "env" | "config" | "cwd">,
): Promise<WorkspaceLayout> {
  const settings = ctx.config.workspace ?? {};
  const root = resolveWorkspaceRoot(settings.root, ctx.env, ctx.cwd);
  const explicit = settings.project_key?.trim();
  const remotes = explicit ? [] : await gitRemoteUrls(workspace.primaryDir);
  return buildLayout({
    project: workspace.project,
    primaryDir: workspace.primaryDir,
    projectKey: await deriveProjectKey(workspace.primaryDir, remotes, explicit),
    root,
  });
}
