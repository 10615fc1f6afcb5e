import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { runSase } from "../_helpers/cli.ts";
import { git, makeGitRepo } from "../_helpers/git.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";
import { parseProjectSpec } from "../../core/changespec/parser.ts";
import { readRegistry } from "../../core/workspace/registry.ts";
import { resolveWorkspace } from "../../core/workspace/resolve.ts";
import { claimWorkspace, releaseWorkspace } from "../../core/workspace/service.ts";
import { testContext } from "../core/workspace/_context.ts";

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

/** A pid that provably belongs to no process any more. */
async function deadPid(): Promise<number> {
  const child = new Deno.Command("sleep", { args: ["60"] }).spawn();
  child.kill("SIGKILL");
  await child.status;
  return child.pid;
}

Deno.test("sase workspace list/path/open/repair/cleanup against real claims and checkouts", async () => {
  await using sb = await makeSandbox();
  const root = join(sb.root, "managed");
  const env = { ...sb.env, SASE_WORKSPACE_ROOT: root };
  await sb.write("home/.config/sase/sase.yml", "workspace:\n  cleanup_ttl_days: 0\n");
  const ctx = await testContext(env, sb.cwd);
  const ws = await resolveWorkspace({ kind: "git", ref: "proj" }, ctx);
  const gone = await deadPid();
  const stale = await claimWorkspace(ws, {
    agentName: "crashed",
    timestamp: "260101_000000",
    pid: gone,
  }, ctx);
  const live = await claimWorkspace(ws, {
    agentName: "busy",
    timestamp: "260101_000001",
    pid: Deno.pid,
  }, ctx);
  assertEquals([stale.num, live.num], [10, 11]);
  const running = () =>
    parseProjectSpec(Deno.readTextFileSync(ws.projectFile!), "p").header.running;

  const list = await runSase(["workspace", "list", "-j", "-p", "proj"], { env });
  assertEquals(list.code, 0, list.stderr);
  const view = JSON.parse(list.stdout);
  assertEquals([view.project, view.root_policy, view.primary.checkout_dir], [
    "proj",
    "absolute",
    ws.primaryDir,
  ]);
  assertEquals(view.registry_path, join(view.root_dir, "registry.json"));
  assert(view.root_dir.startsWith(join(root, "proj-")), view.root_dir);
  assertEquals(
    view.workspaces.map((w: { num: number; claims: { alive: boolean; name: string }[] }) => [
      w.num,
      w.claims.map((c) => `${c.name}:${c.alive}`).join(),
    ]),
    [[0, ""], [10, "crashed:false"], [11, "busy:true"]],
  );
  const bare = await runSase(["workspace"], { env, cwd: live.dir });
  assertEquals(bare.code, 0, bare.stderr);
  assertStringIncludes(bare.stdout, `primary #0   ${ws.primaryDir}`);

  const path12 = await runSase(["workspace", "path", "12", "-p", "proj"], { env });
  assertEquals(path12.stdout.trim(), join(view.root_dir, "proj_12"));
  assert(!await exists(path12.stdout.trim()));
  const path0 = await runSase(["workspace", "path", "0"], { env, cwd: join(live.dir, "sdd") });
  assertEquals([path0.code, path0.stdout.trim()], [0, ws.primaryDir]);

  const noReason = await runSase(["workspace", "open", "12", "-p", "proj"], { env });
  assertEquals(noReason.code, 2);
  const blank = await runSase(["workspace", "open", "12", "-p", "proj", "-r", " "], { env });
  assertEquals(blank.code, 2, blank.stderr);
  const busy = await runSase(["workspace", "open", "11", "-p", "proj", "-r", "peek"], { env });
  assertEquals(busy.code, 1);
  assertStringIncludes(busy.stderr, `claimed by live pid ${Deno.pid}`);

  const opened = await runSase(["workspace", "open", "12", "-p", "proj", "-r", "debug"], { env });
  assertEquals(opened.code, 0, opened.stderr);
  const dir12 = opened.stdout.trim();
  assertEquals(dir12, path12.stdout.trim());
  await Deno.writeTextFile(join(dir12, "wip.txt"), "unsaved\n");
  const reopened = await runSase(["workspace", "open", "12", "-p", "proj", "-r", "second look"], {
    env,
  });
  assertEquals(reopened.code, 0, reopened.stderr);
  assertEquals((await git(dir12, sb.env, "status", "--porcelain")).trim(), "");
  assertStringIncludes(await git(dir12, sb.env, "stash", "list"), "second look");
  assertEquals((await readRegistry(view.registry_path))!.workspaces["12"].role, "open");

  await Deno.remove(dir12, { recursive: true });
  const repair = await runSase(["workspace", "repair", "-p", "proj"], { env });
  assertEquals(repair.code, 0, repair.stderr);
  assertStringIncludes(repair.stdout, `proj: release #10 (dead pid ${gone}, crashed)`);
  assertStringIncludes(repair.stdout, "proj: drop registry row #12");
  assertEquals(running().map((c) => c.workspace), [11]);
  assertEquals(Object.keys((await readRegistry(view.registry_path))!.workspaces), [
    "0",
    "10",
    "11",
  ]);
  const again = await runSase(["workspace", "repair", "-p", "proj", "-j"], { env });
  assertEquals(JSON.parse(again.stdout).projects[0], {
    project: "proj",
    released: [],
    dropped: [],
    rematerialized: [],
  });

  const unflagged = await runSase(["workspace", "cleanup", "-p", "proj"], { env });
  assertEquals(unflagged.code, 2);
  assertStringIncludes(unflagged.stderr, "--stale");
  const preview = await runSase(["workspace", "cleanup", "-s", "-n", "-j", "-p", "proj"], { env });
  assertEquals(JSON.parse(preview.stdout).removed, [{ num: 10, checkout_dir: stale.dir }]);
  assert(await exists(stale.dir));
  const cleanup = await runSase(["workspace", "cleanup", "--stale", "-p", "proj"], { env });
  assertEquals([cleanup.code, cleanup.stdout.trim()], [0, `removed #10 ${stale.dir}`]);
  assert(!await exists(stale.dir) && await exists(live.dir));
  assertEquals(Object.keys((await readRegistry(view.registry_path))!.workspaces), ["0", "11"]);

  await releaseWorkspace(live);
  assertEquals(running(), []);
});

