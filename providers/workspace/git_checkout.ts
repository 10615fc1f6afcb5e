/**
 * Numbered git checkouts: cloned from the primary (a local clone is cheap:
 * objects are hard-linked), with `origin` pointed at the primary's own
 * remote so pushes go where the primary's go, and synced to the default
 * branch with local changes stashed rather than lost.
 *
 * @module
 */

import { dirname, join } from "../../core/fs/path.ts";
import { SaseError } from "../../core/errors.ts";
import { MARKER_PATH } from "../../core/workspace/marker.ts";
import { saseTimestamp } from "../../core/time.ts";
import { git, gitMaybe, isGitCheckout } from "./git_run.ts";
import { READ_LIMITS, readTextBounded } from "../../core/fs/bounded_read.ts";

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
  const text = await readTextBounded(path, READ_LIMITS.record).catch(() => "");
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
      { hint: "move it aside (or run `sase workspace repair`), then retry", kind: "conflict" },
    );
  }
  if (!await isGitCheckout(primaryDir)) {
    throw new SaseError(
      "workspace.no_primary",
      `primary checkout ${primaryDir} is not a git checkout`,
      {
        hint: "check WORKSPACE_DIR in the project's ProjectSpec",
        kind: "invalid-data",
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

/** Await every promise, so no git process outlives the call; then throw the first failure. */
async function settled<T extends readonly unknown[]>(
  ...promises: { [K in keyof T]: Promise<T[K]> }
): Promise<T> {
  const results = await Promise.allSettled(promises);
  for (const result of results) if (result.status === "rejected") throw result.reason;
  return results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/** `refs/heads/<branch>` and `refs/remotes/origin/<branch>` as `for-each-ref` sees them. */
interface BranchRefs {
  /** The commit of the local branch, if it exists. */
  local?: string;
  /** The commit of the remote-tracking branch, if it exists. */
  remote?: string;
  /** HEAD is the local branch (not detached, not another branch). */
  onBranch: boolean;
  /** The local branch's configured upstream ref (`""` when none). */
  upstream: string;
}

const REF_FORMAT = "%(refname)%00%(objectname)%00%(HEAD)%00%(upstream)";

/** One `for-each-ref` answering everything the checkout step needs to know about the refs. */
async function branchRefs(dir: string, branch: string): Promise<BranchRefs> {
  const localRef = `refs/heads/${branch}`;
  const remoteRef = `refs/remotes/origin/${branch}`;
  const out = await gitMaybe(dir, ["for-each-ref", `--format=${REF_FORMAT}`, localRef, remoteRef]);
  const refs: BranchRefs = { onBranch: false, upstream: "" };
  for (const line of (out ?? "").split("\n")) {
    const [name, commit, head, upstream] = line.split("\0");
    // A pattern also matches refs below it (`<branch>/x`): take exact names only.
    if (name === localRef) {
      Object.assign(refs, { local: commit, onBranch: head === "*", upstream: upstream ?? "" });
    } else if (name === remoteRef) refs.remote = commit;
  }
  return refs;
}

/**
 * Stash local changes (labelled `reason`), then check out `branch` at
 * `origin/<branch>` when the remote has it, keeping commits only the local
 * branch has on a `sase-backup/<branch>-<timestamp>` branch first; without
 * the remote branch, check out the local one. A checkout already on
 * `branch` at `origin/<branch>` (and tracking it) is left as it is: the
 * checkout would change nothing.
 *
 * Git runs in as few sequential rounds as the dependencies allow: the
 * status with the fetch, then the stash with every ref query the fetch
 * decides, then the writes.
 */
export async function syncCheckout(
  dir: string,
  branch: string | null,
  reason: string,
): Promise<void> {
  const [, status] = await settled(
    gitMaybe(dir, ["fetch", "-q", "origin"]),
    git(dir, ["status", "--porcelain"], "reading the checkout status"),
  );
  const dirty = status.trim() !== "";
  const [, refs, ahead] = await settled(
    dirty
      ? git(
        dir,
        ["stash", "push", "-u", "-q", "-m", `sase backup ${saseTimestamp()}: ${reason}`],
        "backing up local changes",
      )
      : Promise.resolve(""),
    branch ? branchRefs(dir, branch) : Promise.resolve(undefined),
    branch
      ? gitMaybe(dir, ["rev-list", "--count", `origin/${branch}..refs/heads/${branch}`])
      : Promise.resolve(null),
  );
  if (!branch || !refs) return;
  if (refs.remote) {
    const current = refs.onBranch && refs.local === refs.remote &&
      refs.upstream === `refs/remotes/origin/${branch}`;
    if (current) return;
    if (ahead && ahead !== "0") {
      await git(
        dir,
        ["branch", "-f", `sase-backup/${branch}-${saseTimestamp()}`, `refs/heads/${branch}`],
        "backing up unpushed commits",
      );
    }
    await git(dir, ["checkout", "-q", "-B", branch, `origin/${branch}`], `checking out ${branch}`);
  } else if (refs.local && !refs.onBranch) {
    await git(dir, ["checkout", "-q", branch], `checking out ${branch}`);
  }
}
