import {
  assert,
  assertEquals,
  assertRejects,
  assertStringIncludes,
} from "../../_helpers/assert.ts";
import { git, makeGitRepo, makeRepoWithOrigin } from "../../_helpers/git.ts";
import { makeSandbox, type Sandbox } from "../../_helpers/sandbox.ts";
import { SaseError } from "../../../core/errors.ts";
import { createVcsProviderRegistry } from "../../../providers/vcs/registry.ts";
import { writeBranchAlias } from "../../../core/vcs/branch_map.ts";
import { join } from "node:path";

const bareGit = (sb: Sandbox) => createVcsProviderRegistry().get("bare_git", sb.env);
const head = (cwd: string, sb: Sandbox, ref = "HEAD") =>
  git(cwd, sb.env, "rev-parse", ref).then((s) => s.trim());

/** A feature branch `feat` with one commit adding `feat.txt`, on top of `main`. */
async function featureBranch(sb: Sandbox) {
  const repo = await makeRepoWithOrigin(sb.root, sb.env, { "README.md": "# r\n", "a.txt": "a\n" });
  await git(repo.work, sb.env, "checkout", "-q", "-b", "feat");
  await Deno.writeTextFile(join(repo.work, "feat.txt"), "feature\n");
  await git(repo.work, sb.env, "add", "-A");
  await git(repo.work, sb.env, "commit", "-q", "-m", "feat: add");
  return repo;
}

Deno.test("acceptance 26: diff_revision is the merge-base diff against origin/<default>", async () => {
  await using sb = await makeSandbox();
  const { work } = await featureBranch(sb);
  const vcs = bareGit(sb);
  // A later commit on main must not show up in the branch's diff (three-dot merge base).
  await git(work, sb.env, "checkout", "-q", "main");
  await Deno.writeTextFile(join(work, "a.txt"), "a changed on main\n");
  await git(work, sb.env, "commit", "-qam", "main moves");
  await git(work, sb.env, "push", "-q", "origin", "main");
  const diff = await vcs.diffRevision(work, "feat");
  assertEquals(diff, await git(work, sb.env, "diff", "origin/main...feat"));
  assertStringIncludes(diff, "+++ b/feat.txt");
  assert(!diff.includes("a changed on main"), "main's own commit is not part of the change");
  assertEquals(await vcs.defaultParentRevision(work), "origin/main");
});

