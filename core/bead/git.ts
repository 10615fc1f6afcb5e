/**
 * The few git operations bead commands need: status of the store, staging,
 * committing the launch record and pushing it. Reads pass
 * `--no-optional-locks`: a status never takes `index.lock` from a commit
 * running beside it in the same checkout.
 *
 * @module
 */

import { type GitResult, runGit } from "../git.ts";

/**
 * The `git status --porcelain` lines of `paths` under `dir` (which never
 * takes `index.lock`), or `undefined` outside a git checkout.
 */
async function statusLines(dir: string, paths: readonly string[]): Promise<string[] | undefined> {
  const inside = await runGit(dir, ["rev-parse", "--is-inside-work-tree"]);
  if (!inside.ok) return undefined;
  const status = await runGit(dir, [
    "--no-optional-locks",
    "status",
    "--porcelain",
    "--untracked-files=all",
    "--",
    ...paths,
  ]);
  return status.ok ? status.stdout.split("\n").filter((line) => line.trim() !== "") : undefined;
}

/** Changed/untracked tracked-bead paths under `dir`, or `undefined` outside git. */
export async function gitStatusPaths(dir: string): Promise<string[] | undefined> {
  return (await statusLines(dir, ["."]))?.map((line) => line.slice(3));
}

/** The bead-state paths `sync` stages (relative to the store dir). */
export const TRACKED_BEAD_PATHS = [
  "events",
  "issues.jsonl",
  "config.json",
  ".gitignore",
  ".gitattributes",
];

/** Paths under `dir` with unstaged changes (worktree side), or `undefined` outside git. */
export async function unstagedPaths(dir: string): Promise<string[] | undefined> {
  const lines = await statusLines(dir, existingTracked(dir));
  return lines?.filter((line) => line.length > 3 && line[1] !== " ").map((line) => line.slice(3));
}

function existingTracked(dir: string): string[] {
  return TRACKED_BEAD_PATHS.filter((path) => {
    try {
      Deno.statSync(`${dir}/${path}`);
      return true;
    } catch {
      return false;
    }
  });
}

/** `git add` the bead state; returns git's result. */
export function stageBeadState(dir: string): Promise<GitResult> {
  return runGit(dir, ["add", "--", ...existingTracked(dir)]);
}
