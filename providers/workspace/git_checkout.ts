/**
 * Numbered git checkouts: cloned from the primary (a local clone is cheap:
 * objects are hard-linked), with `origin` pointed at the primary's own
 * remote so pushes go where the primary's go, and synced to the default
 * branch with local changes stashed rather than lost.
 *
 * @module
 */

import { dirname, join } from "node:path";
import { SaseError } from "../../core/errors.ts";
import { MARKER_PATH } from "../../core/workspace/marker.ts";
import { saseTimestamp } from "../../core/time.ts";
import { git, gitMaybe, isGitCheckout } from "./git_run.ts";

/** The branch numbered checkouts follow: the bare repo's HEAD, `origin/HEAD`, the primary's branch, or `main`. */
export async function defaultBranch(
  primaryDir: string,
  bareRepoDir: string | null,
): Promise<string> {
  if (bareRepoDir) {
    const head = await gitMaybe(".", ["--git-dir", bareRepoDir, "symbolic-ref", "--short", "HEAD"]);
    if (head) return head;
  }
  const remoteHead = await gitMaybe(primaryDir, [
    "symbolic-ref",
    "--short",
    "refs/remotes/origin/HEAD",
  ]);
  if (remoteHead) return remoteHead.replace(/^origin\//, "");
  return (await gitMaybe(primaryDir, ["symbolic-ref", "--short", "HEAD"])) || "main";
}

async function isEmptyDir(dir: string): Promise<boolean> {
  for await (const _entry of Deno.readDir(dir)) return false;
  return true;
}

/** Keep the checkout marker out of `git status` (and so out of stashes and commits). */
async function excludeMarker(dir: string): Promise<void> {
  const path = join(dir, ".git", "info", "exclude");
  const line = `/${MARKER_PATH}`;
  const text = await Deno.readTextFile(path).catch(() => "");
  if (text.split("\n").includes(line)) return;
  await Deno.mkdir(dirname(path), { recursive: true });
  await Deno.writeTextFile(
    path,
    `${text}${text === "" || text.endsWith("\n") ? "" : "\n"}${line}\n`,
  );
}

/** Clone `primaryDir` to `dir`, or keep the healthy checkout already there. */
export async function ensureClone(primaryDir: string, dir: string): Promise<void> {
  const exists = await Deno.stat(dir).then(() => true, () => false);
  if (exists && await isGitCheckout(dir)) {
    await excludeMarker(dir);
    return;
  }
  if (exists && !await isEmptyDir(dir)) {
    throw new SaseError(
      "workspace.occupied",
      `${dir} exists but is not a git checkout; refusing to overwrite it`,
      { hint: "move it aside (or run `sase workspace repair`), then retry" },
    );
  }
  if (!await isGitCheckout(primaryDir)) {
    throw new SaseError(
      "workspace.no_primary",
      `primary checkout ${primaryDir} is not a git checkout`,
      {
        hint: "check WORKSPACE_DIR in the project's ProjectSpec",
      },
    );
  }
  await Deno.mkdir(dirname(dir), { recursive: true });
  await git(dirname(dir), ["clone", "-q", primaryDir, dir], "cloning the primary checkout");
  const origin = await gitMaybe(primaryDir, ["remote", "get-url", "origin"]);
  if (origin) {
    await git(
      dir,
      ["remote", "set-url", "origin", origin],
      "pointing origin at the project remote",
    );
    await gitMaybe(dir, ["fetch", "-q", "origin"]);
  }
  await excludeMarker(dir);
}

/** Before `branch` is reset to its remote, keep commits only it has on a `sase-backup/` branch. */
async function keepUnpushedCommits(dir: string, branch: string): Promise<void> {
  const ahead = await gitMaybe(dir, [
    "rev-list",
    "--count",
    `origin/${branch}..refs/heads/${branch}`,
  ]);
  if (!ahead || ahead === "0") return;
  await git(
    dir,
    ["branch", "-f", `sase-backup/${branch}-${saseTimestamp()}`, `refs/heads/${branch}`],
    "backing up unpushed commits",
  );
}

/**
 * Stash local changes (labelled `reason`), then check out `branch` at
 * `origin/<branch>` when the remote has it.
 */
export async function syncCheckout(
  dir: string,
  branch: string | null,
  reason: string,
): Promise<void> {
  await gitMaybe(dir, ["fetch", "-q", "origin"]);
  const status = await git(dir, ["status", "--porcelain"], "reading the checkout status");
  if (status.trim() !== "") {
    await git(
      dir,
      ["stash", "push", "-u", "-q", "-m", `sase backup ${saseTimestamp()}: ${reason}`],
      "backing up local changes",
    );
  }
  if (!branch) return;
  if (await gitMaybe(dir, ["rev-parse", "--verify", "-q", `refs/remotes/origin/${branch}`])) {
    await keepUnpushedCommits(dir, branch);
    await git(dir, ["checkout", "-q", "-B", branch, `origin/${branch}`], `checking out ${branch}`);
  } else if (await gitMaybe(dir, ["rev-parse", "--verify", "-q", `refs/heads/${branch}`])) {
    await git(dir, ["checkout", "-q", branch], `checking out ${branch}`);
  }
}