Deno.test("acceptance 26: the default branch falls back origin/HEAD -> origin/master -> origin/main -> main", async () => {
  await using sb = await makeSandbox();
  const { work } = await makeRepoWithOrigin(sb.root, sb.env);
  // A fresh provider per question: one provider keeps the origin/HEAD it read (next test).
  const parent = () => bareGit(sb).defaultParentRevision(work);
  await git(work, sb.env, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main");
  assertEquals(await parent(), "origin/main");
  // origin/HEAD naming a branch with a slash keeps the whole name.
  await git(work, sb.env, "update-ref", "refs/remotes/origin/release/v1", "HEAD");
  await git(
    work,
    sb.env,
    "symbolic-ref",
    "refs/remotes/origin/HEAD",
    "refs/remotes/origin/release/v1",
  );
  assertEquals(await parent(), "origin/release/v1");
  // No origin/HEAD: origin/master is probed before origin/main.
  await git(work, sb.env, "symbolic-ref", "--delete", "refs/remotes/origin/HEAD");
  await git(work, sb.env, "update-ref", "refs/remotes/origin/master", "HEAD");
  assertEquals(await parent(), "origin/master");
  await git(work, sb.env, "update-ref", "-d", "refs/remotes/origin/master");
  assertEquals(await parent(), "origin/main");
  // Nothing on the remote at all: the default branch is `main`.
  await git(work, sb.env, "update-ref", "-d", "refs/remotes/origin/main");
  assertEquals(await parent(), "origin/main");
});

Deno.test("the default branch from origin/HEAD is read once per provider; the fallbacks are asked every time", async () => {
  await using sb = await makeSandbox();
  const { work } = await makeRepoWithOrigin(sb.root, sb.env);
  const trace = join(sb.root, "git-trace.log");
  const env = { ...sb.env, GIT_TRACE: trace };
  const probes = async () =>
    (await Deno.readTextFile(trace).catch(() => "")).split("\n")
      .filter((line) => /trace: built-in: git symbolic-ref refs\/remotes\/origin\/HEAD$/.test(line))
      .length;
  const vcs = createVcsProviderRegistry().get("bare_git", env);
  assertEquals(await vcs.defaultParentRevision(work), "origin/main");
  assertEquals(await vcs.defaultParentRevision(work), "origin/main");
  assertEquals(await vcs.diffRevision(work, "HEAD"), "");
  assertEquals(await probes(), 1);
  // The provider serves one command: it keeps its answer; a new provider reads the new one.
  await git(work, sb.env, "update-ref", "refs/remotes/origin/next", "HEAD");
  await git(work, sb.env, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/next");
  assertEquals(await vcs.defaultParentRevision(work), "origin/main");
  assertEquals(await bareGit(sb).defaultParentRevision(work), "origin/next");
  // Without origin/HEAD nothing is kept: a branch that appears (a fetch) is seen.
  const fresh = createVcsProviderRegistry().get("bare_git", env);
  await git(work, sb.env, "symbolic-ref", "--delete", "refs/remotes/origin/HEAD");
  assertEquals(await fresh.defaultParentRevision(work), "origin/main");
  await git(work, sb.env, "update-ref", "refs/remotes/origin/master", "HEAD");
  assertEquals(await fresh.defaultParentRevision(work), "origin/master");
});

Deno.test("acceptance 26: without origin/<default>, diff_revision falls back to <rev>~1 <rev>, then git show for a root commit", async () => {
  await using sb = await makeSandbox();
  const repo = await makeGitRepo(join(sb.root, "solo"), sb.env, { "one.txt": "1\n" });
  await Deno.writeTextFile(join(repo, "two.txt"), "2\n");
  await git(repo, sb.env, "add", "-A");
  await git(repo, sb.env, "commit", "-qm", "second");
  const vcs = bareGit(sb);
  const second = await vcs.diffRevision(repo, "HEAD");
  assertEquals(second, await git(repo, sb.env, "diff", "HEAD~1", "HEAD"));
  assertStringIncludes(second, "+++ b/two.txt");
  const root = await vcs.diffRevision(repo, "HEAD~1");
  assertEquals(root, await git(repo, sb.env, "show", "--format=", "--patch", "HEAD~1"));
  assertStringIncludes(root, "+++ b/one.txt");
  await assertRejects(
    () => vcs.diffRevision(repo, "no-such-rev"),
    SaseError,
    "bare_git diff of no-such-rev failed",
  );
});

Deno.test("bare_git: uncommitted diff, stash-and-clean, clean, checkout of origin/<branch>", async () => {
  await using sb = await makeSandbox();
  const { work } = await featureBranch(sb);
  const vcs = bareGit(sb);
  assertEquals(await vcs.diff(work), null);
  assertEquals(await vcs.hasLocalChanges(work), null);
  await vcs.stashAndClean(work, "nothing"); // a clean tree stashes nothing
  assertEquals((await git(work, sb.env, "stash", "list")).trim(), "");
  await Deno.writeTextFile(join(work, "a.txt"), "edited\n");
  await Deno.writeTextFile(join(work, "new.txt"), "untracked\n");
  assertStringIncludes((await vcs.diff(work))!, "+edited");
  assertEquals(await vcs.hasLocalChanges(work), "M a.txt\n?? new.txt");
  const withUntracked = (await vcs.diffWithUntracked(work))!;
  assertStringIncludes(withUntracked, "+untracked");
  await vcs.stashAndClean(work, "my_cl-260101");
  assertStringIncludes(await git(work, sb.env, "stash", "list"), "my_cl-260101");
  assertEquals(await vcs.hasLocalChanges(work), null);
  // clean_workspace drops tracked edits and untracked files.
  await Deno.writeTextFile(join(work, "a.txt"), "edited again\n");
  await Deno.writeTextFile(join(work, "junk.txt"), "junk\n");
  await vcs.cleanWorkspace(work);
  assertEquals(await vcs.hasLocalChanges(work), null);
  // Checking out origin/main lands on the local main branch, not a detached HEAD.
  await vcs.checkout(work, "origin/main");
  assertEquals(await vcs.branchName(work), "main");
  await assertRejects(
    () => vcs.checkout(work, "nope"),
    SaseError,
    "bare_git checkout failed: git checkout nope",
  );
});

Deno.test("bare_git: commit from a logfile, amend, reword, add tag, description", async () => {
  await using sb = await makeSandbox();
  const { work } = await makeRepoWithOrigin(sb.root, sb.env);
  const vcs = bareGit(sb);
  await Deno.writeTextFile(join(work, "x.txt"), "x\n");
  await vcs.addRemove(work);
  const logfile = await sb.write("msg.txt", "feat: x\n\nbody line\n");
  await vcs.commit(work, "x", logfile);
  assertEquals(await vcs.description(work, "HEAD"), "feat: x\n\nbody line\n\n");
  assertEquals(await vcs.description(work, "HEAD", { short: true }), "feat: x\n");
  await vcs.amend(work, "feat: x amended");
  assertEquals(await vcs.description(work, "HEAD", { short: true }), "feat: x amended\n");
  await vcs.reword(work, "feat: reworded\n\nwith body");
  await vcs.rewordAddTag(work, "BUG", "42");
  assertEquals(
    (await git(work, sb.env, "log", "--format=%B", "-n1")).trimEnd(),
    "feat: reworded\n\nwith body\nBUG=42",
  );
  assertEquals((await git(work, sb.env, "rev-list", "--count", "HEAD")).trim(), "2");
  assertEquals(await vcs.workspaceName(work), "origin");
});

Deno.test("bare_git: apply patches (missing file named), rename branch, prune, archive", async () => {
  await using sb = await makeSandbox();
  const { work } = await featureBranch(sb);
  const vcs = bareGit(sb);
  const patch = await sb.write("feat.diff", await vcs.diffRevision(work, "feat"));
  await vcs.checkout(work, "main");
  await vcs.applyPatch(work, patch);
  assertEquals(await Deno.readTextFile(join(work, "feat.txt")), "feature\n");
  await vcs.cleanWorkspace(work);
  await vcs.applyPatches(work, []); // nothing to apply
  await assertRejects(
    () => vcs.applyPatches(work, [patch, join(sb.root, "gone.diff")]),
    SaseError,
    `Diff file not found: ${join(sb.root, "gone.diff")}`,
  );
  assertEquals(await vcs.hasLocalChanges(work), null, "nothing applied when one patch is missing");

  await vcs.checkout(work, "feat");
  await vcs.renameBranch(work, "feat_2");
  assertEquals(await vcs.branchName(work), "feat_2");
  const tip = await head(work, sb);
  // Archive the checked-out branch: tag kept, branch gone, HEAD moved to the default branch.
  await vcs.archive(work, "feat_2");
  assertEquals(await head(work, sb, "refs/tags/archive/feat_2"), tip);
  assertEquals(await vcs.branchName(work), "main");
  await assertRejects(() => git(work, sb.env, "rev-parse", "--verify", "refs/heads/feat_2"));
  // Archiving another commit under a name whose archive tag exists is refused.
  await git(work, sb.env, "branch", "feat_2", "main");
  await assertRejects(
    () => vcs.archive(work, "feat_2"),
    SaseError,
    "tag archive/feat_2 already exists",
  );
  await vcs.prune(work, "origin/feat_2"); // the local branch of a remote ref
  await assertRejects(() => git(work, sb.env, "rev-parse", "--verify", "refs/heads/feat_2"));
  await vcs.prune(work, "feat_2"); // already gone: nothing to prune
});

Deno.test("bare_git: sync = fetch + rebase onto origin/<default>; a conflict leaves a sync in progress to continue or abort", async () => {
  await using sb = await makeSandbox();
  const { work, origin } = await featureBranch(sb);
  const vcs = bareGit(sb);
  // Someone else pushes to main.
  const other = join(sb.root, "other");
  await git(sb.root, sb.env, "clone", "-q", origin, other);
  await Deno.writeTextFile(join(other, "README.md"), "# upstream\n");
  await git(other, sb.env, "commit", "-qam", "upstream");
  await git(other, sb.env, "push", "-q", "origin", "main");
  await vcs.syncWorkspace(work);
  assertEquals(await head(work, sb, "HEAD~1"), await head(other, sb));
  assertEquals(await vcs.isSyncInProgress(work), false);
  // A conflicting upstream change stops the rebase.
  await Deno.writeTextFile(join(other, "feat.txt"), "upstream version\n");
  await git(other, sb.env, "add", "-A");
  await git(other, sb.env, "commit", "-qm", "conflict");
  await git(other, sb.env, "push", "-q", "origin", "main");
  await assertRejects(
    () => vcs.syncWorkspace(work),
    SaseError,
    "bare_git sync failed: git rebase origin/main",
  );
  assertEquals(await vcs.isSyncInProgress(work), true);
  assertEquals(await vcs.conflictedFiles(work), ["feat.txt"]);
  await vcs.abortSync(work);
  assertEquals(await vcs.isSyncInProgress(work), false);
  // Resolve and continue this time.
  await assertRejects(() => vcs.syncWorkspace(work), SaseError);
  await Deno.writeTextFile(join(work, "feat.txt"), "resolved\n");
  await git(work, sb.env, "add", "feat.txt");
  await vcs.continueSync(work);
  assertEquals(await vcs.isSyncInProgress(work), false);
  assertEquals(await Deno.readTextFile(join(work, "feat.txt")), "resolved\n");
});

Deno.test("bare_git: rebase --onto a new parent, mail pushes the branch, name-status and line stats", async () => {
  await using sb = await makeSandbox();
  const { work, origin } = await featureBranch(sb);
  const vcs = bareGit(sb);
  await git(work, sb.env, "checkout", "-q", "-b", "child");
  await Deno.writeTextFile(join(work, "child.txt"), "c1\nc2\n");
  await git(work, sb.env, "add", "-A");
  await git(work, sb.env, "commit", "-qm", "child");
  // Move child's own commit (not feat's) from feat onto main.
  await vcs.rebase(work, "child", "main", { oldParent: "feat" });
  assertEquals(await head(work, sb, "HEAD~1"), await head(work, sb, "main"));
  assertEquals(await vcs.diffNameStatus(work, "main", "HEAD"), [{
    status: "A",
    path: "child.txt",
  }]);
  assertEquals(await vcs.diffLineStats(work, "main", "HEAD"), [{
    path: "child.txt",
    added: 2,
    removed: 0,
  }]);
  await vcs.mail(work, "child");
  assertEquals(await head(origin, sb, "refs/heads/child"), await head(work, sb));
  assertEquals(await vcs.fileAtRevision(work, "HEAD", "child.txt"), "c1\nc2\n");
});

Deno.test("bare_git: rebase moves the named branch with its commits onto the new parent (none is lost)", async () => {
  await using sb = await makeSandbox();
  const { work } = await featureBranch(sb);
  const vcs = bareGit(sb);
  const featTip = await head(work, sb, "feat");
  await git(work, sb.env, "checkout", "-q", "main");
  await Deno.writeTextFile(join(work, "a.txt"), "a moved on\n");
  await git(work, sb.env, "commit", "-qam", "main moves");
  // Run while feat is checked out: the branch keeps its commit, now on top of main.
  await git(work, sb.env, "checkout", "-q", "feat");
  await vcs.rebase(work, "feat", "main");
  assertEquals(await head(work, sb, "feat~1"), await head(work, sb, "main"));
  assertEquals(await git(work, sb.env, "log", "-1", "--format=%s", "feat"), "feat: add\n");
  assertEquals(await vcs.fileAtRevision(work, "feat", "feat.txt"), "feature\n");
  assert((await head(work, sb, "feat")) !== featTip, "the commit was replayed");
});

Deno.test("bare_git: rewind applies saved diffs in reverse, newest first, all or none", async () => {
  await using sb = await makeSandbox();
  const { work } = await makeRepoWithOrigin(sb.root, sb.env, { "f.txt": "a\n" });
  const vcs = bareGit(sb);
  const step = async (name: string, edit: () => Promise<void>) => {
    await edit();
    await git(work, sb.env, "add", "-A");
    const diff = await git(work, sb.env, "diff", "--cached");
    await git(work, sb.env, "commit", "-qm", name);
    const path = join(sb.root, `${name}.diff`);
    await Deno.writeTextFile(path, diff);
    return path;
  };
  const one = await step("one", () => Deno.writeTextFile(join(work, "f.txt"), "a\nb\n"));
  const two = await step("two", async () => {
    await Deno.writeTextFile(join(work, "f.txt"), "a\nb\nc\n");
    await Deno.writeTextFile(join(work, "g.txt"), "new\n");
  });
  // Oldest first cannot apply: nothing changes.
  await assertRejects(() => vcs.rewind(work, [one, two]), SaseError, "bare_git rewind failed");
  assertEquals(await git(work, sb.env, "status", "--porcelain"), "");
  await vcs.rewind(work, [two, one]);
  assertEquals(await Deno.readTextFile(join(work, "f.txt")), "a\n");
  assertEquals(await git(work, sb.env, "status", "--porcelain"), " M f.txt\n D g.txt\n");
  await assertRejects(
    () => vcs.rewind(work, [join(sb.root, "gone.diff")]),
    SaseError,
    "Diff file not found",
  );
});

Deno.test("bare_git: resolve_revision finds the branch, an alias from branch_map.json, or origin/<branch>", async () => {
  await using sb = await makeSandbox();
  const { work, origin } = await featureBranch(sb);
  const vcs = bareGit(sb);
  const query = (changespecName: string) => ({ changespecName, projectBasename: "proj" });
  assertEquals(await vcs.resolveRevision(work, query("feat")), "feat");
  assertEquals(await vcs.resolveRevision(work, query("feat__3")), "feat");
  await writeBranchAlias("proj", "renamed_feat", "feat", sb.env);
  assertEquals(await vcs.resolveRevision(work, query("renamed_feat")), "feat");
  // A branch that only exists on the remote.
  const other = join(sb.root, "other");
  await git(sb.root, sb.env, "clone", "-q", origin, other);
  await git(other, sb.env, "push", "-q", "origin", "main:remote_only");
  assertEquals(await vcs.resolveRevision(work, query("remote_only")), "origin/remote_only");
  await assertRejects(
    () => vcs.resolveRevision(work, query("ghost")),
    SaseError,
    "no branch found for ChangeSpec ghost",
  );
});

Deno.test("bare_git: create_pull_request branches, commits and pushes; nothing staged fails; no PR is opened", async () => {
  await using sb = await makeSandbox();
  const { work, origin } = await makeRepoWithOrigin(sb.root, sb.env);
  const vcs = bareGit(sb);
  await assertRejects(
    () => vcs.createPullRequest(work, { name: "empty", message: "feat: nothing" }),
    SaseError,
    "No staged changes to commit",
  );
  await git(work, sb.env, "checkout", "-q", "main");
  await Deno.writeTextFile(join(work, "p.txt"), "p\n");
  assertEquals(await vcs.createPullRequest(work, { name: "feat_pr", message: "feat: p" }), null);
  assertEquals(await head(origin, sb, "refs/heads/feat_pr"), await head(work, sb));
  assertEquals((await git(work, sb.env, "log", "--format=%s", "-n1")).trim(), "feat: p");
  // bare_git has no review host: changes have no URL, and asking says so plainly.
  const error = await assertRejects(
    () => vcs.changeUrl(work),
    SaseError,
    "the bare_git VCS provider does not support changeUrl",
  );
  assertEquals((error as SaseError).kind, "unavailable");
  assertEquals(vcs.supports("changeUrl"), false);
  assertEquals(vcs.supports("syncWorkspace"), true);
});
