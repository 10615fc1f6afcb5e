/**
 * First-use bare-git projects (handbook 11.6): `#git:<name>` for an unknown
 * name creates `~/.sase/repos/<name>.git` and the primary checkout
 * `~/projects/git/<name>/` with an initial commit holding the SDD guides;
 * `#git:<bare-repo-path>` registers an existing bare repository the same
 * way. Either writes `BARE_REPO_DIR` and `WORKSPACE_DIR` into the
 * ProjectSpec. Concurrent first uses serialize on a per-project lock.
 *
 * @module
 */

import { join } from "../../core/fs/path.ts";
import { type Env, homeDir, projectsDir, saseHome } from "../../core/config/paths.ts";
import { SaseError } from "../../core/errors.ts";
import { withFileLock } from "../../core/fs/lock.ts";
import { ChangeSpecStore } from "../../core/changespec/store.ts";
import { isValidProjectName } from "../../core/changespec/header.ts";
import { findProject } from "../../core/workspace/projects.ts";
import type { RegisteredProject } from "../../core/workspace/provider.ts";
import { ensureIdentity, git, gitMaybe, isBareRepo, isGitCheckout } from "./git_run.ts";
import { commitSddGuides } from "./sdd_bootstrap.ts";
import { resolvesToEntry } from "../../core/fs/access.ts";

/** Where a bare-git project's repositories live. */
export interface BareGitPaths {
  bareRepoDir: string;
  primaryDir: string;
}

/** The default locations: `SASE_HOME/repos/<name>.git` and `~/projects/git/<name>`. */
export function defaultBareGitPaths(name: string, env: Env): BareGitPaths {
  return {
    bareRepoDir: join(saseHome(env), "repos", `${name}.git`),
    primaryDir: join(homeDir(env), "projects", "git", name),
  };
}

/** Reject names that cannot be project names (they become directory names). */
export function checkProjectName(name: string, ref: string): void {
  if (!isValidProjectName(name)) {
    throw new SaseError(
      "workspace.bad_ref",
      `cannot use '${name}' (from #git:${ref}) as a project name`,
      {
        hint:
          "project names use letters, digits, '_', '.', '-' and start with a letter, digit or '_'",
        kind: "invalid-input",
      },
    );
  }
}

/** Create an empty bare repository whose primary checkout gets an initial commit. */
async function createRepositories(paths: BareGitPaths): Promise<void> {
  await Deno.mkdir(paths.bareRepoDir, { recursive: true });
  await git(
    paths.bareRepoDir,
    ["init", "-q", "--bare", paths.bareRepoDir],
    "creating the bare repo",
  );
  await git(".", ["clone", "-q", paths.bareRepoDir, paths.primaryDir], "cloning the bare repo");
  await ensureIdentity(paths.primaryDir);
  await commitSddGuides(paths.primaryDir, "Initial commit", { push: false });
  if (!await gitMaybe(paths.primaryDir, ["rev-parse", "--verify", "-q", "HEAD"])) {
    await git(
      paths.primaryDir,
      ["commit", "-q", "--allow-empty", "-m", "Initial commit"],
      "committing",
    );
  }
  await git(paths.primaryDir, ["push", "-q", "origin", "HEAD"], "pushing the initial commit");
  const branch = await git(paths.primaryDir, ["symbolic-ref", "--short", "HEAD"], "reading HEAD");
  await git(
    paths.bareRepoDir,
    ["--git-dir", paths.bareRepoDir, "symbolic-ref", "HEAD", `refs/heads/${branch.trim()}`],
    "pointing the bare repo's HEAD at the pushed branch",
  );
}

/** Clone an existing bare repository as the primary and commit missing SDD guides. */
async function adoptRepository(paths: BareGitPaths): Promise<void> {
  if (!await isBareRepo(paths.bareRepoDir)) {
    throw new SaseError(
      "workspace.not_bare",
      `'${paths.bareRepoDir}' is not a bare git repository`,
      {
        hint: "pass the path of a bare repository (created with `git init --bare`)",
        kind: "not-found",
      },
    );
  }
  if (!await resolvesToEntry(paths.primaryDir)) {
    await git(".", ["clone", "-q", paths.bareRepoDir, paths.primaryDir], "cloning the bare repo");
  }
  await commitSddGuides(paths.primaryDir, "Initialize SDD", { push: true });
}

/** Write BARE_REPO_DIR and WORKSPACE_DIR into the project's ProjectSpec (created when missing). */
async function register(name: string, paths: BareGitPaths, env: Env): Promise<void> {
  const store = new ChangeSpecStore(projectsDir(env));
  const ref = (await store.project(name)) ?? store.newProjectRef(name);
  await store.mutate(ref, ({ active }) => {
    active.setHeaderField("BARE_REPO_DIR", paths.bareRepoDir);
    active.setHeaderField("WORKSPACE_DIR", paths.primaryDir);
  });
}

/**
 * Initialize (or adopt, with `existingBare`) the bare-git project `name`
 * and return it as registered. A project another process registered first
 * is returned as it is.
 */
export async function initBareGitProject(
  name: string,
  env: Env,
  existingBare?: string,
): Promise<RegisteredProject> {
  const lockPath = join(projectsDir(env), name, "init");
  return await withFileLock(lockPath, async () => {
    const current = await findProject(name, env);
    const done = existingBare
      ? current?.bareRepoDir === existingBare
      : current?.bareRepoDir && current.workspaceDir;
    if (current && done) return current;
    const defaults = defaultBareGitPaths(name, env);
    const paths = { ...defaults, bareRepoDir: existingBare ?? defaults.bareRepoDir };
    if (await resolvesToEntry(paths.primaryDir) && !await isGitCheckout(paths.primaryDir)) {
      throw new SaseError(
        "workspace.occupied",
        `${paths.primaryDir} exists but is not a git checkout; cannot make it the primary of '${name}'`,
        {
          hint: "move it aside, or register the project with WORKSPACE_DIR pointing elsewhere",
          kind: "conflict",
        },
      );
    }
    if (existingBare || await resolvesToEntry(paths.bareRepoDir)) await adoptRepository(paths);
    else await createRepositories(paths);
    await register(name, paths, env);
    return (await findProject(name, env))!;
  });
}
