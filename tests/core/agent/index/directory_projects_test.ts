import { join } from "node:path";
import { assertEquals } from "../../../_helpers/assert.ts";
import { makeSandbox } from "../../../_helpers/sandbox.ts";
import { stampAt, writeRun } from "./_runs.ts";
import {
  directoryProjectDir,
  directoryProjectForCwd,
} from "../../../../core/agent/index/directory_projects.ts";

Deno.test("directoryProjectDir: the newest #cd run's directory, skipping runs of other kinds", async () => {
  await using sb = await makeSandbox();
  const cd = (dir: string) => ({ workspace_kind: "cd", workspace_dir: dir });
  writeRun(sb.saseHome, { project: "app", timestamp: stampAt(0), meta: cd("/old/app") });
  writeRun(sb.saseHome, { project: "app", timestamp: stampAt(1), meta: cd("/new/app") });
  writeRun(sb.saseHome, {
    project: "app",
    timestamp: stampAt(2),
    meta: { workspace_kind: "git", workspace_dir: "/managed/app_10" },
  });
  assertEquals(await directoryProjectDir(sb.env, "app"), "/new/app");
  writeRun(sb.saseHome, {
    project: "managed",
    timestamp: stampAt(3),
    meta: { workspace_kind: "git" },
  });
  assertEquals(await directoryProjectDir(sb.env, "managed"), null);
  for (const name of ["nosuch", "", ".", "..", "../app"]) {
    assertEquals(await directoryProjectDir(sb.env, name), null, name);
  }
});

Deno.test("directoryProjectForCwd: the nearest ancestor that a #cd run used", async () => {
  await using sb = await makeSandbox();
  const outer = join(sb.root, "src", "outer");
  const inner = join(outer, "inner");
  await Deno.mkdir(join(inner, "deep"), { recursive: true });
  writeRun(sb.saseHome, {
    project: "outer",
    timestamp: stampAt(0),
    meta: { workspace_kind: "cd", workspace_dir: outer },
  });
  assertEquals(await directoryProjectForCwd(sb.env, join(inner, "deep")), "outer");
  writeRun(sb.saseHome, {
    project: "inner",
    timestamp: stampAt(1),
    meta: { workspace_kind: "cd", workspace_dir: inner },
  });
  assertEquals(await directoryProjectForCwd(sb.env, join(inner, "deep")), "inner");
  assertEquals(await directoryProjectForCwd(sb.env, outer), "outer");
  // A project of the same name whose #cd directory is elsewhere does not count.
  const other = join(sb.root, "elsewhere", "outer");
  await Deno.mkdir(other, { recursive: true });
  assertEquals(await directoryProjectForCwd(sb.env, other), null);
  // The home directory's #cd project is called `home`.
  writeRun(sb.saseHome, {
    project: "home",
    timestamp: stampAt(2),
    meta: { workspace_kind: "cd", workspace_dir: sb.home },
  });
  assertEquals(await directoryProjectForCwd(sb.env, join(sb.home, ".config")), "home");
});
