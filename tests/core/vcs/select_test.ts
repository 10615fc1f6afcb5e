import { assertEquals, assertRejects } from "../../_helpers/assert.ts";
import { git, makeGitRepo, makeRepoWithOrigin } from "../../_helpers/git.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { sandboxContext } from "../../_helpers/app.ts";
import { SaseError } from "../../../core/errors.ts";
import { selectVcsProvider } from "../../../core/vcs/select.ts";
import { resolveVcsProvider } from "../../../core/vcs/resolve.ts";
import { BUILTIN_VCS_PROVIDERS } from "../../../providers/vcs/registry.ts";
import { join } from "node:path";

const providers = BUILTIN_VCS_PROVIDERS.map((d) => d.info);

Deno.test("acceptance 24: SASE_VCS_PROVIDER=auto skips a config naming hg; unset, the config's hg wins", async () => {
  await using sb = await makeSandbox();
  const { work } = await makeRepoWithOrigin(sb.root, sb.env);
  await sb.write("home/.config/sase/sase.yml", "vcs_provider:\n  provider: hg\n");
  const auto = await resolveVcsProvider(
    sandboxContext({ ...sb, env: { ...sb.env, SASE_VCS_PROVIDER: "auto" } }, { cwd: work }),
  );
  assertEquals([auto.selection.name, auto.selection.family, auto.selection.tier], [
    "bare_git",
    "git",
    "detect",
  ]);
  const unset = await resolveVcsProvider(sandboxContext(sb, { cwd: work }));
  assertEquals([unset.selection.name, unset.selection.tier], ["hg", "config"]);
  assertEquals(unset.provider.info.name, "hg");
});

Deno.test("selection tiers: the flag beats the variable, the variable beats the config, auto on the flag skips both", async () => {
  await using sb = await makeSandbox();
  const { work } = await makeRepoWithOrigin(sb.root, sb.env);
  const base = { cwd: work, providers, configured: "hg" };
  const pick = async (explicit: string | undefined, variable: string | undefined) => {
    const env = { ...sb.env, ...(variable === undefined ? {} : { SASE_VCS_PROVIDER: variable }) };
    const s = await selectVcsProvider({ ...base, env, explicit });
    return `${s.name}/${s.tier}`;
  };
  assertEquals(await pick("hg", "git"), "hg/flag");
  assertEquals(await pick("git", "hg"), "bare_git/flag");
  assertEquals(await pick(undefined, "hg"), "hg/env");
  assertEquals(await pick(undefined, undefined), "hg/config");
  // An explicit auto stands for the variable set to auto: detection, config skipped.
  assertEquals(await pick("auto", "hg"), "bare_git/detect");
  // An empty variable counts as unset.
  assertEquals(await pick(undefined, ""), "hg/config");
  // A config of auto defers to detection.
  const s = await selectVcsProvider({ ...base, configured: "auto", env: sb.env });
  assertEquals(`${s.name}/${s.tier}`, "bare_git/detect");
});

Deno.test("selection: an unknown value is refused naming where it came from", async () => {
  await using sb = await makeSandbox();
  const base = { cwd: sb.cwd, providers };
  await assertRejects(
    () => selectVcsProvider({ ...base, env: { SASE_VCS_PROVIDER: "svn" } }),
    SaseError,
    "SASE_VCS_PROVIDER: unknown VCS provider 'svn'",
  );
  await assertRejects(
    () => selectVcsProvider({ ...base, env: {}, explicit: "cvs" }),
    SaseError,
    "--vcs-provider: unknown VCS provider 'cvs'",
  );
  const error = await assertRejects(
    () => selectVcsProvider({ ...base, env: {}, configured: "perforce" }),
    SaseError,
    "vcs_provider.provider in the configuration: unknown VCS provider 'perforce'",
  );
  assertEquals((error as SaseError).kind, "invalid-input");
  // Registered provider names are accepted as they are.
  assertEquals(
    (await selectVcsProvider({ ...base, env: { SASE_VCS_PROVIDER: "github" } })).name,
    "github",
  );
});

