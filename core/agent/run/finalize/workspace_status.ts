/**
 * Reading the state of an agent's Git checkouts: the repository root, its
 * `git status`, and the static linked repos (`workspace.strategy: none`)
 * that ride along. Shared by the dirty baseline taken when a run starts and
 * by the commit finalizer that runs when it ends, so both see the same repos.
 *
 * @module
 */

import { isAbsolute, join, resolve } from "../../../fs/path.ts";
import type { Env } from "../../../config/paths.ts";
import type { SaseConfig } from "../../../config/types.ts";
import { runGit } from "../../../git.ts";
import { parsePorcelainZ, type StatusEntry } from "./commit_finalizer_text.ts";

/** The top of the Git checkout holding `dir`, or undefined outside one. */
export async function repoRoot(dir: string, env: Env): Promise<string | undefined> {
  const result = await runGit(dir, ["rev-parse", "--show-toplevel"], { env });
  return result.ok ? result.stdout.trim() : undefined;
}

/** `git status` of the checkout at `root`, untracked files listed one by one. */
export async function statusEntries(root: string, env: Env): Promise<StatusEntry[] | undefined> {
  // A read never takes index.lock: agents, bead work and the user commit in the same checkout.
  const result = await runGit(root, [
    "--no-optional-locks",
    "status",
    "--porcelain=v1",
    "-z",
    "--untracked-files=all",
  ], {
    env,
  });
  return result.ok ? parsePorcelainZ(result.stdout) : undefined;
}

function expandHome(path: string, env: Env): string {
  if (path === "~" || path.startsWith("~/")) return join(env.HOME ?? "", path.slice(1));
  return path;
}

/** A static linked repo resolved to its checkout root. */
export interface LinkedRoot {
  name: string;
  root: string;
}

/**
 * The Git roots of the configured static linked repos, relative paths taken
 * from the agent's workspace; the main checkout itself is never repeated.
 */
export async function staticLinkedRoots(
  config: SaseConfig,
  workspaceDir: string,
  mainRoot: string,
  env: Env,
): Promise<LinkedRoot[]> {
  const repos = config.linked_repos ?? config.sibling_repos ?? [];
  const found: LinkedRoot[] = [];
  for (const repo of repos) {
    if (repo.workspace?.strategy !== "none") continue;
    const path = expandHome(repo.path, env);
    const dir = isAbsolute(path) ? path : resolve(workspaceDir, path);
    const root = await repoRoot(dir, env);
    if (root && root !== mainRoot) found.push({ name: repo.name, root });
  }
  return found;
}
