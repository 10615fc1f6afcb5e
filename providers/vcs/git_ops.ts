/**
 * The git operations shared by the git-family providers (`bare_git`, and
 * `github` on top of it), exactly the commands of handbook 22.4: each a
 * fixed argv, reads with `git --no-optional-locks` so a status or diff
 * never takes the index lock from a concurrent writer.
 *
 * @module
 */

import type { Env } from "../../core/env.ts";
import { SaseError } from "../../core/errors.ts";
import { exists } from "../../core/fs/access.ts";
import { readBranchMap } from "../../core/vcs/branch_map.ts";
import type { VcsProvider } from "../../core/vcs/provider.ts";
import { parseRawNumstatZ, workspaceNameFrom } from "./git_parse.ts";
import { existingPatches } from "./patches.ts";
import type { ToolOwner } from "./run.ts";
import { gitCommitDispatch } from "./git_commit.ts";
import { gitKit, gitRead as read, gitWrite as write } from "./git_kit.ts";
import { isAbsolute, join } from "../../core/fs/path.ts";

/** The git-family operations (everything but the provider's `info`). */
export type GitOperations = Omit<VcsProvider, "info">;

/** `name` without the ChangeSpec `__<N>` suffix. */
export function stripChangeSpecSuffix(name: string): string {
  return name.replace(/__\d+$/, "");
}

/** The local branch a (possibly `origin/`-prefixed) revision names. */
function localBranch(revision: string): string {
  return revision.startsWith("origin/") ? revision.slice("origin/".length) : revision;
}

/** What is missing when git is: the git package. */
export function gitInstallHint(program: string): string {
  return program === "git"
    ? "install git (e.g. apt-get install git, brew install git)"
    : `install ${program} and make sure it is on PATH`;
}

