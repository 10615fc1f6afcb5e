/**
 * Git for the workspace providers: never interactive, and a failure is a
 * `SaseError` naming the step, the command and git's own message.
 *
 * @module
 */

import { runGit } from "../../core/git.ts";
import { SaseError } from "../../core/errors.ts";

const NON_INTERACTIVE = { GIT_TERMINAL_PROMPT: "0" };

/** Run git in `cwd`; returns stdout, throws `workspace.git` on failure. */
export async function git(cwd: string, args: string[], step: string): Promise<string> {
  const result = await runGit(cwd, args, { env: NON_INTERACTIVE });
  if (!result.ok) {
    throw new SaseError(
      "workspace.git",
      `${step} failed in ${cwd}: git ${args.join(" ")}: ${result.stderr.trim() || "error"}`,
      { hint: "fix the repository state shown above and retry", kind: "failed" },
    );
  }
  return result.stdout;
}

/** Run git in `cwd`; trimmed stdout, or null when git fails. */
export async function gitMaybe(cwd: string, args: string[]): Promise<string | null> {
  const result = await runGit(cwd, args, { env: NON_INTERACTIVE });
  return result.ok ? result.stdout.trim() : null;
}

/** True when `dir` is the top of a git work tree. */
export async function isGitCheckout(dir: string): Promise<boolean> {
  const top = await gitMaybe(dir, ["rev-parse", "--show-toplevel"]);
  if (top === null) return false;
  const real = await Deno.realPath(dir).catch(() => dir);
  return top === real;
}

/** True when `path` is a bare repository. */
export async function isBareRepo(path: string): Promise<boolean> {
  return (await gitMaybe(".", ["--git-dir", path, "rev-parse", "--is-bare-repository"])) === "true";
}

/** Give the repository at `dir` a committer identity when the user has none configured. */
export async function ensureIdentity(dir: string): Promise<void> {
  if ((await gitMaybe(dir, ["var", "GIT_COMMITTER_IDENT"])) !== null) return;
  await git(dir, ["config", "user.name", "sase"], "setting a commit identity");
  await git(dir, ["config", "user.email", "sase@localhost"], "setting a commit identity");
}
