import { join } from "node:path";
import {
  assert,
  assertEquals,
  assertRejects,
  assertStringIncludes,
} from "../../_helpers/assert.ts";
import { git, makeGitRepo } from "../../_helpers/git.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { SaseError } from "../../../core/errors.ts";
import { DEFAULT_WORKSPACE_REF, resolveWorkspace } from "../../../core/workspace/resolve.ts";
import { claimWorkspace, releaseWorkspace } from "../../../core/workspace/service.ts";
import { workspaceEnv } from "../../../core/workspace/env.ts";
import { testContext } from "../../core/workspace/_context.ts";

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

Deno.test("#git:<new name> auto-inits ~/.sase/repos/<name>.git and ~/projects/git/<name> with SDD guides", async () => {
  await using sb = await makeSandbox();
  const ctx = await testContext(sb.env, sb.cwd);
  const ws = await resolveWorkspace({ kind: "git", ref: "tool" }, ctx);
  const bare = join(sb.saseHome, "repos", "tool.git");
  const primary = join(sb.home, "projects", "git", "tool");
  assertEquals(
    [ws.project, ws.bareRepoDir, ws.primaryDir, ws.vcs, ws.envPrefix, ws.numbered],
    ["tool", bare, primary, "git", "SASE_GIT", true],
  );
  assertEquals((await git(bare, sb.env, "rev-parse", "--is-bare-repository")).trim(), "true");
  assertEquals(
    (await git(primary, sb.env, "log", "--format=%s", "origin/" + ws.checkoutTarget)).trim(),
    "Initial commit",
  );
  const files = (await git(primary, sb.env, "ls-files")).trim().split("\n");
  assert(files.includes("sdd/README.md") && files.includes("sase.yml"), files.join(","));
  assertEquals(
    Deno.readTextFileSync(ws.projectFile!),
    `BARE_REPO_DIR: ${bare}\nWORKSPACE_DIR: ${primary}\n`,
  );
  const again = await resolveWorkspace({ kind: "git", ref: "tool" }, ctx);
  assertEquals(again.primaryDir, primary);
  assertEquals((await git(primary, sb.env, "rev-list", "--count", "HEAD")).trim(), "1");
});

Deno.test("no workspace reference means #git:home, which bootstraps itself even when home.sase exists", async () => {
  await using sb = await makeSandbox();
  await sb.write("home/.sase/projects/home/home.sase", "");
  const ctx = await testContext(sb.env, sb.cwd);
  const ws = await resolveWorkspace(DEFAULT_WORKSPACE_REF, ctx);
  assertEquals([ws.project, ws.implicit], ["home", true]);
  assert(await exists(join(sb.saseHome, "repos", "home.git")));
  assertStringIncludes(Deno.readTextFileSync(ws.projectFile!), "BARE_REPO_DIR:");
});

Deno.test("#git:<bare path> registers the basename; #git:<changespec> finds its project and branch", async () => {
  await using sb = await makeSandbox();
  const seed = await makeGitRepo(join(sb.root, "seed"), sb.env);
  const bare = join(sb.root, "remote", "lib.git");
  await git(sb.root, sb.env, "clone", "-q", "--bare", seed, bare);
  const ctx = await testContext({ ...sb.env, SASE_WORKSPACE_ROOT: join(sb.root, "ws") }, sb.cwd);
  const ws = await resolveWorkspace({ kind: "git", ref: bare }, ctx);
  assertEquals([ws.project, ws.bareRepoDir, ws.checkoutTarget], ["lib", bare, "main"]);
  assertEquals(ws.changespec, undefined, "a project reference names no ChangeSpec");
  assertEquals(
    (await git(ws.primaryDir, sb.env, "log", "--format=%s", "origin/main")).trim().split("\n"),
    ["Initialize SDD", "initial commit"],
  );

  await git(ws.primaryDir, sb.env, "checkout", "-q", "-b", "lib_feature_1");
  await git(ws.primaryDir, sb.env, "commit", "-q", "--allow-empty", "-m", "feature work");
  await git(ws.primaryDir, sb.env, "push", "-q", "origin", "lib_feature_1");
  await git(ws.primaryDir, sb.env, "checkout", "-q", "main");
  await Deno.writeTextFile(
    ws.projectFile!,
    Deno.readTextFileSync(ws.projectFile!) + "\n\nNAME: lib_feature_1\nSTATUS: WIP\n",
  );
  const viaSpec = await resolveWorkspace({ kind: "git", ref: "lib_feature_1" }, ctx);
  assertEquals(
    [viaSpec.project, viaSpec.checkoutTarget, viaSpec.changespec],
    ["lib", "lib_feature_1", "lib_feature_1"],
  );
  const claim = await claimWorkspace(viaSpec, {
    agentName: "f",
    timestamp: "260101_000000",
    pid: Deno.pid,
  }, ctx);
  assertEquals((await git(claim.dir, sb.env, "log", "-1", "--format=%s")).trim(), "feature work");
  await releaseWorkspace(claim);
});

Deno.test("naming an inactive project is refused with the activation hint, before any claim", async () => {
  await using sb = await makeSandbox();
  const ctx = await testContext(sb.env, sb.cwd);
  const ws = await resolveWorkspace({ kind: "git", ref: "old" }, ctx);
  const before = Deno.readTextFileSync(ws.projectFile!);
  await Deno.writeTextFile(ws.projectFile!, before + "PROJECT_STATE: closed\n");
  const error = await assertRejects(
    () => resolveWorkspace({ kind: "git", ref: "old" }, ctx),
    SaseError,
  ) as SaseError;
  assertEquals(error.code, "project.inactive");
  assertStringIncludes(error.message, "'old' is inactive");
  assertEquals(error.hint, "activate it first: sase project activate old");
  const viaOtherType = await assertRejects(
    () => resolveWorkspace({ kind: "gh", ref: "old" }, ctx),
    SaseError,
  ) as SaseError;
  assertEquals(viaOtherType.code, "project.inactive");
});

Deno.test("a registered plain git project works, also through a #<type> without provider (known-project fallback)", async () => {
  await using sb = await makeSandbox();
  const primary = await makeGitRepo(join(sb.root, "src", "app"), sb.env);
  await sb.write(
    "home/.sase/projects/app/app.sase",
    `WORKSPACE_DIR: ${primary}\nPROJECT_ALIASES: ap\n`,
  );
  await sb.write("home/.config/sase/sase.yml", "workspace:\n  root: adjacent\n");
  const ctx = await testContext(sb.env, sb.cwd);
  const ws = await resolveWorkspace({ kind: "gh", ref: "ap" }, ctx);
  assertEquals([ws.project, ws.kind, ws.envPrefix, ws.bareRepoDir], [
    "app",
    "git",
    "SASE_GH",
    null,
  ]);
  const claim = await claimWorkspace(ws, {
    agentName: "x",
    timestamp: "260101_000000",
    pid: Deno.pid,
  }, ctx);
  assertEquals([claim.num, claim.dir, claim.registryPath], [10, `${primary}_10`, null]);
  assertEquals((await git(claim.dir, sb.env, "log", "--format=%s")).trim(), "initial commit");
  assertEquals(workspaceEnv(claim, {}).SASE_GH_WORKSPACE_NUM, "10");
  assert(!await exists(join(claim.dir, ".sase")));
  await releaseWorkspace(claim);
  const unknown = await assertRejects(
    () => resolveWorkspace({ kind: "hg", ref: "nothing" }, ctx),
    SaseError,
  ) as SaseError;
  assertEquals(unknown.code, "workspace.unknown_type");
});
