/**
 * Where the bead store of the active checkout lives.
 *
 * Version-controlled SDD mode (`sdd.version_controlled: true`, or a project
 * on the built-in `bare_git` provider) keeps it in `sdd/beads/` of the current
 * checkout; local mode keeps it in `.sase/sdd/beads/` of the primary
 * workspace. Only the active checkout's store is ever read: sibling
 * workspaces are never merged in.
 *
 * @module
 */

import { dirname, join, resolve } from "../fs/path.ts";

/** Inputs of {@linkcode beadStoreDir}; the caller resolves them from config. */
export interface BeadLocationInput {
  /** Root of the active checkout (see {@linkcode findCheckoutRoot}). */
  checkoutRoot: string;
  /** The effective `sdd.version_controlled` setting. */
  versionControlled: boolean;
  /** True when the project resolves to the built-in `bare_git` VCS provider. */
  bareGit?: boolean;
  /** The primary workspace for local mode (defaults to the checkout root). */
  primaryWorkspace?: string;
}

/** The bead store directory for the given mode. */
export function beadStoreDir(input: BeadLocationInput): string {
  if (input.versionControlled || input.bareGit) return join(input.checkoutRoot, "sdd", "beads");
  return join(input.primaryWorkspace ?? input.checkoutRoot, ".sase", "sdd", "beads");
}

/** The nearest ancestor of `cwd` holding `.git` (a dir or a worktree file), else `cwd`. */
export async function findCheckoutRoot(cwd: string): Promise<string> {
  let dir = resolve(cwd);
  for (;;) {
    try {
      await Deno.lstat(join(dir, ".git"));
      return dir;
    } catch {
      const parent = dirname(dir);
      if (parent === dir) return resolve(cwd);
      dir = parent;
    }
  }
}

/** Whether `dir` is inside a git work tree (cheap: looks for `.git` upwards). */
export async function isInGitRepo(dir: string): Promise<boolean> {
  let current = resolve(dir);
  for (;;) {
    try {
      await Deno.lstat(join(current, ".git"));
      return true;
    } catch {
      const parent = dirname(current);
      if (parent === current) return false;
      current = parent;
    }
  }
}