Deno.test("sase workspace without a project outside any workspace says how to pick one", async () => {
  await using sb = await makeSandbox();
  const result = await runSase(["workspace", "list"], { env: sb.env });
  assertEquals(result.code, 2);
  assertStringIncludes(result.stderr, "hint: pass -p/--project NAME");
});

Deno.test("open -p <linked repo> creates its sibling ProjectSpec and records the open in the run's artifacts", async () => {
  await using sb = await makeSandbox();
  const repo = await makeGitRepo(join(sb.root, "src", "lib"), sb.env);
  await sb.write(
    "home/.config/sase/sase.yml",
    `linked_repos:\n  - name: lib\n    path: ${repo}\n    description: A library\n`,
  );
  const artifacts = join(sb.root, "artifacts");
  const env = {
    ...sb.env,
    SASE_WORKSPACE_ROOT: join(sb.root, "managed"),
    SASE_ARTIFACTS_DIR: artifacts,
  };
  const opened = await runSase(["workspace", "open", "10", "-p", "lib", "-r", "fix the parser"], {
    env,
  });
  assertEquals(opened.code, 0, opened.stderr);
  const spec = Deno.readTextFileSync(join(sb.saseHome, "projects", "lib", "lib.sase"));
  assertEquals(spec, `WORKSPACE_DIR: ${repo}\nPROJECT_STATE: sibling\n`);
  const record = JSON.parse(
    Deno.readTextFileSync(join(artifacts, "opened_linked_workspaces.json")),
  );
  assertEquals(
    record.workspaces.map((
      w: Record<string, unknown>,
    ) => [w.name, w.workspace_num, w.workspace_dir, w.reason]),
    [
      ["lib", 10, opened.stdout.trim(), "fix the parser"],
    ],
  );
  assertEquals(
    (await git(opened.stdout.trim(), sb.env, "log", "--format=%s")).trim(),
    "initial commit",
  );
});

