/**
 * Commit dispatch for the git-family providers (handbook 13.5, 13.6, 22.4):
 * `create_commit` (stage, require something staged, commit, fold in the
 * bead store, bring the branch up to date with `origin/<default>`, push
 * with retry), `create_proposal` (save the diff, clean what it covered),
 * `create_pull_request` (branch, commit, push) and `finalize_commit` (the
 * idempotent tail `sase commit --resume` replays).
 *
 * The branch is brought up to date after the commit, by rebasing it onto
 * `origin/<default>`, rather than by a merge before it: git refuses to merge
 * into an index holding staged work, and a rebase that stops on a conflict
 * leaves exactly the state `--resume` expects once it is resolved (the new
 * commit at HEAD, carrying the checkpointed subject).
 *
 * @module
 */

import { atomicWriteTextFile } from "../../core/fs/atomic_write.ts";
import { exists } from "../../core/fs/access.ts";
import { dirname, join, resolve } from "../../core/fs/path.ts";
import { SaseError } from "../../core/errors.ts";
import { DEFAULT_CHECKOUT_TARGET } from "../../core/commit/request.ts";
import type { CheckoutFacts, CommitDispatchPayload, VcsProvider } from "../../core/vcs/provider.ts";
import { type GitKit, gitRead as read, gitWrite as write } from "./git_kit.ts";
import type { ToolOwner } from "./run.ts";

/** The dispatch operations this module adds to a git-family provider. */
export type GitCommitDispatch = Required<
  Pick<VcsProvider, "createCommit" | "createProposal" | "createPullRequest" | "finalizeCommit">
>;

/** Where the version-controlled bead store lives in a checkout (handbook 9). */
const BEAD_STORE_DIR = join("sdd", "beads");

/** How many times a rejected push is retried after rebasing onto the remote. */
export const PUSH_RETRIES = 3;

/** The message the workflow and skills key on: how to finish after a conflict. */
export const RESUME_INSTRUCTIONS =
  "Resolve the conflict, then run `sase commit --resume` to finish.";

