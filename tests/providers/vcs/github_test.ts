import { assertEquals, assertRejects } from "../../_helpers/assert.ts";
import { git, makeRepoWithOrigin } from "../../_helpers/git.ts";
import { makeSandbox, type Sandbox } from "../../_helpers/sandbox.ts";
import { SaseError } from "../../../core/errors.ts";
import { createVcsProviderRegistry } from "../../../providers/vcs/registry.ts";
import { join } from "node:path";

/**
 * A `gh` stand-in on PATH: appends its argv (one JSON array per line) to
 * `gh.log`, prints a PR URL for `pr create`, and answers `pr view` from
 * `pr_number`/`pr_url` files when they exist (else "no pull requests found").
 */
async function fakeGh(
  sb: Sandbox,
  extra = "",
): Promise<{ env: Record<string, string>; log: string }> {
  const bin = join(sb.root, "bin");
  const log = join(sb.root, "gh.log");
  await Deno.mkdir(bin, { recursive: true });
  const script = `#!/bin/sh
${extra}
python3 -c 'import json,sys; print(json.dumps(sys.argv[1:]))' "$@" >> "${log}"
state="${sb.root}"
if [ "$1 $2" = "pr create" ]; then echo "https://github.com/o/r/pull/7"; exit 0; fi
if [ "$1 $2" = "pr view" ]; then
  case "$*" in
    *number*) f="$state/pr_number" ;;
    *url*) f="$state/pr_url" ;;
    *body*) echo "the body"; exit 0 ;;
  esac
  if [ -f "$f" ]; then cat "$f"; exit 0; fi
  echo 'no pull requests found for branch "x"' >&2; exit 1
fi
exit 0
`;
  await Deno.writeTextFile(join(bin, "gh"), script);
  await Deno.chmod(join(bin, "gh"), 0o755);
  return { env: { ...sb.env, PATH: `${bin}:${sb.env.PATH}` }, log };
}

const calls = async (log: string) =>
  (await Deno.readTextFile(log).catch(() => "")).trim().split("\n").filter(Boolean).map((l) =>
    JSON.parse(l) as string[]
  );

Deno.test("github: create_pull_request pushes the branch then runs gh pr create with title and body, returning the URL", async () => {
  await using sb = await makeSandbox();
  const { work, origin } = await makeRepoWithOrigin(sb.root, sb.env);
  const gh = await fakeGh(sb);
  const vcs = createVcsProviderRegistry().get("github", gh.env);
  await Deno.writeTextFile(join(work, "f.txt"), "f\n");
  const url = await vcs.createPullRequest(work, {
    name: "feat_x",
    message: "feat: x\n\nlonger body\nAGENT=bot",
    prTitlePrefix: "[proj] ",
    prBody: "PR body text",
  });
  assertEquals(url, "https://github.com/o/r/pull/7");
  assertEquals(
    (await git(origin, sb.env, "rev-parse", "refs/heads/feat_x")).trim(),
    (await git(work, sb.env, "rev-parse", "HEAD")).trim(),
  );
  assertEquals(await calls(gh.log), [
    ["pr", "create", "--title", "[proj] feat: x", "--body", "PR body text"],
  ]);
});

Deno.test("github: PR view for URL and number, merge, and mail creating the PR only when the branch has none", async () => {
  await using sb = await makeSandbox();
  const { work, origin } = await makeRepoWithOrigin(sb.root, sb.env);
  const gh = await fakeGh(sb);
  const vcs = createVcsProviderRegistry().get("github", gh.env);
  // No PR yet: both lookups say none, mail pushes and creates one with --fill.
  assertEquals(await vcs.changeUrl(work), null);
  assertEquals(await vcs.clNumber(work), null);
  await git(work, sb.env, "checkout", "-q", "-b", "topic");
  await vcs.mail(work, "topic");
  assertEquals(
    (await git(origin, sb.env, "rev-parse", "refs/heads/topic")).trim(),
    (await git(work, sb.env, "rev-parse", "HEAD")).trim(),
  );
  await Deno.writeTextFile(join(sb.root, "pr_number"), "7\n");
  await Deno.writeTextFile(join(sb.root, "pr_url"), "https://github.com/o/r/pull/7\n");
  assertEquals(await vcs.changeUrl(work), "https://github.com/o/r/pull/7");
  assertEquals(await vcs.clNumber(work), "7");
  await vcs.mail(work, "topic"); // the PR exists now: no second create
  await vcs.mergeChange(work, "7");
  await vcs.mergeChange(work, "7", { method: "squash" });
  assertEquals(await vcs.changeBody(work, "7"), "the body");
  assertEquals(await calls(gh.log), [
    ["pr", "view", "--json", "url", "-q", ".url"],
    ["pr", "view", "--json", "number", "-q", ".number"],
    ["pr", "view", "--json", "number", "-q", ".number"],
    ["pr", "create", "--fill"],
    ["pr", "view", "--json", "url", "-q", ".url"],
    ["pr", "view", "--json", "number", "-q", ".number"],
    ["pr", "view", "--json", "number", "-q", ".number"],
    ["pr", "merge", "7", "--merge"],
    ["pr", "merge", "7", "--squash"],
    ["pr", "view", "7", "--json", "body", "-q", ".body"],
  ]);
  // GitHub branches with PRs keep their names: renames go to the alias map.
  assertEquals(await vcs.canRenameBranch(work), false);
});

Deno.test("github: without gh the error says what to install; signed out it says to log in", async () => {
  await using sb = await makeSandbox();
  const { work } = await makeRepoWithOrigin(sb.root, sb.env);
  // A PATH holding git but no gh.
  const bin = join(sb.root, "onlygit");
  await Deno.mkdir(bin);
  const gitPath = new TextDecoder().decode(
    (await new Deno.Command("sh", { args: ["-c", "command -v git"], stdout: "piped" }).output())
      .stdout,
  ).trim();
  await Deno.symlink(gitPath, join(bin, "git"));
  const noGh = createVcsProviderRegistry().get("github", { ...sb.env, PATH: bin });
  const missing = await assertRejects(
    () => noGh.changeUrl(work),
    SaseError,
    "github change URL: gh: command not found",
  );
  assertEquals((missing as SaseError).kind, "unavailable");
  assertEquals(
    (missing as SaseError).hint,
    "install the GitHub CLI from https://cli.github.com/ (apt-get install gh, brew install gh), then run gh auth login",
  );
  const signedOut = await fakeGh(
    sb,
    `echo "To get started with GitHub CLI, please run:  gh auth login" >&2; exit 4`,
  );
  const vcs = createVcsProviderRegistry().get("github", signedOut.env);
  const error = await assertRejects(
    () => vcs.clNumber(work),
    SaseError,
    "gh is not signed in to GitHub",
  );
  assertEquals([(error as SaseError).kind, (error as SaseError).hint], [
    "unavailable",
    "run gh auth login (or set GH_TOKEN), then retry",
  ]);
});
