import { join } from "node:path";
import { assertEquals, assertRejects, assertStringIncludes } from "../../_helpers/assert.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { SaseError } from "../../../core/errors.ts";
import { resolveWorkspace } from "../../../core/workspace/resolve.ts";
import { claimWorkspace, releaseWorkspace } from "../../../core/workspace/service.ts";
import { workspaceEnv } from "../../../core/workspace/env.ts";
import { testContext } from "../../core/workspace/_context.ts";

Deno.test("#cd: existing directory, workspace 0, no VCS, no ProjectSpec, SASE_CD_* env", async () => {
  await using sb = await makeSandbox();
  await Deno.mkdir(join(sb.cwd, "sub dir"));
  const ctx = await testContext({ ...sb.env, TARGET: "sub dir" }, sb.cwd);
  const relative = await resolveWorkspace({ kind: "cd", ref: "$TARGET" }, ctx);
  assertEquals(relative.primaryDir, await Deno.realPath(join(sb.cwd, "sub dir")));
  assertEquals([relative.project, relative.vcs, relative.numbered, relative.projectFile], [
    "sub dir",
    null,
    false,
    null,
  ]);
  const home = await resolveWorkspace({ kind: "cd", ref: "~" }, ctx);
  assertEquals([home.project, home.primaryDir], ["home", await Deno.realPath(sb.home)]);

  const claim = await claimWorkspace(
    relative,
    { agentName: "a", timestamp: "", pid: Deno.pid },
    ctx,
  );
  assertEquals([claim.num, claim.dir, claim.deferred], [0, relative.primaryDir, false]);
  await releaseWorkspace(claim);
  const env = workspaceEnv(claim, { SASE_GIT_WORKSPACE_NUM: "10", SASE_GIT_PRE_ALLOCATED: "1" });
  assertEquals(env, {
    SASE_CD_PRE_ALLOCATED: "1",
    SASE_CD_WORKSPACE_NUM: "0",
    SASE_CD_WORKSPACE_DIR: relative.primaryDir,
  });
  // No claim, registry or project state: only the config cache `testContext` left.
  assertEquals([...Deno.readDirSync(join(sb.saseHome))].map((entry) => entry.name), ["cache"]);
});

Deno.test("#cd refuses a missing path and a file", async () => {
  await using sb = await makeSandbox();
  const ctx = await testContext(sb.env, sb.cwd);
  const missing = await assertRejects(
    () => resolveWorkspace({ kind: "cd", ref: "nope" }, ctx),
    SaseError,
  ) as SaseError;
  assertEquals(missing.code, "workspace.no_dir");
  assertStringIncludes(missing.message, join(sb.cwd, "nope"));
  await Deno.writeTextFile(join(sb.cwd, "file"), "");
  const file = await assertRejects(
    () => resolveWorkspace({ kind: "cd", ref: "file" }, ctx),
    SaseError,
  ) as SaseError;
  assertStringIncludes(file.message, "not a directory");
});
