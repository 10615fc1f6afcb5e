/**
 * The plan stage of a commit (handbook 13.2.4, 6): `SASE_PLAN` names the
 * plan the agent worked from. A plan kept in the repository being committed
 * gets a `PLAN=<repo-relative path>` line and is staged with the commit;
 * every plan is marked done (`status: wip` becomes `status: done` in its
 * frontmatter) and shown in the COMMITS entry's `| PLAN:` drawer.
 *
 * @module
 */

import { type Env, homeDir, saseHome } from "../config/paths.ts";
import { atomicWriteTextFile } from "../fs/atomic_write.ts";
import { exists } from "../fs/access.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";
import { basename, isAbsolute, join, relative, resolve } from "../fs/path.ts";

/** The plan a commit carries. */
export interface CommitPlanFile {
  /** The plan file on disk. */
  absolute: string;
  /** Its path inside the repository when the repository tracks it (the `PLAN=` value), else null. */
  repoRelative: string | null;
  /** The plan's path as the `| PLAN:` drawer shows it (the home directory as `~`). */
  drawer: string;
}

function expandHome(path: string, env: Env): string {
  return path === "~" || path.startsWith("~/") ? join(homeDir(env), path.slice(1)) : path;
}

/** `path` with the home directory written as `~`. */
export function homeRelative(path: string, env: Env): string {
  const home = homeDir(env).replace(/\/+$/, "");
  return path === home || path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path;
}

/**
 * Resolve `SASE_PLAN` for a commit in `repoRoot` (relative paths from
 * `cwd`). A plan that is gone from its path is looked for in the
 * `~/.sase/plans/` archive by name; null when unset or not found anywhere.
 * A plan under the repository's git-ignored `.sase/` is not part of it.
 */
export async function resolvePlanFile(
  env: Env,
  cwd: string,
  repoRoot: string,
): Promise<CommitPlanFile | null> {
  const raw = env.SASE_PLAN?.trim();
  if (!raw) return null;
  let absolute = resolve(cwd, expandHome(raw, env));
  if (!(await exists(absolute))) {
    const archived = join(saseHome(env), "plans", basename(absolute));
    if (!(await exists(archived))) return null;
    absolute = archived;
  }
  const rel = relative(repoRoot, absolute);
  const inRepo = rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) &&
    !rel.startsWith(".sase/");
  return {
    absolute,
    repoRelative: inRepo ? rel : null,
    drawer: homeRelative(absolute, env),
  };
}

/**
 * Mark the plan done: a frontmatter `status: wip` becomes `status: done`
 * (every other byte kept). Resolves to whether the file changed; a plan
 * with another status, or no frontmatter, is left alone.
 */
export async function markPlanDone(path: string): Promise<boolean> {
  // The YAML library loads only for a commit that has a plan.
  const { parseFrontmatter, setFrontmatterFields } = await import("../sdd/frontmatter.ts");
  const text = await readTextBounded(path, READ_LIMITS.document);
  const parsed = parseFrontmatter(text);
  if (!parsed.ok || parsed.data.status !== "wip") return false;
  await atomicWriteTextFile(path, setFrontmatterFields(text, { status: "done" }, path));
  return true;
}
