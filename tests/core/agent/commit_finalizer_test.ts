import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../../_helpers/assert.ts";
import { git, makeGitRepo } from "../../_helpers/git.ts";
import { makeSandbox, type Sandbox } from "../../_helpers/sandbox.ts";
import {
  type CommitFinalizerDeps,
  type FollowUpResult,
  runCommitFinalizer,
} from "../../../core/agent/commit_finalizer.ts";
import type { SaseConfig } from "../../../core/config/types.ts";

interface Harness {
  repo: string;
  artifacts: string;
  prompts: string[];
  deps(overrides?: Partial<CommitFinalizerDeps>): CommitFinalizerDeps;
}

async function harness(
  sandbox: Sandbox,
  onFollowUp: (repo: string) => Promise<FollowUpResult> = () =>
    Promise.resolve({ ok: true, reply: "nothing to do" }),
): Promise<Harness> {
  const repo = await makeGitRepo(join(sandbox.root, "ws"), sandbox.env, {
    "README.md": "# test\n",
    "sdd/tales/plan.md": "---\ntitle: Plan\nstatus: wip\n---\n\n# Plan\n",
  });
  const artifacts = join(sandbox.root, "artifacts");
  await Deno.mkdir(artifacts);
  const prompts: string[] = [];
  const env = { ...sandbox.env, SASE_AGENT_TIMESTAMP: "260101120000", SASE_AGENT_NAME: "ann" };
  const config: SaseConfig = { commit: { finalizer: { enabled: true, max_passes: 2 } } };
  return {
    repo,
    artifacts,
    prompts,
    deps: (overrides = {}) => ({
      workspaceDir: repo,
      config,
      env,
      artifactsDir: artifacts,
      followUp: (prompt: string) => {
        prompts.push(prompt);
        return onFollowUp(repo);
      },
      ...overrides,
    }),
  };
}

async function readResult(artifacts: string) {
  return JSON.parse(await Deno.readTextFile(join(artifacts, "commit_finalizer_result.json")));
}

Deno.test("a clean workspace needs no follow-up", async () => {
  await using sandbox = await makeSandbox();
  const h = await harness(sandbox);
  const result = await runCommitFinalizer(h.deps());
  assertEquals([result.ok, result.status, result.passes], [true, "clean", 0]);
  assertEquals(h.prompts, []);
  assertEquals((await readResult(h.artifacts)).reason, "no_changes");
});

Deno.test("a dirty workspace gets a follow-up, and a committing agent passes", async () => {
  await using sandbox = await makeSandbox();
  const h = await harness(sandbox, async (repo) => {
    await git(repo, sandbox.env, "add", "-A");
    await git(repo, sandbox.env, "commit", "-q", "-m", "agent work");
    return { ok: true, reply: "Committed." };
  });
  await Deno.writeTextFile(join(h.repo, "README.md"), "# changed\n");
  await Deno.writeTextFile(join(h.repo, "new.ts"), "export {};\n");
  const result = await runCommitFinalizer(h.deps());
  assertEquals([result.ok, result.status, result.reason, result.passes], [
    true,
    "finalized",
    "clean_after_pass",
    1,
  ]);
  assertEquals(result.replies, ["Committed."]);
  assertEquals(h.prompts.length, 1);
  assertStringIncludes(h.prompts[0], "  - README.md\n  - new.ts");
  assertStringIncludes(h.prompts[0], "/sase_git_commit");
  assertEquals(
    await Deno.readTextFile(join(h.artifacts, "commit_finalizer_pass_1_prompt.md")),
    h.prompts[0],
  );
  assertEquals(
    await Deno.readTextFile(join(h.artifacts, "commit_finalizer_pass_1_response.md")),
    "Committed.",
  );
  assertEquals((await readResult(h.artifacts)).status, "finalized");
});

Deno.test("an agent that never commits fails the run after max_passes", async () => {
  await using sandbox = await makeSandbox();
  const h = await harness(sandbox);
  await Deno.writeTextFile(join(h.repo, "left behind.ts"), "x\n");
  const result = await runCommitFinalizer(h.deps());
  assertEquals([result.ok, result.status, result.passes], [false, "failed", 2]);
  assertEquals(h.prompts.length, 2);
  assertStringIncludes(h.prompts[1], "pass 2 of 2");
  assertStringIncludes(result.error ?? "", "left behind.ts");
  assertStringIncludes(result.error ?? "", "after 2 finalizer pass(es)");
  assertEquals(result.changedFiles, ["left behind.ts"]);
  const recorded = await readResult(h.artifacts);
  assertEquals([recorded.status, recorded.reason], ["failed", "dirty_after_max_passes"]);
  assertEquals(recorded.changed_files, ["left behind.ts"]);
});

