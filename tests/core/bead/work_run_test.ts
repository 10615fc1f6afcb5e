import { assert, assertEquals, assertRejects } from "../../_helpers/assert.ts";
import { SaseError } from "../../../core/errors.ts";
import { join } from "node:path";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { git, makeGitRepo } from "../../_helpers/git.ts";
import { initStore } from "../../../core/bead/init.ts";
import { loadStore, mutateStore } from "../../../core/bead/store.ts";
import { planCreate, planDependency } from "../../../core/bead/mutate.ts";
import { runWork, type WorkLauncher } from "../../../core/bead/work_run.ts";
import type { WorkPlan } from "../../../core/bead/work.ts";

async function epicRepo(
  env: Record<string, string>,
  root: string,
): Promise<{ repo: string; dir: string }> {
  const repo = await makeGitRepo(join(root, "repo"), env);
  const dir = join(repo, "sdd", "beads");
  await initStore(dir, { prefix: "e", owner: "o", actor: "t" });
  const create = (title: string, type: Parameters<typeof planCreate>[1]["type"], tier?: string) =>
    mutateStore(dir, { actor: "t" }, (ctx) => planCreate(ctx, { title, type, tier }));
  await create("Epic", { kind: "plan", file: "sdd/epics/202605/e.md" }, "epic");
  await create("One", { kind: "phase", parent: "e-1" });
  await create("Two", { kind: "phase", parent: "e-1" });
  await mutateStore(dir, { actor: "t" }, (ctx) => planDependency(ctx, "e-1.2", "e-1.1"));
  await git(repo, env, "add", "-A");
  await git(repo, env, "commit", "-q", "-m", "beads");
  return { repo, dir };
}

Deno.test("runWork: pre-claims, launches, commits the launch record; no remote skips the push", async () => {
  await using sb = await makeSandbox();
  const { repo, dir } = await epicRepo(sb.env, sb.root);
  const launched: WorkPlan[] = [];
  const launcher: WorkLauncher = {
    launch(plan) {
      launched.push(plan);
      return Promise.resolve({ agents: plan.segments.map((segment) => segment.name) });
    },
  };
  const result = await runWork(dir, "e-1", {
    actor: "t",
    env: sb.env,
    launcher,
    push: true,
    logDir: sb.root,
  });
  assertEquals(result.agents, ["e-1.1", "e-1.2", "e-1"]);
  assert(result.committed);
  assertEquals(result.push, "no_remote");
  assertEquals(launched.length, 1);
  const log = await git(repo, sb.env, "log", "-1", "--format=%s");
  assertEquals(log.trim(), "chore: mark bead work launched for e-1");
  const issues = new Map((await loadStore(dir)).issues.map((issue) => [issue.id, issue]));
  assert(issues.get("e-1")!.is_ready_to_work);
  assertEquals([issues.get("e-1.1")!.status, issues.get("e-1.1")!.assignee], [
    "in_progress",
    "e-1.1",
  ]);
});

Deno.test("runWork: a failed launch rolls back the pre-claims and the ready flag", async () => {
  await using sb = await makeSandbox();
  const { dir } = await epicRepo(sb.env, sb.root);
  const before = await Deno.readTextFile(join(dir, "issues.jsonl"));
  const launcher: WorkLauncher = { launch: () => Promise.reject(new Error("provider exploded")) };
  await assertRejects(
    () => runWork(dir, "e-1", { actor: "t", env: sb.env, launcher, push: false, logDir: sb.root }),
    SaseError,
    "launching agents for e-1 failed: provider exploded; pre-claims were rolled back",
  );
  const after = (await loadStore(dir)).issues;
  const byId = new Map(after.map((issue) => [issue.id, issue]));
  assertEquals(byId.get("e-1")!.is_ready_to_work, false);
  assertEquals([byId.get("e-1.1")!.status, byId.get("e-1.1")!.assignee], ["open", ""]);
  assertEquals(after.length, before.trim().split("\n").length);
});

