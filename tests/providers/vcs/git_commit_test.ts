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
import { join } from "node:path";

const bareGit = (sb: Sandbox) => createVcsProviderRegistry().get("bare_git", sb.env);
const status = (cwd: string, sb: Sandbox) => git(cwd, sb.env, "status", "--porcelain");
const subject = (cwd: string, sb: Sandbox, ref: string) =>
  git(cwd, sb.env, "log", "-1", "--format=%s", ref).then((s) => s.trim());

/** A second clone of `origin` that pushes `file` = `text` to main (someone else's work). */
async function pushFromElsewhere(sb: Sandbox, origin: string, file: string, text: string) {
  const other = join(sb.root, `other-${crypto.randomUUID().slice(0, 8)}`);
  await git(sb.root, sb.env, "clone", "-q", origin, other);
  await Deno.writeTextFile(join(other, file), text);
  await git(other, sb.env, "add", "-A");
  await git(other, sb.env, "commit", "-qm", `upstream: ${file}`);
  await git(other, sb.env, "push", "-q", "origin", "main");
}

Deno.test("createCommit stages only the -f files, commits, pushes and returns the short hash", async () => {
  await using sb = await makeSandbox();
  const { work, origin } = await makeRepoWithOrigin(sb.root, sb.env, { "a.txt": "a\n" });
  await Deno.writeTextFile(join(work, "a.txt"), "a changed\n");
  await Deno.writeTextFile(join(work, "new.txt"), "new\n");
  await Deno.writeTextFile(join(work, "other.txt"), "not mine\n");
  const hash = await bareGit(sb).createCommit(work, {
    message: "feat: x\n\nbody",
    files: ["a.txt", "new.txt"],
  });
  assertEquals(hash, (await git(work, sb.env, "rev-parse", "--short", "HEAD")).trim());
  // Pushed: origin's main is the new commit.
  assertEquals(
    (await git(origin, sb.env, "rev-parse", "main")).trim(),
    (await git(work, sb.env, "rev-parse", "HEAD")).trim(),
  );
  assertEquals(await git(work, sb.env, "log", "-1", "--format=%B"), "feat: x\n\nbody\n\n");
  assertEquals(
    (await git(work, sb.env, "show", "--name-only", "--format=", "HEAD")).trim().split("\n"),
    ["a.txt", "new.txt"],
  );
  // The file not named stays uncommitted.
  assertEquals(await status(work, sb), "?? other.txt\n");
});

Deno.test("createCommit with -f leaves what the user had staged out of the commit, still staged", async () => {
  await using sb = await makeSandbox();
  const { work, origin } = await makeRepoWithOrigin(sb.root, sb.env, {
    "a.txt": "a\n",
    "mine.txt": "mine\n",
  });
  // The user's own work in progress, staged before the agent's commit.
  await Deno.writeTextFile(join(work, "mine.txt"), "mine, half done\n");
  await git(work, sb.env, "add", "mine.txt");
  await Deno.writeTextFile(join(work, "a.txt"), "a changed\n");
  await bareGit(sb).createCommit(work, { message: "feat: a", files: ["a.txt"] });
  assertEquals(
    (await git(origin, sb.env, "show", "--name-only", "--format=", "main")).trim(),
    "a.txt",
  );
  // Kept, though no longer staged: the rebase onto origin stashes and restores it (`--autostash`).
  assertEquals(await status(work, sb), " M mine.txt\n");
  assertEquals(await Deno.readTextFile(join(work, "mine.txt")), "mine, half done\n");
  await git(work, sb.env, "add", "mine.txt");
  // Nothing of the named files changed: refused, even with the user's staged work present.
  await assertRejects(
    () => bareGit(sb).createCommit(work, { message: "feat: none", files: ["a.txt"] }),
    SaseError,
    "No staged changes to commit",
  );
  assertEquals(await status(work, sb), "M  mine.txt\n");
});

Deno.test("createCommit without -f stages everything, including the bead store", async () => {
  await using sb = await makeSandbox();
  const { work } = await makeRepoWithOrigin(sb.root, sb.env);
  await Deno.mkdir(join(work, "sdd", "beads"), { recursive: true });
  await Deno.writeTextFile(join(work, "sdd", "beads", "issues.jsonl"), "{}\n");
  await Deno.writeTextFile(join(work, "x.txt"), "x\n");
  await bareGit(sb).createCommit(work, { message: "feat: all" });
  assertEquals(
    (await git(work, sb.env, "show", "--name-only", "--format=", "HEAD")).trim().split("\n"),
    ["sdd/beads/issues.jsonl", "x.txt"],
  );
  assertEquals(await status(work, sb), "");
});

