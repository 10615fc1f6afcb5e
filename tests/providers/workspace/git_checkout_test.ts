import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../../_helpers/assert.ts";
import { git, makeGitRepo } from "../../_helpers/git.ts";
import { makeSandbox, type Sandbox } from "../../_helpers/sandbox.ts";
import { ensureClone, syncCheckout } from "../../../providers/workspace/git_checkout.ts";

/** A bare remote, a primary clone of it and a numbered checkout of the primary. */
async function setup(sb: Sandbox) {
  const seed = await makeGitRepo(join(sb.root, "seed"), sb.env);
  const remote = join(sb.root, "remote.git");
  await git(sb.root, sb.env, "clone", "-q", "--bare", seed, remote);
  const primary = join(sb.root, "primary");
  await git(sb.root, sb.env, "clone", "-q", remote, primary);
  const dir = join(sb.root, "primary_10");
  await ensureClone(primary, dir);
  // syncCheckout runs git with this process's environment: give the clone an identity.
  await git(dir, sb.env, "config", "user.name", "Sase Test");
  await git(dir, sb.env, "config", "user.email", "test@example.invalid");
  const run = async (...args: string[]) => (await git(dir, sb.env, ...args)).trim();
  /** Push a new commit to the remote through the primary. */
  const advanceRemote = async (message: string) => {
    await git(primary, sb.env, "commit", "-q", "--allow-empty", "-m", message);
    await git(primary, sb.env, "push", "-q", "origin", "main");
  };
  return { dir, primary, run, advanceRemote };
}

async function reflogLength(run: (...args: string[]) => Promise<string>): Promise<number> {
  return (await run("reflog", "show", "--format=%H", "HEAD")).split("\n").length;
}

Deno.test("syncCheckout leaves a clean checkout already at origin/<branch> untouched", async () => {
  await using sb = await makeSandbox();
  const { dir, run } = await setup(sb);
  const before = await reflogLength(run);
  await syncCheckout(dir, "main", "claim by alpha");
  assertEquals(await reflogLength(run), before, "no checkout was run");
  assertEquals(await run("branch", "--show-current"), "main");
  assertEquals(await run("stash", "list"), "");
});

Deno.test("syncCheckout stashes a dirty tree (labelled) even when no checkout is needed", async () => {
  await using sb = await makeSandbox();
  const { dir, run } = await setup(sb);
  await Deno.writeTextFile(join(dir, "README.md"), "edited\n");
  await Deno.writeTextFile(join(dir, "scratch.txt"), "untracked\n");
  await syncCheckout(dir, "main", "claim by alpha");
  assertEquals(await run("status", "--porcelain"), "");
  assertStringIncludes(await run("stash", "list"), "claim by alpha");
  assertEquals(
    await run("stash", "show", "--include-untracked", "--name-only"),
    [
      "README.md",
      "scratch.txt",
    ].join("\n"),
  );
  assertEquals(await run("rev-parse", "HEAD"), await run("rev-parse", "origin/main"));
});

Deno.test("syncCheckout moves a checkout behind the remote forward without a backup", async () => {
  await using sb = await makeSandbox();
  const { dir, run, advanceRemote } = await setup(sb);
  await advanceRemote("upstream work");
  await syncCheckout(dir, "main", "claim");
  assertEquals(await run("log", "-1", "--format=%s"), "upstream work");
  assertEquals(await run("branch", "--list", "sase-backup/*"), "");
});

Deno.test("syncCheckout backs up unpushed commits before resetting, also from another branch", async () => {
  await using sb = await makeSandbox();
  const { dir, run, advanceRemote } = await setup(sb);
  await run("commit", "-q", "--allow-empty", "-m", "local only");
  await run("checkout", "-q", "-b", "feature");
  await advanceRemote("upstream work");
  await syncCheckout(dir, "main", "claim");
  assertEquals(await run("branch", "--show-current"), "main");
  assertEquals(await run("log", "-1", "--format=%s"), "upstream work");
  const backup = await run("branch", "--list", "--format=%(refname:short)", "sase-backup/*");
  assert(backup.startsWith("sase-backup/main-"), backup);
  assertEquals(await run("log", "-1", "--format=%s", backup), "local only");
});

Deno.test("syncCheckout returns to the branch from a detached HEAD at the same commit", async () => {
  await using sb = await makeSandbox();
  const { dir, run } = await setup(sb);
  await run("checkout", "-q", "--detach");
  await syncCheckout(dir, "main", "claim");
  assertEquals(await run("branch", "--show-current"), "main");
});

Deno.test("syncCheckout re-points a branch that does not track origin/<branch>", async () => {
  await using sb = await makeSandbox();
  const { dir, run } = await setup(sb);
  await run("branch", "--unset-upstream", "main");
  await syncCheckout(dir, "main", "claim");
  assertEquals(
    await run("rev-parse", "--symbolic-full-name", "main@{upstream}"),
    "refs/remotes/origin/main",
  );
});

Deno.test("syncCheckout falls back to the local branch when the remote lacks it", async () => {
  await using sb = await makeSandbox();
  const { dir, run } = await setup(sb);
  await run("branch", "solo");
  await syncCheckout(dir, "solo", "claim");
  assertEquals(await run("branch", "--show-current"), "solo");
  const before = await reflogLength(run);
  await syncCheckout(dir, "solo", "claim");
  assertEquals(await reflogLength(run), before, "already on it: no checkout");
  // Neither side has `feat`, only refs below it: nothing to check out.
  await run("branch", "feat/x");
  await syncCheckout(dir, "feat", "claim");
  assertEquals(await run("branch", "--show-current"), "solo");
  await syncCheckout(dir, null, "claim");
  assertEquals(await run("branch", "--show-current"), "solo");
});