/** An epic repo whose `origin` is a real bare repository holding its first commits. */
async function epicRepoWithOrigin(env: Record<string, string>, root: string) {
  const { repo, dir } = await epicRepo(env, root);
  const origin = join(root, "origin.git");
  await git(root, env, "init", "-q", "--bare", "-b", "main", origin);
  await git(repo, env, "remote", "add", "origin", origin);
  await git(repo, env, "push", "-q", "-u", "origin", "main");
  return { repo, dir, origin };
}

const echoLauncher: WorkLauncher = {
  launch: (plan) => Promise.resolve({ agents: plan.segments.map((segment) => segment.name) }),
};

const originHead = (origin: string, env: Record<string, string>) =>
  git(origin, env, "log", "-1", "--format=%s", "main").then((text) => text.trim());

Deno.test("runWork push: the launch commit reaches a real bare origin", async () => {
  await using sb = await makeSandbox();
  const { dir, origin } = await epicRepoWithOrigin(sb.env, sb.root);
  const result = await runWork(dir, "e-1", {
    actor: "t",
    env: sb.env,
    launcher: echoLauncher,
    push: true,
    logDir: sb.root,
  });
  assertEquals([result.committed, result.push, result.warning], [true, "pushed", undefined]);
  assertEquals(await originHead(origin, sb.env), "chore: mark bead work launched for e-1");
});

Deno.test("runWork push: -P and push_after_commit: false commit locally and leave origin alone", async () => {
  for (const options of [{ push: true, noPush: true }, { push: false }] as const) {
    await using sb = await makeSandbox();
    const { repo, dir, origin } = await epicRepoWithOrigin(sb.env, sb.root);
    const result = await runWork(dir, "e-1", {
      actor: "t",
      env: sb.env,
      launcher: echoLauncher,
      logDir: sb.root,
      ...options,
    });
    assertEquals([result.committed, result.push], [true, "skipped"], JSON.stringify(options));
    assertEquals(await originHead(origin, sb.env), "beads");
    assertEquals(
      (await git(repo, sb.env, "log", "-1", "--format=%s")).trim(),
      "chore: mark bead work launched for e-1",
    );
  }
});

Deno.test("runWork push: a rejected push is a warning; the local launch commit is kept", async () => {
  await using sb = await makeSandbox();
  const { repo, dir, origin } = await epicRepoWithOrigin(sb.env, sb.root);
  // Someone else pushed first: origin is ahead, so a plain push is rejected.
  const other = join(sb.root, "other");
  await git(sb.root, sb.env, "clone", "-q", origin, other);
  await Deno.writeTextFile(join(other, "elsewhere.txt"), "x\n");
  await git(other, sb.env, "add", "elsewhere.txt");
  await git(other, sb.env, "commit", "-q", "-m", "elsewhere");
  await git(other, sb.env, "push", "-q");
  const result = await runWork(dir, "e-1", {
    actor: "t",
    env: sb.env,
    launcher: echoLauncher,
    push: true,
    logDir: sb.root,
  });
  assertEquals([result.committed, result.push], [true, "failed"]);
  assertEquals(
    result.warning,
    `git push failed; the launch commit is kept locally. Retry with: git -C ${dir} push`,
  );
  assertEquals(await originHead(origin, sb.env), "elsewhere");
  assertEquals(
    (await git(repo, sb.env, "log", "-1", "--format=%s")).trim(),
    "chore: mark bead work launched for e-1",
  );
});

Deno.test("runWork push: async pushes in the background and logs where it said", async () => {
  await using sb = await makeSandbox();
  const { dir, origin } = await epicRepoWithOrigin(sb.env, sb.root);
  const logDir = join(sb.root, "logs");
  const result = await runWork(dir, "e-1", {
    actor: "t",
    env: sb.env,
    launcher: echoLauncher,
    push: "async",
    logDir,
  });
  assertEquals([result.committed, result.push], [true, "background"]);
  assert(result.pushLog?.startsWith(join(logDir, "bead_work_push_e-1_")), result.pushLog);
  // Wait for the detached push to land (generous deadline; no timing is asserted).
  const deadline = Date.now() + 60_000;
  while ((await originHead(origin, sb.env)) !== "chore: mark bead work launched for e-1") {
    assert(Date.now() < deadline, "the background push never reached origin");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert(await Deno.stat(result.pushLog!).then(() => true, () => false), "the push log exists");
});
