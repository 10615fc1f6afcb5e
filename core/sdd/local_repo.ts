/**
 * The standalone git repository of local-mode SDD (`.sase/sdd/.git`).
 *
 * Local mode keeps planning history out of the project's own history, so
 * SDD owns a tiny repo of its own and commits every planning write to it.
 * Version-controlled mode never commits: its files wait for `sase commit`.
 *
 * @module
 */

import { join, relative } from "node:path";
import { SaseError } from "../errors.ts";
import { exists } from "../fs/access.ts";
import { atomicWriteTextFile } from "../fs/atomic_write.ts";
import { runGit } from "../git.ts";
import type { SddRoot } from "./root.ts";

/** `.gitignore` of the standalone repo: the bead SQLite cache is rebuildable. */
export const LOCAL_GITIGNORE = "beads.db*\n*.lock\n";

async function git(cwd: string, args: string[]): Promise<string> {
  const result = await runGit(cwd, args);
  if (!result.ok) {
    throw new SaseError(
      "sdd.git",
      `git ${args.join(" ")} failed in ${cwd}: ${result.stderr.trim()}`,
      {
        hint: "check the repository state (and git user.name/user.email) and retry",
      },
    );
  }
  return result.stdout;
}

/**
 * Create the standalone repo at `root` if needed: `git init`, the
 * `.gitignore`, and an exclude entry so the project's own `git status` does
 * not list `.sase/`.
 */
export async function ensureLocalRepo(sdd: SddRoot): Promise<void> {
  await Deno.mkdir(sdd.root, { recursive: true });
  if (!(await exists(join(sdd.root, ".git")))) {
    await git(sdd.root, ["init", "-q"]);
  }
  const ignore = join(sdd.root, ".gitignore");
  if (!(await exists(ignore))) await atomicWriteTextFile(ignore, LOCAL_GITIGNORE);
  await excludeFromProject(sdd.projectRoot);
}

async function excludeFromProject(projectRoot: string): Promise<void> {
  const gitDir = join(projectRoot, ".git");
  try {
    if (!(await Deno.stat(gitDir)).isDirectory) return;
  } catch {
    return;
  }
  const path = join(gitDir, "info", "exclude");
  let text = "";
  try {
    text = await Deno.readTextFile(path);
  } catch {
    // No exclude file yet.
  }
  if (text.split("\n").some((line) => line.trim() === "/.sase/")) return;
  await Deno.mkdir(join(gitDir, "info"), { recursive: true });
  await atomicWriteTextFile(path, `${text}${text && !text.endsWith("\n") ? "\n" : ""}/.sase/\n`);
}

/**
 * Commit `paths` (absolute, under the root) in the standalone repo. Returns
 * the new commit id, or null when nothing changed.
 */
export async function commitLocal(
  sdd: SddRoot,
  paths: readonly string[],
  message: string,
): Promise<string | null> {
  await ensureLocalRepo(sdd);
  const rels = [".gitignore", ...paths.map((path) => relative(sdd.root, path))];
  await git(sdd.root, ["add", "--", ...rels]);
  const staged = await runGit(sdd.root, ["diff", "--cached", "--quiet"]);
  if (staged.ok) return null;
  await git(sdd.root, ["commit", "-q", "--no-verify", "-m", message]);
  return (await git(sdd.root, ["rev-parse", "HEAD"])).trim();
}

/** Commit in local mode; in version-controlled mode leave the files for `sase commit`. */
export function commitPlanningWrite(
  sdd: SddRoot,
  paths: readonly string[],
  message: string,
): Promise<string | null> {
  return sdd.mode === "local" ? commitLocal(sdd, paths, message) : Promise.resolve(null);
}