/** The git-family dispatch operations for `owner`, on top of `kit`. */
export function gitCommitDispatch(owner: ToolOwner, kit: GitKit): GitCommitDispatch {
  const { tools } = kit;
  const must = tools.must;

  const topLevel = async (cwd: string) =>
    (await must(cwd, read("rev-parse", "--show-toplevel"), "commit")).trim();

  /** Stage the bead store's changes; its path when there were any, else null. */
  const stageBeadStore = async (
    cwd: string,
    operation: string,
    top?: string,
  ): Promise<string | null> => {
    const store = join(top ?? await topLevel(cwd), BEAD_STORE_DIR);
    if (!(await exists(store))) return null;
    const changed = await must(
      cwd,
      read("status", "--porcelain", "--untracked-files=all", "--", store),
      operation,
    );
    if (changed.trim() === "") return null;
    await must(cwd, write("add", "-A", "--", store), operation);
    return store;
  };

  /**
   * The named paths `git add` can take: one that is neither on disk nor in
   * the index but is in HEAD is a deletion already staged (`git rm`), so it
   * is left out rather than failing the whole `add`; anything else (a typo)
   * stays, for git to report.
   */
  const addable = async (cwd: string, files: readonly string[]): Promise<string[]> => {
    const kept: string[] = [];
    for (const file of files) {
      const present = await exists(resolve(cwd, file)) ||
        (await tools.run(cwd, read("ls-files", "--cached", "--", file))).stdout.trim() !== "";
      const stagedDeletion = !present &&
        (await tools.run(cwd, read("cat-file", "-e", `HEAD:./${file}`))).ok;
      if (!stagedDeletion) kept.push(file);
    }
    return kept;
  };

  /** `git add -A` of the named paths (none named: everything). */
  const addPaths = async (cwd: string, files: readonly string[], operation: string) => {
    if (files.length === 0) {
      await must(cwd, write("add", "-A"), operation);
      return;
    }
    const paths = await addable(cwd, files);
    if (paths.length > 0) await must(cwd, write("add", "-A", "--", ...paths), operation);
  };

  /**
   * Stage the named files (or everything), the bead store and the extra
   * paths. Resolves to the paths the commit takes when files were named
   * (so that whatever else was staged, by the user, stays out of it), or
   * undefined when it takes everything staged.
   */
  const stage = async (
    cwd: string,
    payload: CommitDispatchPayload,
    operation: string,
  ): Promise<string[] | undefined> => {
    const files = payload.files ?? [];
    const [, top] = await Promise.all([
      addPaths(cwd, files, operation),
      payload.facts?.root ?? topLevel(cwd),
    ]);
    const store = await stageBeadStore(cwd, operation, top);
    const extra = payload.extraPaths ?? [];
    if (extra.length) await must(cwd, write("add", "--", ...extra), operation);
    const only = files.length ? [...files, ...(store ? [store] : []), ...extra] : undefined;
    // `diff --cached --quiet` exits 0 exactly when nothing (of `only`) is staged.
    const quiet = read("diff", "--cached", "--quiet", ...(only ? ["--", ...only] : []));
    if ((await tools.run(cwd, quiet)).ok) {
      throw new SaseError("vcs.nothing_staged", "No staged changes to commit", {
        hint: files.length
          ? `none of ${files.join(", ")} has a change; check the -f paths`
          : "make a change first (the working tree matches HEAD)",
        kind: "failed",
      });
    }
    return only;
  };

  /** Commit what is staged, or only the paths `only` names (`git commit -- <paths>`). */
  const commitStaged = async (
    cwd: string,
    message: string,
    operation: string,
    only: string[] | undefined,
  ) => {
    const paths = only ? ["--", ...only] : [];
    await must(cwd, write("commit", "-q", "-m", message, ...paths), operation);
  };

  /**
   * Fold bead-store changes made after the commit into it (only for a
   * bead's commit, and never once the commit is on a remote: amending it
   * then would rewrite published history).
   */
  const amendBeadStore = async (cwd: string, payload: CommitDispatchPayload) => {
    if (!payload.beadId) return;
    const published = await tools.run(cwd, read("branch", "-r", "--contains", "HEAD"));
    if (!published.ok || published.stdout.trim() !== "") return;
    const store = await stageBeadStore(cwd, "bead amend");
    if (store) {
      // Only the store: whatever else is staged (the user's) stays out of the commit.
      await must(cwd, write("commit", "-q", "--amend", "--no-edit", "--", store), "bead amend");
    }
  };

  const hasOrigin = async (cwd: string) =>
    (await tools.run(cwd, read("remote", "get-url", "origin"))).ok;

  const conflictedFiles = async (cwd: string) => {
    const out = await tools.run(cwd, read("diff", "--name-only", "--diff-filter=U"));
    return out.ok ? out.stdout.split("\n").filter((line) => line.trim() !== "") : [];
  };

  /**
   * Fetch `origin/<default>` and rebase the branch onto it. A rebase that
   * stops on conflicts is left in place for the user and reported as a
   * `vcs.merge_conflict` (kind `conflict`).
   */
  const rebaseOntoDefault = async (cwd: string, base: string, operation: string) => {
    await must(cwd, write("fetch", "-q", "origin", base), operation);
    const rebase = await tools.run(cwd, write("rebase", "-q", "--autostash", `origin/${base}`));
    if (rebase.ok) return;
    const conflicted = await conflictedFiles(cwd);
    if (conflicted.length === 0) {
      // Not a conflict (e.g. git refused to start): put things back as they were.
      await tools.run(cwd, write("rebase", "--abort"));
      throw new SaseError(
        "vcs.failed",
        `${owner.provider} ${operation}: rebase onto origin/${base} failed: ${
          (rebase.stderr.trim() || rebase.stdout.trim()).slice(0, 2000)
        }`,
        { kind: "failed" },
      );
    }
    throw new SaseError(
      "vcs.merge_conflict",
      `rebasing onto origin/${base} stopped on conflicts in ${conflicted.join(", ")}. ` +
        RESUME_INSTRUCTIONS,
      {
        hint: "edit each file to remove the conflict markers, `git add` it, run " +
          "`git -c core.editor=true rebase --continue`, then `sase commit --resume`",
        kind: "conflict",
      },
    );
  };

  /** The commit `target` names once the PR's commit is made; null when it names none. */
  const branchPoint = async (cwd: string, target: string) => {
    const out = await tools.run(
      cwd,
      read("rev-parse", "--verify", "--quiet", "--end-of-options", `${target}^{commit}`),
    );
    return out.ok && out.stdout.trim() !== "" ? out.stdout.trim() : null;
  };

  const shortHead = async (cwd: string) => {
    const out = await tools.run(cwd, read("rev-parse", "--short", "HEAD"));
    return out.ok ? out.stdout.trim() : null;
  };

  /**
   * Where a commit goes: the branch (null when detached), whether `origin`
   * exists, its default branch; what `facts` already tells is not asked again.
   */
  const pushTarget = (cwd: string, facts: CheckoutFacts = {}) =>
    Promise.all([
      facts.branch !== undefined ? facts.branch : kit.currentBranch(cwd),
      facts.hasOrigin ?? hasOrigin(cwd),
      kit.defaultBranch(cwd),
    ]);

  /**
   * Bring the checked-out branch up to date with `origin/<default>` and push
   * it (a rejected push is retried after another rebase); resolves to the
   * short id of the commit at HEAD. No `origin` or a detached HEAD: nothing
   * to push to.
   */
  const syncAndPush = async (
    cwd: string,
    operation: string,
    target: ReturnType<typeof pushTarget> = pushTarget(cwd),
  ): Promise<string | null> => {
    const [branch, origin, base] = await target;
    if (branch === null || !origin) return await shortHead(cwd);
    await rebaseOntoDefault(cwd, base, operation);
    let rejected = "";
    for (let attempt = 0; attempt <= PUSH_RETRIES; attempt++) {
      // HEAD stays put while it is pushed: read its id meanwhile.
      const [push, head] = await Promise.all([
        tools.run(cwd, write("push", "-q", "origin", branch)),
        shortHead(cwd),
      ]);
      if (push.ok) return head;
      rejected = (push.stderr.trim() || push.stdout.trim()).slice(0, 2000);
      if (attempt < PUSH_RETRIES) await rebaseOntoDefault(cwd, base, operation);
    }
    throw new SaseError(
      "vcs.push_failed",
      `${owner.provider} ${operation}: git push origin ${branch} was rejected ${
        PUSH_RETRIES + 1
      } times: ${rejected}`,
      {
        hint: "the commit is kept locally; fix the cause (permissions, a protected branch), " +
          "push it with `git push`, or run `sase commit --resume`",
        kind: "failed",
      },
    );
  };

  return {
    async createCommit(cwd, payload) {
      // Neither staging nor committing changes the branch or the remote: look them up meanwhile.
      const target = pushTarget(cwd, payload.facts);
      target.catch(() => {});
      const only = await stage(cwd, payload, "commit");
      await commitStaged(cwd, payload.message, "commit", only);
      await amendBeadStore(cwd, payload);
      return await syncAndPush(cwd, "commit", target);
    },

    async finalizeCommit(cwd, payload) {
      await amendBeadStore(cwd, payload);
      await syncAndPush(cwd, "finalize commit");
    },

    async createProposal(cwd, payload) {
      const target = payload.diffPath;
      if (!target) {
        throw new SaseError(
          "vcs.usage",
          `${owner.provider} proposal: no path to save the diff to`,
          { kind: "internal" },
        );
      }
      const files = payload.files ?? [];
      // Staging first makes new and binary files part of one applicable patch.
      await addPaths(cwd, files, "proposal");
      const diff = await must(
        cwd,
        read("diff", "--cached", "--binary", "HEAD", ...(files.length ? ["--", ...files] : [])),
        "proposal",
      );
      if (diff.trim() === "") {
        throw new SaseError("vcs.nothing_to_propose", "No changes to save as proposal diff", {
          hint: files.length ? `none of ${files.join(", ")} has a change` : undefined,
          kind: "failed",
        });
      }
      await Deno.mkdir(dirname(target), { recursive: true });
      await atomicWriteTextFile(target, diff);
      if (files.length === 0) {
        await must(cwd, write("reset", "-q", "--hard", "HEAD"), "proposal");
        await must(cwd, write("clean", "-q", "-fd"), "proposal");
      } else {
        // Only what the proposal holds is taken back; other local work stays.
        await must(cwd, write("apply", "-R", "--index", target), "proposal");
      }
      return target;
    },

    async createPullRequest(cwd, payload) {
      const name = payload.name?.trim();
      if (!name) {
        throw new SaseError(
          "vcs.usage",
          `${owner.provider} pull request: a branch name is required`,
          { kind: "usage" },
        );
      }
      const known = payload.facts?.branch;
      const from = known !== undefined ? known : await kit.currentBranch(cwd);
      await must(cwd, write("checkout", "-q", "-b", name), "pull request");
      let only: string[] | undefined;
      try {
        only = await stage(cwd, payload, "pull request");
      } catch (error) {
        // Nothing to put on the branch: leave the checkout where it was.
        if (from !== null && (error as SaseError).code === "vcs.nothing_staged") {
          await tools.run(cwd, write("checkout", "-q", from));
          await tools.run(cwd, write("branch", "-q", "-D", name));
        }
        throw error;
      }
      await commitStaged(cwd, payload.message, "pull request", only);
      const base = await branchPoint(cwd, payload.checkoutTarget ?? DEFAULT_CHECKOUT_TARGET);
      if (base === null) {
        // Put the work back where it was, uncommitted, before reporting the bad target.
        if (from !== null) {
          await must(cwd, write("reset", "-q", "--soft", "HEAD~1"), "pull request");
          await must(cwd, write("checkout", "-q", from), "pull request");
          await must(cwd, write("branch", "-q", "-D", name), "pull request");
        }
        const target = payload.checkoutTarget ?? DEFAULT_CHECKOUT_TARGET;
        throw new SaseError(
          "vcs.bad_checkout_target",
          `${owner.provider} pull request: checkout target '${target}' does not resolve to a commit`,
          {
            hint: "pass -c/--checkout-target a branch, tag or commit the new branch starts " +
              `after (default ${DEFAULT_CHECKOUT_TARGET}); nothing was committed`,
            kind: "invalid-input",
          },
        );
      }
      if (payload.diffPath) {
        const diff = await must(cwd, read("diff", "--binary", `${base}...HEAD`), "pull request");
        await Deno.mkdir(dirname(payload.diffPath), { recursive: true });
        await atomicWriteTextFile(payload.diffPath, diff, { sync: false });
      }
      if (payload.facts?.hasOrigin ?? await hasOrigin(cwd)) {
        await must(cwd, write("push", "-q", "-u", "origin", name), "pull request");
      }
      return null;
    },
  };
}
