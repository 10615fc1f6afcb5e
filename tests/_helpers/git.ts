/**
 * Real git repositories in temp directories.
 *
 * @module
 */

import { join } from "node:path";

/** Run git in `cwd` with `env`; throws with git's stderr on failure. */
export async function git(
  cwd: string,
  env: Record<string, string>,
  ...args: string[]
): Promise<string> {
  const output = await new Deno.Command("git", { args, cwd, env, stdout: "piped", stderr: "piped" })
    .output();
  const decoder = new TextDecoder();
  if (!output.success) {
    throw new Error(`git ${args.join(" ")} failed: ${decoder.decode(output.stderr)}`);
  }
  return decoder.decode(output.stdout);
}

/** Create a git repository at `dir` with one commit holding `files`. */
export async function makeGitRepo(
  dir: string,
  env: Record<string, string>,
  files: Record<string, string> = { "README.md": "# test\n" },
): Promise<string> {
  await Deno.mkdir(dir, { recursive: true });
  await git(dir, env, "init", "-q", "-b", "main");
  for (const [name, text] of Object.entries(files)) {
    await Deno.mkdir(join(dir, name, ".."), { recursive: true });
    await Deno.writeTextFile(join(dir, name), text);
  }
  await git(dir, env, "add", "-A");
  await git(dir, env, "commit", "-q", "-m", "initial commit");
  return dir;
}

/** A working clone of a bare `origin`, both under `root`. */
export interface RepoWithOrigin {
  /** The working clone (its `origin` is `origin`, `origin/HEAD` set). */
  work: string;
  /** The bare repository. */
  origin: string;
}

/**
 * A bare `origin` at `<root>/origin.git` seeded with one commit holding
 * `files` on `main`, and a clone of it at `<root>/work`.
 */
export async function makeRepoWithOrigin(
  root: string,
  env: Record<string, string>,
  files: Record<string, string> = { "README.md": "# test\n" },
): Promise<RepoWithOrigin> {
  const seed = await makeGitRepo(join(root, "seed"), env, files);
  const origin = join(root, "origin.git");
  const work = join(root, "work");
  await git(root, env, "clone", "-q", "--bare", seed, origin);
  await git(root, env, "clone", "-q", origin, work);
  await Deno.remove(seed, { recursive: true });
  return { work, origin };
}
