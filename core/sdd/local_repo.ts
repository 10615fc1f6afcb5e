/**
 * The standalone git repository of local-mode SDD (`.sase/sdd/.git`).
 *
 * Local mode keeps planning history out of the project's own history, so
 * SDD owns a tiny repo of its own and commits every planning write to it.
 * Version-controlled mode never commits: its files wait for `sase commit`.
 *
 * @module
 */

import { basename, dirname, join, relative, resolve } from "../fs/path.ts";
import { SaseError } from "../errors.ts";
import { exists } from "../fs/access.ts";
import { atomicWriteTextFile } from "../fs/atomic_write.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
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
        kind: "failed",
      },
    );
  }
  return result.stdout;
}

/**
 * Create the standalone repo at `root` if needed: `git init`, the
 * `.gitignore`, and an ignore rule in the project's repository so that
 * nothing under `.sase/sdd/` ever shows in its `git status` or is swept into
 * its commits (`git add -A` included).
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

/**
 * The local-mode SDD root a bead store directory sits in
 * (`<project>/.sase/sdd/beads`), or null for a store anywhere else.
 */
export function localRootOfStore(storeDir: string): SddRoot | null {
  const root = dirname(storeDir);
  if (basename(storeDir) !== "beads" || basename(root) !== "sdd") return null;
  if (basename(dirname(root)) !== ".sase") return null;
  return { root, projectRoot: dirname(dirname(root)), mode: "local", linkPrefix: ".sase/sdd/" };
}

/**
 * Make the local-mode SDD tree holding the bead store at `storeDir` the
 * standalone repository the handbook describes (a no-op for a store in
 * version-controlled `sdd/beads/` or elsewhere). Bead commands then stage
 * and commit bead state in that repository, never in the project's.
 */
export async function ensureStandaloneRepoForStore(storeDir: string): Promise<void> {
  const sdd = localRootOfStore(storeDir);
  if (sdd) await ensureLocalRepo(sdd);
}

/**
 * Ignore `.sase/sdd/` in the project's repository through its
 * `info/exclude` (the repository-local ignore file, so the user's tracked
 * `.gitignore` is never touched), unless some ignore rule covers it already.
 */
async function excludeFromProject(projectRoot: string): Promise<void> {
  const inside = await runGit(projectRoot, ["rev-parse", "--is-inside-work-tree"]);
  if (!inside.ok || inside.stdout.trim() !== "true") return;
  const ignored = await runGit(projectRoot, ["check-ignore", "-q", ".sase/sdd/"]);
  if (ignored.ok) return;
  // A linked worktree shares `info/exclude` with its main checkout; git knows where it is.
  const excludePath = resolve(
    projectRoot,
    (await git(projectRoot, ["rev-parse", "--git-path", "info/exclude"])).trim(),
  );
  const prefix = (await git(projectRoot, ["rev-parse", "--show-prefix"])).trim();
  const rule = `/${prefix}.sase/sdd/`;
  let text = "";
  try {
    text = await readTextBounded(excludePath, READ_LIMITS.config);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  if (text.split(/\r?\n/).some((line) => line.trim() === rule)) return;
  await Deno.mkdir(dirname(excludePath), { recursive: true });
  await atomicWriteTextFile(
    excludePath,
    `${text}${text && !text.endsWith("\n") ? "\n" : ""}${rule}\n`,
  );
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