Deno.test("createCommit with -f still stages the bead store and the extra (plan) paths", async () => {
  await using sb = await makeSandbox();
  const { work } = await makeRepoWithOrigin(sb.root, sb.env);
  await Deno.mkdir(join(work, "sdd", "beads"), { recursive: true });
  await Deno.writeTextFile(join(work, "sdd", "beads", "issues.jsonl"), "{}\n");
  await Deno.writeTextFile(join(work, "plan.md"), "# plan\n");
  await Deno.writeTextFile(join(work, "code.ts"), "1\n");
  await Deno.writeTextFile(join(work, "stray.ts"), "2\n");
  await bareGit(sb).createCommit(work, {
    message: "feat: planned",
    files: ["code.ts"],
    extraPaths: ["plan.md"],
  });
  assertEquals(
    (await git(work, sb.env, "show", "--name-only", "--format=", "HEAD")).trim().split("\n"),
    ["code.ts", "plan.md", "sdd/beads/issues.jsonl"],
  );
  assertEquals(await status(work, sb), "?? stray.ts\n");
});

Deno.test("createCommit with nothing staged fails and makes no commit", async () => {
  await using sb = await makeSandbox();
  const { work } = await makeRepoWithOrigin(sb.root, sb.env);
  const before = await git(work, sb.env, "rev-parse", "HEAD");
  await assertRejects(
    () => bareGit(sb).createCommit(work, { message: "feat: nothing" }),
    SaseError,
    "No staged changes to commit",
  );
  // A named file without changes is the same failure.
  await Deno.writeTextFile(join(work, "untouched.txt"), "u\n");
  await git(work, sb.env, "add", "untouched.txt");
  await git(work, sb.env, "commit", "-qm", "add untouched");
  const error = await assertRejects(
    () => bareGit(sb).createCommit(work, { message: "feat: x", files: ["untouched.txt"] }),
    SaseError,
    "No staged changes to commit",
  ) as SaseError;
  assertEquals(error.code, "vcs.nothing_staged");
  assertEquals(error.kind, "failed");
  assertEquals(await subject(work, sb, "HEAD"), "add untouched");
  assert(before !== (await git(work, sb.env, "rev-parse", "HEAD")));
});

Deno.test("createCommit rebases onto work pushed by someone else before pushing", async () => {
  await using sb = await makeSandbox();
  const { work, origin } = await makeRepoWithOrigin(sb.root, sb.env, { "a.txt": "a\n" });
  await pushFromElsewhere(sb, origin, "b.txt", "b\n");
  await Deno.writeTextFile(join(work, "c.txt"), "c\n");
  await bareGit(sb).createCommit(work, { message: "feat: c" });
  // History is linear: our commit on top of the upstream one, both on origin.
  assertEquals(
    (await git(origin, sb.env, "log", "--format=%s", "main")).trim().split("\n"),
    ["feat: c", "upstream: b.txt", "initial commit"],
  );
});

Deno.test("createCommit stops on a conflict with origin/<default>: kind conflict, rebase left for the user", async () => {
  await using sb = await makeSandbox();
  const { work, origin } = await makeRepoWithOrigin(sb.root, sb.env, { "a.txt": "a\n" });
  await pushFromElsewhere(sb, origin, "a.txt", "theirs\n");
  const originHead = (await git(origin, sb.env, "rev-parse", "main")).trim();
  await Deno.writeTextFile(join(work, "a.txt"), "ours\n");
  const vcs = bareGit(sb);
  const error = await assertRejects(
    () => vcs.createCommit(work, { message: "feat: ours" }),
    SaseError,
    "rebasing onto origin/main stopped on conflicts in a.txt",
  ) as SaseError;
  assertEquals(error.code, "vcs.merge_conflict");
  assertEquals(error.kind, "conflict");
  assertStringIncludes(error.message, "sase commit --resume");
  assert(await vcs.isSyncInProgress(work), "the rebase waits for the user");
  assertStringIncludes(await Deno.readTextFile(join(work, "a.txt")), "<<<<<<<");
  assertEquals((await git(origin, sb.env, "rev-parse", "main")).trim(), originHead);

  // Resolved by hand, the finalize step pushes the commit.
  await Deno.writeTextFile(join(work, "a.txt"), "merged\n");
  await git(work, sb.env, "add", "a.txt");
  await git(work, sb.env, "-c", "core.editor=true", "rebase", "--continue");
  await vcs.finalizeCommit(work, { message: "feat: ours" });
  assertEquals(await subject(origin, sb, "main"), "feat: ours");
  assertEquals(await git(origin, sb.env, "show", "main:a.txt"), "merged\n");
});

