/**
 * The checkout state `sase commit --resume` looks at before it finishes a
 * checkpointed run (handbook 13.8): files that still hold conflict markers,
 * files git still lists as unmerged, and the subject of the commit at HEAD.
 *
 * @module
 */

import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import { join } from "../fs/path.ts";
import type { Env } from "../env.ts";
import { runGit } from "../git.ts";
import type { CompleteVcsProvider } from "../vcs/provider.ts";
import { hasConflictMarkers } from "./checkpoint.ts";

/** What stands between a conflicted run and its finish. */
export interface PendingConflicts {
  /** Files whose text still holds `<<<<<<<`/`=======`/`>>>>>>>` lines. */
  withMarkers: string[];
  /** Files git still lists as unmerged (resolved or not, but not `git add`ed). */
  unmerged: string[];
}

/** The repository's top-level directory as git reports it; null outside git. */
export async function gitTopLevel(cwd: string, env: Env): Promise<string | null> {
  const top = await runGit(cwd, ["rev-parse", "--show-toplevel"], { env });
  return top.ok && top.stdout.trim() !== "" ? top.stdout.trim() : null;
}

/** The repository's top-level directory (`cwd` itself outside git). */
export async function workspaceRoot(cwd: string, env: Env): Promise<string> {
  return (await gitTopLevel(cwd, env)) ?? cwd;
}

async function holdsMarkers(path: string): Promise<boolean> {
  try {
    return hasConflictMarkers(await readTextBounded(path, READ_LIMITS.document));
  } catch {
    // Deleted, a directory, or too large to be a resolved source file: no markers to report.
    return false;
  }
}

/**
 * Scan the files a conflict can have touched: the unmerged ones and, in a
 * git checkout, every file that differs from HEAD (a resolved file is staged
 * against HEAD while a rebase waits).
 */
export async function pendingConflicts(
  vcs: CompleteVcsProvider,
  cwd: string,
  env: Env,
): Promise<PendingConflicts> {
  const root = await workspaceRoot(cwd, env);
  const unmerged = vcs.supports("conflictedFiles") ? await vcs.conflictedFiles(cwd) : [];
  const changed = vcs.info.family === "git"
    ? (await runGit(root, ["diff", "--name-only", "HEAD"], { env })).stdout.split("\n")
    : [];
  const candidates = [...new Set([...unmerged, ...changed].map((f) => f.trim()).filter(Boolean))];
  const withMarkers: string[] = [];
  for (const file of candidates.sort()) {
    if (await holdsMarkers(join(root, file))) withMarkers.push(file);
  }
  return { withMarkers, unmerged: [...new Set(unmerged)].sort() };
}

/** The subject line of HEAD ("" when it cannot be read). */
export async function headSubject(vcs: CompleteVcsProvider, cwd: string): Promise<string> {
  if (!vcs.supports("description")) return "";
  try {
    return (await vcs.description(cwd, "HEAD", { short: true })).split("\n")[0].trim();
  } catch {
    return "";
  }
}

/** HEAD's short commit id in a git checkout, else null. */
export async function shortHead(vcs: CompleteVcsProvider, cwd: string, env: Env) {
  if (vcs.info.family !== "git") return null;
  const out = await runGit(cwd, ["rev-parse", "--short", "HEAD"], { env });
  return out.ok ? out.stdout.trim() : null;
}