Deno.test("a failing follow-up invocation fails the run", async () => {
  await using sandbox = await makeSandbox();
  const h = await harness(sandbox, () => Promise.resolve({ ok: false, error: "provider crashed" }));
  await Deno.writeTextFile(join(h.repo, "a.ts"), "x\n");
  const result = await runCommitFinalizer(h.deps());
  assertEquals([result.ok, result.reason, result.passes], [false, "follow_up_failed", 1]);
  assertStringIncludes(result.error ?? "", "provider crashed");
  const thrown = await runCommitFinalizer(
    h.deps({ followUp: () => Promise.reject(new Error("spawn failed")) }),
  );
  assertEquals([thrown.ok, thrown.reason], [false, "follow_up_failed"]);
  assertStringIncludes(thrown.error ?? "", "spawn failed");
});

Deno.test("an exact SDD plan closeout is committed directly with TYPE=sdd", async () => {
  await using sandbox = await makeSandbox();
  const h = await harness(sandbox);
  const plan = join(h.repo, "sdd/tales/plan.md");
  await Deno.writeTextFile(plan, (await Deno.readTextFile(plan)).replace("wip", "done"));
  const result = await runCommitFinalizer(h.deps());
  assertEquals([result.ok, result.status, result.committedDirectly], [true, "finalized", true]);
  assertEquals(h.prompts, []);
  assertEquals(await git(h.repo, sandbox.env, "status", "--porcelain"), "");
  const message = await git(h.repo, sandbox.env, "log", "-1", "--format=%B");
  assertEquals(message.trim(), "chore: Mark SDD plan done\n\nTYPE=sdd\nAGENT=ann");
  assertEquals((await readResult(h.artifacts)).reason, "auto_committed_done_plan_status");
});

Deno.test("a plan closeout mixed with other work goes to the agent", async () => {
  await using sandbox = await makeSandbox();
  const h = await harness(sandbox);
  const plan = join(h.repo, "sdd/tales/plan.md");
  await Deno.writeTextFile(plan, (await Deno.readTextFile(plan)).replace("wip", "done"));
  await Deno.writeTextFile(join(h.repo, "README.md"), "# more\n");
  const result = await runCommitFinalizer(
    h.deps({ config: { commit: { finalizer: { max_passes: 1 } } } }),
  );
  assertEquals([result.ok, result.passes], [false, 1]);
  assertStringIncludes(h.prompts[0], "sdd/tales/plan.md");
  assertEquals((await git(h.repo, sandbox.env, "log", "--format=%s")).trim(), "initial commit");
});

Deno.test("the finalizer is skipped by config, by env and outside an agent session", async () => {
  await using sandbox = await makeSandbox();
  const h = await harness(sandbox);
  await Deno.writeTextFile(join(h.repo, "dirty.ts"), "x\n");
  const base = h.deps();
  const cases: [Partial<CommitFinalizerDeps>, string][] = [
    [{ config: { commit: { finalizer: { enabled: false } } } }, "disabled_by_config"],
    [{ env: { ...base.env, SASE_DISABLE_COMMIT_STOP_HOOK: "1" } }, "disabled_by_env"],
    [{ env: { ...base.env, SASE_AGENT_TIMESTAMP: undefined } }, "outside_sase_agent"],
  ];
  for (const [overrides, reason] of cases) {
    const result = await runCommitFinalizer(h.deps(overrides));
    assertEquals([result.ok, result.status, result.skipped], [true, "skipped", reason]);
    assertEquals((await readResult(h.artifacts)).reason, reason);
  }
  assertEquals(h.prompts, []);
});

Deno.test("a dirty static linked repo is advisory: one pass, then success", async () => {
  await using sandbox = await makeSandbox();
  const h = await harness(sandbox);
  const linked = await makeGitRepo(join(sandbox.root, "dots"), sandbox.env);
  await Deno.writeTextFile(join(linked, "rc"), "x\n");
  const config: SaseConfig = {
    linked_repos: [{ name: "dots", path: "../dots", workspace: { strategy: "none" } }],
  };
  const result = await runCommitFinalizer(h.deps({ config }));
  assertEquals([result.ok, result.status, result.passes], [true, "finalized", 1]);
  assertStringIncludes(h.prompts[0], "Advisory");
  assertStringIncludes(h.prompts[0], `cd ${linked}`);
  assert(!h.prompts[0].includes("main workspace"));
});