/** The git-family operations for `owner`, running git with `env`. */
export function gitOperations(owner: ToolOwner, env: Env): GitOperations {
  const kit = gitKit(owner, env);
  const { tools } = kit;
  const must = tools.must;
  const text = (stdout: string) => stdout.trim() === "" ? null : stdout;

  /**
   * The name-status and line stats of `range` from one `git diff --raw
   * --numstat`: asked for both at once (as DELTAS are), the second asker
   * shares the run under way; nothing is kept once it ends.
   */
  const pending = new Map<string, Promise<ReturnType<typeof parseRawNumstatZ>>>();
  const diffSummary = (cwd: string, range: string, operation: string) => {
    const key = `${cwd}\0${range}`;
    let summary = pending.get(key);
    if (summary === undefined) {
      summary = must(cwd, read("diff", "--raw", "--numstat", "-z", range), operation)
        .then(parseRawNumstatZ)
        .finally(() => pending.delete(key));
      pending.set(key, summary);
    }
    return summary;
  };

  const ops: GitOperations = {
    // --- Core operations ---
    async checkout(cwd, revision) {
      // `origin/<b>` checks out the local `<b>` (git creates it tracking the remote when missing).
      await must(cwd, write("checkout", localBranch(revision)), "checkout");
    },
    async diff(cwd) {
      let out = await tools.run(cwd, read("diff", "HEAD"));
      // An empty repository has no HEAD yet.
      if (!out.ok) out = await tools.run(cwd, read("diff"));
      if (!out.ok) {
        throw new SaseError("vcs.failed", `${owner.provider} diff failed: ${out.stderr.trim()}`, {
          kind: "failed",
        });
      }
      return text(out.stdout);
    },
    async diffRevision(cwd, revision) {
      const base = `origin/${await kit.defaultBranch(cwd)}`;
      // The whole change against its merge base, then the commit alone, then a root commit.
      const attempts = [
        read("diff", `${base}...${revision}`),
        read("diff", `${revision}~1`, revision),
        read("show", "--format=", "--patch", revision),
      ];
      let last = await tools.run(cwd, attempts[0]);
      for (const argv of attempts.slice(1)) {
        if (last.ok) break;
        last = await tools.run(cwd, argv);
      }
      if (!last.ok) {
        throw new SaseError(
          "vcs.failed",
          `${owner.provider} diff of ${revision} failed: ${last.stderr.trim()}`,
          { kind: "failed" },
        );
      }
      return last.stdout;
    },
    async applyPatch(cwd, patchPath) {
      await ops.applyPatches(cwd, [patchPath]);
    },
    async applyPatches(cwd, patchPaths) {
      if (patchPaths.length === 0) return;
      const paths = await existingPatches(cwd, patchPaths, env);
      await must(cwd, write("apply", ...paths), "apply patch");
    },
    async addRemove(cwd) {
      await must(cwd, write("add", "-A"), "add/remove");
    },
    async cleanWorkspace(cwd) {
      await must(cwd, write("reset", "--hard", "HEAD"), "clean workspace");
      await must(cwd, write("clean", "-fd"), "clean workspace");
    },
    async commit(cwd, _name, logfile) {
      await must(cwd, write("commit", "-F", logfile), "commit");
    },
    async amend(cwd, note) {
      await must(cwd, write("commit", "--amend", "-m", note), "amend");
    },
    async renameBranch(cwd, newName) {
      await must(cwd, write("branch", "-m", newName), "rename branch");
    },
    async rebase(cwd, branch, newParent, options = {}) {
      // `git rebase --onto <new> <branch>` would replay nothing and leave the
      // branch's commits behind: name the branch, and its old base when known.
      const argv = options.oldParent
        ? write("rebase", "--onto", newParent, options.oldParent, branch)
        : write("rebase", newParent, branch);
      await must(cwd, argv, "rebase");
    },
    async archive(cwd, revision) {
      const branch = localBranch(revision);
      const tag = `archive/${branch}`;
      const commit =
        (await must(cwd, read("rev-parse", "--verify", `${branch}^{commit}`), "archive"))
          .trim();
      // A tag left by an interrupted archive is fine when it holds the same commit.
      const existing = await tools.run(
        cwd,
        read("rev-parse", "--verify", "--quiet", `refs/tags/${tag}^{commit}`),
      );
      if (!existing.ok) await must(cwd, write("tag", tag, branch), "archive");
      else if (existing.stdout.trim() !== commit) {
        throw new SaseError(
          "vcs.conflict",
          `${owner.provider} archive: tag ${tag} already exists at ${
            existing.stdout.trim().slice(0, 12)
          }, not ${commit.slice(0, 12)}`,
          { hint: `delete or rename the tag ${tag}, then retry`, kind: "conflict" },
        );
      }
      // git refuses to delete the checked-out branch: leave it for the default branch first.
      if ((await kit.currentBranch(cwd)) === branch) {
        await must(cwd, write("checkout", await kit.defaultBranch(cwd)), "archive");
      }
      await must(cwd, write("branch", "-D", branch), "archive");
    },
    async prune(cwd, revision) {
      const argv = write("branch", "-D", localBranch(revision));
      const out = await tools.run(cwd, argv);
      // No local branch left: nothing to prune.
      if (!out.ok && !/not found/.test(out.stderr)) {
        await must(cwd, argv, "prune");
      }
    },
    async stashAndClean(cwd, diffName) {
      const status = await must(cwd, read("status", "--porcelain"), "stash and clean");
      if (status.trim() === "") return;
      await must(
        cwd,
        write("stash", "push", "--include-untracked", "-m", diffName),
        "stash and clean",
      );
    },

    // --- Optional core ---
    async resolveRevision(cwd, query) {
      const aliases = await readBranchMap(query.projectBasename, env);
      const candidates = [
        ...new Set([
          aliases[query.changespecName],
          query.changespecName,
          stripChangeSpecSuffix(query.changespecName),
        ].filter((c): c is string => !!c)),
      ];
      const verify = async (ref: string) =>
        (await tools.run(cwd, read("rev-parse", "--verify", "--quiet", `${ref}^{commit}`))).ok;
      for (const candidate of candidates) if (await verify(candidate)) return candidate;
      // Not local: look at the remote's branches (checkout creates the local branch from them).
      await tools.run(cwd, write("fetch", "origin"));
      for (const candidate of candidates) {
        if (await verify(candidate)) return candidate;
        if (await verify(`origin/${candidate}`)) return `origin/${candidate}`;
      }
      throw new SaseError(
        "vcs.revision_not_found",
        `no branch found for ChangeSpec ${query.changespecName} (tried ${candidates.join(", ")})`,
        { kind: "not-found" },
      );
    },
    async showRevision(cwd, revision) {
      return await must(cwd, read("show", "--format=", "--patch", revision), "show revision");
    },
    async diffWithUntracked(cwd) {
      const tracked = await must(cwd, read("diff", "HEAD"), "diff");
      const listed = await must(
        cwd,
        read("ls-files", "--others", "--exclude-standard", "-z"),
        "diff",
      );
      let untracked = "";
      for (const file of listed.split("\0").filter((f) => f !== "")) {
        // `--no-index` exits 1 when the files differ, which they always do here.
        untracked += (await tools.run(cwd, read("diff", "--no-index", "--", "/dev/null", file)))
          .stdout;
      }
      return text(tracked + untracked);
    },
    async committedDiff(cwd) {
      const out = await tools.run(cwd, read("diff", "HEAD~1..HEAD"));
      return out.ok ? text(out.stdout) : null;
    },
    async defaultParentRevision(cwd) {
      return `origin/${await kit.defaultBranch(cwd)}`;
    },
    async diffNameStatus(cwd, parentRef, headRef) {
      return (await diffSummary(cwd, `${parentRef}...${headRef}`, "name-status")).nameStatus;
    },
    async diffLineStats(cwd, parentRef, headRef) {
      return (await diffSummary(cwd, `${parentRef}...${headRef}`, "line stats")).lineStats;
    },
    async fileAtRevision(cwd, revision, filePath) {
      return await must(cwd, read("show", `${revision}:${filePath}`), "file at revision");
    },

    // --- Sync ---
    async syncWorkspace(cwd) {
      await must(cwd, write("fetch", "origin"), "sync");
      await must(cwd, write("rebase", `origin/${await kit.defaultBranch(cwd)}`), "sync");
    },
    async isSyncInProgress(cwd) {
      const out = await tools.run(cwd, read("rev-parse", "--git-dir"));
      if (!out.ok) return false;
      const gitDir = out.stdout.trim();
      const dir = isAbsolute(gitDir) ? gitDir : join(cwd, gitDir);
      return await exists(join(dir, "rebase-merge")) || await exists(join(dir, "rebase-apply"));
    },
    async conflictedFiles(cwd) {
      const out = await tools.run(cwd, read("diff", "--name-only", "--diff-filter=U"));
      return out.ok ? out.stdout.split("\n").filter((line) => line.trim() !== "") : [];
    },
    async continueSync(cwd) {
      await must(cwd, write("-c", "core.editor=true", "rebase", "--continue"), "continue sync");
    },
    async abortSync(cwd) {
      await must(cwd, write("rebase", "--abort"), "abort sync");
    },

    // --- Commit dispatch ---
    ...gitCommitDispatch(owner, kit),

    // --- Info and review ---
    async reword(cwd, description) {
      await must(cwd, write("commit", "--amend", "-m", description), "reword");
    },
    async rewordAddTag(cwd, name, value) {
      const message = (await must(cwd, read("log", "--format=%B", "-n1", "HEAD"), "add tag"))
        .replace(/\n+$/, "");
      await must(cwd, write("commit", "--amend", "-m", `${message}\n${name}=${value}`), "add tag");
    },
    async description(cwd, revision, options = {}) {
      const format = options.short ? "--format=%s" : "--format=%B";
      return await must(cwd, read("log", format, "-n1", revision), "description");
    },
    branchName: (cwd) => kit.currentBranch(cwd),
    async workspaceName(cwd) {
      const remote = await tools.run(cwd, read("config", "--get", "remote.origin.url"));
      const top = remote.ok && remote.stdout.trim()
        ? null
        : await tools.run(cwd, read("rev-parse", "--show-toplevel"));
      const name = workspaceNameFrom(remote.ok ? remote.stdout : null, top?.ok ? top.stdout : null);
      if (name === null && !remote.ok && !top?.ok) {
        throw new SaseError(
          "vcs.failed",
          `${owner.provider}: could not determine workspace name in ${cwd}`,
          { kind: "failed" },
        );
      }
      return name;
    },
    async hasLocalChanges(cwd) {
      const status = await must(cwd, read("status", "--porcelain"), "local changes");
      return status.trim() === "" ? null : status.trim();
    },
    // Git hosts have no bug field (handbook 22.3.1).
    bugNumber: () => Promise.resolve(""),
    async mail(cwd, revision) {
      await must(cwd, write("push", "-u", "origin", localBranch(revision)), "mail");
    },
    // Git has no host-side fixers or upload step: both succeed without doing anything.
    fix: () => Promise.resolve(),
    upload: () => Promise.resolve(),
    async rewind(cwd, diffPaths) {
      if (diffPaths.length === 0) return;
      // One `git apply -R` takes the patches in order and applies all or none.
      const paths = await existingPatches(cwd, diffPaths, env);
      await must(cwd, write("apply", "-R", ...paths), "rewind");
    },

    // --- Branch naming (git branches are ChangeSpec names exactly) ---
    deriveBranchName: stripChangeSpecSuffix,
    deriveBranchNameWithSuffix: (name) => name,
    canRenameBranch: () => Promise.resolve(true),
  };
  return ops;
}