Deno.test("a rejected push is retried after a rebase; a push rejected every time fails after 4 attempts", async () => {
  await using sb = await makeSandbox();
  const { work, origin } = await makeRepoWithOrigin(sb.root, sb.env);
  // The origin rejects the first push only (the hook counts its calls).
  const counter = join(sb.root, "pushes");
  await Deno.writeTextFile(counter, "");
  const hook = join(origin, "hooks", "pre-receive");
  await Deno.writeTextFile(
    hook,
    `#!/bin/sh\necho x >> '${counter}'\n[ "$(wc -l < '${counter}')" -gt $LIMIT ] || exit 1\n`,
  );
  await Deno.chmod(hook, 0o755);
  const vcs = createVcsProviderRegistry().get("bare_git", { ...sb.env, LIMIT: "1" });
  await Deno.writeTextFile(join(work, "one.txt"), "1\n");
  await vcs.createCommit(work, { message: "feat: one" });
  assertEquals((await Deno.readTextFile(counter)).split("\n").length - 1, 2);
  assertEquals(await subject(origin, sb, "main"), "feat: one");

  await Deno.writeTextFile(counter, "");
  const never = createVcsProviderRegistry().get("bare_git", { ...sb.env, LIMIT: "99" });
  await Deno.writeTextFile(join(work, "two.txt"), "2\n");
  const error = await assertRejects(
    () => never.createCommit(work, { message: "feat: two" }),
    SaseError,
    "git push origin main was rejected 4 times",
  ) as SaseError;
  assertEquals(error.code, "vcs.push_failed");
  assertEquals((await Deno.readTextFile(counter)).split("\n").length - 1, 4);
  // The commit is kept locally.
  assertEquals(await subject(work, sb, "HEAD"), "feat: two");
  assertEquals(await subject(origin, sb, "main"), "feat: one");
});

Deno.test("createCommit in a repository without origin commits and skips the push", async () => {
  await using sb = await makeSandbox();
  const repo = await makeGitRepo(join(sb.root, "solo"), sb.env);
  await Deno.writeTextFile(join(repo, "x.txt"), "x\n");
  const hash = await bareGit(sb).createCommit(repo, { message: "feat: solo" });
  assertEquals(hash, (await git(repo, sb.env, "rev-parse", "--short", "HEAD")).trim());
  assertEquals(await subject(repo, sb, "HEAD"), "feat: solo");
});

Deno.test("finalizeCommit folds bead-store changes into the bead's commit and pushes", async () => {
  await using sb = await makeSandbox();
  const { work, origin } = await makeRepoWithOrigin(sb.root, sb.env);
  await Deno.writeTextFile(join(work, "x.txt"), "x\n");
  await git(work, sb.env, "add", "-A");
  await git(work, sb.env, "commit", "-qm", "feat: x (b-1)");
  await Deno.mkdir(join(work, "sdd", "beads"), { recursive: true });
  await Deno.writeTextFile(join(work, "sdd", "beads", "issues.jsonl"), '{"id":"b-1"}\n');
  const vcs = bareGit(sb);
  await vcs.finalizeCommit(work, { message: "feat: x (b-1)", beadId: "b-1" });
  assertEquals(await status(work, sb), "");
  assertEquals(await subject(origin, sb, "main"), "feat: x (b-1)");
  assertEquals(
    (await git(origin, sb.env, "show", "--name-only", "--format=", "main")).trim().split("\n"),
    ["sdd/beads/issues.jsonl", "x.txt"],
  );
  // A pushed commit is never amended, and without a bead the store is not touched.
  await Deno.writeTextFile(join(work, "sdd", "beads", "issues.jsonl"), '{"id":"b-2"}\n');
  const pushed = await git(work, sb.env, "rev-parse", "HEAD");
  await vcs.finalizeCommit(work, { message: "feat: x (b-1)", beadId: "b-1" });
  await vcs.finalizeCommit(work, { message: "feat: x (b-1)" });
  assertEquals(await git(work, sb.env, "rev-parse", "HEAD"), pushed);
  assertEquals(await status(work, sb), " M sdd/beads/issues.jsonl\n");
});