Deno.test("a #cd project that agent list shows is known to workspace list, path and open, and to doctor", async () => {
  await using sb = await makeSandbox();
  const repo = await makeGitRepo(join(sb.root, "src", "hello"), sb.env);
  await Deno.mkdir(join(repo, "deep", "er"), { recursive: true });
  const sase = (args: string[], cwd = repo) => runSase(args, { env: sb.env, cwd });
  const run = await sase(["run", `#cd:${repo} %m:fakey/reply summarize`]);
  assertEquals(run.code, 0, run.stderr);
  const agents = JSON.parse((await sase(["agent", "list", "-j"])).stdout);
  assertEquals(agents.map((row: { project: string }) => row.project), ["hello"]);

  // Inferred from inside the directory (the provider step), and named with -p from anywhere.
  for (
    const [args, cwd] of [[["workspace", "list", "-j"], join(repo, "deep", "er")], [
      ["workspace", "list", "-p", "hello", "-j"],
      sb.cwd,
    ]] as const
  ) {
    const listed = await sase([...args], cwd);
    assertEquals(listed.code, 0, listed.stderr);
    const view = JSON.parse(listed.stdout);
    assertEquals(
      [view.project, view.root_policy, view.project_file, view.registry_path, view.primary],
      ["hello", "directory", null, null, { num: 0, checkout_dir: repo }],
    );
    assertEquals(view.workspaces.map((row: { num: number }) => row.num), [0]);
  }
  assertEquals((await sase(["workspace", "path", "0"])).stdout, `${repo}\n`);
  const numbered = await sase(["workspace", "path", "10", "-p", "hello"]);
  assertEquals(numbered.code, 1);
  assertStringIncludes(
    numbered.stderr,
    `error: project 'hello' is a directory project (#cd:${repo}): sase manages no numbered workspaces there`,
  );
  // `open` cleans and syncs a checkout: never the user's own directory.
  await Deno.writeTextFile(join(repo, "README.md"), "# an edit of my own\n");
  const open = await sase(["workspace", "open", "10", "-r", "look", "-p", "hello"]);
  assertEquals(open.code, 1);
  assertStringIncludes(open.stderr, "is a directory project");
  assertEquals(await git(repo, sb.env, "status", "--porcelain"), " M README.md\n");

  const unknown = await sase(["workspace", "list", "-p", "nosuch"]);
  assertEquals(unknown.code, 1);
  assertStringIncludes(
    unknown.stderr,
    "error: no project named 'nosuch'\nhint: known projects: hello",
  );

  const doctor = JSON.parse((await sase(["doctor", "-j", "-C", "projects"])).stdout);
  const check = doctor.checks[0];
  assertEquals([check.status, check.summary], [
    "OK",
    "0 registered projects, 1 directory project (#cd runs: hello)",
  ]);
  assertEquals(check.data.directory_projects, ["hello"]);
});

Deno.test("doctor never suggests deleting a project directory", async () => {
  await using sb = await makeSandbox();
  await sb.write("home/.sase/projects/stray/notes.txt", "kept\n");
  const doctor = JSON.parse(
    (await runSase(["doctor", "-j", "-C", "projects"], { env: sb.env, cwd: sb.cwd })).stdout,
  );
  const check = doctor.checks[0];
  assertEquals([check.status, check.summary], [
    "WARN",
    "1 project directory has no ProjectSpec and no agent runs",
  ]);
  assertEquals(check.data.unexplained, ["stray"]);
  for (const step of check.next_steps) assert(!/remove|delete/i.test(step), step);
});