Deno.test("acceptance 25: a github.com origin is github (the provider is built in), any other origin bare_git, none is 'No VCS provider found'", async () => {
  await using sb = await makeSandbox();
  const repo = await makeGitRepo(join(sb.root, "r"), sb.env);
  const detect = async (cwd: string) =>
    (await selectVcsProvider({ cwd, env: sb.env, providers })).name;
  const noOrigin = await assertRejects(() => detect(repo), SaseError, "No VCS provider found");
  assertEquals((noOrigin as SaseError).kind, "not-found");
  await git(repo, sb.env, "remote", "add", "origin", "https://github.com/o/r.git");
  assertEquals(await detect(repo), "github");
  await git(repo, sb.env, "remote", "set-url", "origin", "git@github.com:o/r.git");
  assertEquals(await detect(repo), "github");
  await git(repo, sb.env, "remote", "set-url", "origin", "https://gitlab.com/o/r.git");
  assertEquals(await detect(repo), "bare_git");
  // "github.com" elsewhere in the URL does not make the host GitHub.
  await git(repo, sb.env, "remote", "set-url", "origin", "https://example.com/github.com/r.git");
  assertEquals(await detect(repo), "bare_git");
  // Without the GitHub provider registered, a GitHub remote falls back to bare_git.
  await git(repo, sb.env, "remote", "set-url", "origin", "https://github.com/o/r.git");
  const withoutGithub = providers.filter((p) => p.name !== "github");
  assertEquals(
    (await selectVcsProvider({ cwd: repo, env: sb.env, providers: withoutGithub })).name,
    "bare_git",
  );
  // Forcing the git family still reclassifies by remote.
  assertEquals(
    (await selectVcsProvider({ cwd: repo, env: { SASE_VCS_PROVIDER: "git" }, providers })).name,
    "github",
  );
});

Deno.test("acceptance 25: nothing found walking up is 'No VCS provider found'; the nearest marker wins in nested repos", async () => {
  await using sb = await makeSandbox();
  await assertRejects(
    () => selectVcsProvider({ cwd: sb.cwd, env: sb.env, providers }),
    SaseError,
    `No VCS provider found for directory: ${sb.cwd}`,
  );
  // A git repository inside an hg workspace: from inside the git repo, git.
  const hgRoot = join(sb.root, "hgws");
  await Deno.mkdir(join(hgRoot, ".hg"), { recursive: true });
  const { work } = await makeRepoWithOrigin(hgRoot, sb.env);
  const sub = join(work, "sub", "dir");
  await Deno.mkdir(sub, { recursive: true });
  assertEquals((await selectVcsProvider({ cwd: sub, env: sb.env, providers })).name, "bare_git");
  // Next to it, in the hg workspace itself: hg.
  const plain = join(hgRoot, "plain");
  await Deno.mkdir(plain);
  const hg = await selectVcsProvider({ cwd: plain, env: sb.env, providers });
  assertEquals([hg.name, hg.family], ["hg", "hg"]);
  // SASE_VCS_PROVIDER=git outside any checkout is bare_git (the handbook's fix for this error).
  assertEquals(
    (await selectVcsProvider({ cwd: sb.cwd, env: { SASE_VCS_PROVIDER: "git" }, providers })).name,
    "bare_git",
  );
});

Deno.test("a selection carries the origin URL it was classified by, and only one it read", async () => {
  await using sb = await makeSandbox();
  const { work, origin } = await makeRepoWithOrigin(sb.root, sb.env);
  const select = (extra: { explicit?: string; configured?: string }, cwd = work) =>
    selectVcsProvider({ cwd, env: sb.env, providers, ...extra });
  // Detection and `git` read the URL to classify the checkout.
  assertEquals((await select({})).originUrl, origin);
  assertEquals((await select({ explicit: "git" })).originUrl, origin);
  // A provider named outright reads nothing.
  assertEquals("originUrl" in await select({ explicit: "bare_git" }), false);
  assertEquals("originUrl" in await select({ configured: "hg" }), false);
  // `git` in a checkout without origin: bare_git, no URL.
  const plain = join(sb.root, "plain");
  await makeGitRepo(plain, sb.env);
  const bare = await select({ explicit: "git" }, plain);
  assertEquals([bare.name, "originUrl" in bare], ["bare_git", false]);
});