Deno.test("createProposal saves one applicable diff (new, changed and binary files) and cleans the tree", async () => {
  await using sb = await makeSandbox();
  const { work } = await makeRepoWithOrigin(sb.root, sb.env, { "a.txt": "a\n" });
  await Deno.writeTextFile(join(work, "a.txt"), "a changed\n");
  await Deno.writeTextFile(join(work, "new.txt"), "new\n");
  await Deno.writeFile(join(work, "blob.bin"), new Uint8Array([0, 1, 2, 255, 0]));
  const target = join(sb.saseHome, "diffs", "202601", "cl-260101_120000.diff");
  const saved = await bareGit(sb).createProposal(work, { message: "feat: p", diffPath: target });
  assertEquals(saved, target);
  assertEquals(await status(work, sb), "");
  assertEquals(await subject(work, sb, "HEAD"), "initial commit");
  const diff = await Deno.readTextFile(target);
  assertStringIncludes(diff, "+++ b/new.txt");
  assertStringIncludes(diff, "GIT binary patch");
  // The saved diff brings the work back exactly.
  await git(work, sb.env, "apply", target);
  assertEquals(await Deno.readTextFile(join(work, "a.txt")), "a changed\n");
  assertEquals(await Deno.readFile(join(work, "blob.bin")), new Uint8Array([0, 1, 2, 255, 0]));
});

Deno.test("createProposal with -f takes back only the named files; nothing to propose fails", async () => {
  await using sb = await makeSandbox();
  const { work } = await makeRepoWithOrigin(sb.root, sb.env, { "a.txt": "a\n", "b.txt": "b\n" });
  await Deno.writeTextFile(join(work, "a.txt"), "a changed\n");
  await Deno.writeTextFile(join(work, "b.txt"), "b changed\n");
  await Deno.writeTextFile(join(work, "n.txt"), "n\n");
  const target = join(sb.root, "p.diff");
  const vcs = bareGit(sb);
  await vcs.createProposal(work, { message: "p", files: ["a.txt", "n.txt"], diffPath: target });
  assertEquals(await status(work, sb), " M b.txt\n");
  const diff = await Deno.readTextFile(target);
  assertStringIncludes(diff, "+++ b/n.txt");
  assert(!diff.includes("b.txt"), "b.txt was not part of the proposal");
  await git(work, sb.env, "checkout", "-q", "--", "b.txt");
  const error = await assertRejects(
    () => vcs.createProposal(work, { message: "p", diffPath: join(sb.root, "none.diff") }),
    SaseError,
    "No changes to save as proposal diff",
  ) as SaseError;
  assertEquals(error.code, "vcs.nothing_to_propose");
  await assertRejects(() => Deno.stat(join(sb.root, "none.diff")), Deno.errors.NotFound);
});

Deno.test("createPullRequest branches, commits and pushes; with nothing staged it leaves no branch behind", async () => {
  await using sb = await makeSandbox();
  const { work, origin } = await makeRepoWithOrigin(sb.root, sb.env);
  const vcs = bareGit(sb);
  await assertRejects(
    () => vcs.createPullRequest(work, { message: "feat: empty", name: "empty" }),
    SaseError,
    "No staged changes to commit",
  );
  assertEquals((await git(work, sb.env, "branch", "--show-current")).trim(), "main");
  assertEquals((await git(work, sb.env, "branch", "--list", "empty")).trim(), "");
  await Deno.writeTextFile(join(work, "f.txt"), "f\n");
  assertEquals(await vcs.createPullRequest(work, { message: "feat: f", name: "feat" }), null);
  assertEquals((await git(work, sb.env, "branch", "--show-current")).trim(), "feat");
  assertEquals(await subject(origin, sb, "feat"), "feat: f");
  assertEquals(
    (await git(work, sb.env, "rev-parse", "--abbrev-ref", "feat@{upstream}")).trim(),
    "origin/feat",
  );
});
