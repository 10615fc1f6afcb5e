import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../../../../_helpers/assert.ts";
import { git, makeGitRepo } from "../../../../_helpers/git.ts";
import { makeSandbox, type Sandbox } from "../../../../_helpers/sandbox.ts";
import {
  type CommitFinalizerDeps,
  type FollowUpResult,
  runCommitFinalizer,
} from "../../../../../core/agent/run/finalize/commit_finalizer.ts";
import { captureDirtyBaseline } from "../../../../../core/agent/run/finalize/dirty_baseline.ts";
import type { SaseConfig } from "../../../../../core/config/types.ts";

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
  assertStringIncludes(result.error ?? "", "after 2 finalizer passes");
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

/** The baseline a run would take now, before its agent changes anything. */
async function baselineOf(h: Harness, sandbox: Sandbox) {
  return await captureDirtyBaseline({ workspaceDir: h.repo, config: {}, env: sandbox.env });
}

/** Commit exactly the files the prompt lists as the run's own, as a well-behaved agent does. */
function commitListed(sandbox: Sandbox) {
  return async (repo: string, prompt: string): Promise<FollowUpResult> => {
    const own = prompt.split("\n\n").find((block) => block.startsWith("Uncommitted changes in"));
    const files = (own ?? "").split("\n").slice(1).map((line) => line.replace(/^ {2}- /, ""));
    await git(repo, sandbox.env, "add", "--", ...files);
    await git(repo, sandbox.env, "commit", "-q", "-m", "agent work", "--", ...files);
    return { ok: true, reply: "Committed mine." };
  };
}

Deno.test("a checkout dirty before the run and untouched by it: no follow-up, nothing committed", async () => {
  await using sandbox = await makeSandbox();
  const logs: string[] = [];
  const h = await harness(sandbox);
  await Deno.writeTextFile(join(h.repo, "README.md"), "# my own edit\n");
  await Deno.writeTextFile(join(h.repo, "mine.txt"), "the user's untracked file\n");
  const baseline = await baselineOf(h, sandbox);
  const result = await runCommitFinalizer(h.deps({ baseline, log: (line) => logs.push(line) }));
  assertEquals([result.ok, result.status, result.reason, result.passes], [
    true,
    "clean",
    "no_changes",
    0,
  ]);
  assertEquals(h.prompts, []);
  assertEquals(result.dirtyAtStart, ["README.md", "mine.txt"]);
  assertEquals((await git(h.repo, sandbox.env, "log", "--format=%s")).trim(), "initial commit");
  assertEquals(
    await git(h.repo, sandbox.env, "status", "--porcelain"),
    " M README.md\n?? mine.txt\n",
  );
  const recorded = await readResult(h.artifacts);
  assertEquals([recorded.dirty_at_start, recorded.dirty_at_start_gone], [
    ["README.md", "mine.txt"],
    [],
  ]);
  assertEquals(logs, [
    "commit finalizer: the checkout was already dirty when the run started (2 files: " +
    "README.md, mine.txt); the finalizer did not stage or commit those changes",
  ]);
});

Deno.test("a dirty start: the prompt asks only about the run's files and names the user's as off limits", async () => {
  await using sandbox = await makeSandbox();
  const h = await harness(sandbox, undefined);
  await Deno.writeTextFile(join(h.repo, "README.md"), "# my own edit\n");
  await Deno.writeTextFile(join(h.repo, "mine.txt"), "the user's untracked file\n");
  const baseline = await baselineOf(h, sandbox);
  // The run's work: a new file.
  await Deno.writeTextFile(join(h.repo, "agent.ts"), "export {};\n");
  const follow = commitListed(sandbox);
  const result = await runCommitFinalizer(
    h.deps({
      baseline,
      followUp: (prompt) => {
        h.prompts.push(prompt);
        return follow(h.repo, prompt);
      },
    }),
  );
  assertEquals([result.ok, result.status, result.passes], [true, "finalized", 1]);
  const [prompt] = h.prompts;
  assertStringIncludes(
    prompt,
    `Uncommitted changes in the main workspace (${h.repo}):\n  - agent.ts\n\n`,
  );
  assertStringIncludes(prompt, "The checkout was already dirty when this run started.");
  assertStringIncludes(
    prompt,
    "did not change them. They are the user's: do not stage, commit, stash or revert them.\n" +
      "  - README.md\n  - mine.txt\n",
  );
  assertEquals(
    (await git(h.repo, sandbox.env, "show", "--name-only", "--format=", "HEAD")).trim(),
    "agent.ts",
  );
  assertEquals(
    await git(h.repo, sandbox.env, "status", "--porcelain"),
    " M README.md\n?? mine.txt\n",
  );
});

Deno.test("a pre-existing edit the run changed further is advisory, told apart by content", async () => {
  await using sandbox = await makeSandbox();
  const h = await harness(sandbox);
  await Deno.writeTextFile(join(h.repo, "README.md"), "# my own edit\n");
  await Deno.writeTextFile(join(h.repo, "same.txt"), "untouched\n");
  const baseline = await baselineOf(h, sandbox);
  // Same size, different bytes: only a content fingerprint tells these apart.
  await Deno.writeTextFile(join(h.repo, "README.md"), "# my own EDIT\n");
  await Deno.writeTextFile(join(h.repo, "same.txt"), "untouched\n");
  const result = await runCommitFinalizer(h.deps({ baseline }));
  // Advisory only: one pass offered, then success without the file being committed.
  assertEquals([result.ok, result.status, result.passes, result.changedFiles], [
    true,
    "finalized",
    1,
    [],
  ]);
  const [prompt] = h.prompts;
  assert(!prompt.includes("Uncommitted changes in the main workspace"));
  assertStringIncludes(
    prompt,
    "and were changed again during it. Commit only your own part of them if you can separate it " +
      "(e.g. `git add -p`); otherwise leave them as they are. They do not fail the run.\n" +
      "  - README.md\n",
  );
  assertStringIncludes(
    prompt,
    "did not change them. They are the user's: do not stage, commit, " +
      "stash or revert them.\n  - same.txt\n",
  );
  assertEquals((await git(h.repo, sandbox.env, "log", "--format=%s")).trim(), "initial commit");
});

Deno.test("the SDD closeout is committed alone when the user's untracked file was there first", async () => {
  await using sandbox = await makeSandbox();
  const h = await harness(sandbox);
  await Deno.mkdir(join(h.repo, "xprompts"));
  await Deno.writeTextFile(join(h.repo, "xprompts", "docstring.md"), "the user's xprompt\n");
  const baseline = await baselineOf(h, sandbox);
  const plan = join(h.repo, "sdd/tales/plan.md");
  await Deno.writeTextFile(plan, (await Deno.readTextFile(plan)).replace("wip", "done"));
  const result = await runCommitFinalizer(h.deps({ baseline }));
  assertEquals([result.ok, result.reason, result.committedDirectly], [
    true,
    "auto_committed_done_plan_status",
    true,
  ]);
  assertEquals(h.prompts, []);
  assertEquals(
    (await git(h.repo, sandbox.env, "show", "--name-only", "--format=", "HEAD")).trim(),
    "sdd/tales/plan.md",
  );
  assertEquals(
    await git(h.repo, sandbox.env, "status", "--porcelain", "--untracked-files=all"),
    "?? xprompts/docstring.md\n",
  );
});

Deno.test("an agent that commits the user's pre-existing change is reported", async () => {
  await using sandbox = await makeSandbox();
  const logs: string[] = [];
  const h = await harness(sandbox, async (repo) => {
    await git(repo, sandbox.env, "add", "-A");
    await git(repo, sandbox.env, "commit", "-q", "-m", "everything");
    return { ok: true, reply: "Committed everything." };
  });
  await Deno.writeTextFile(join(h.repo, "mine.txt"), "the user's\n");
  const baseline = await baselineOf(h, sandbox);
  await Deno.writeTextFile(join(h.repo, "agent.ts"), "export {};\n");
  const result = await runCommitFinalizer(h.deps({ baseline, log: (line) => logs.push(line) }));
  assertEquals(result.ok, true);
  assertEquals((await readResult(h.artifacts)).dirty_at_start_gone, ["mine.txt"]);
  assertStringIncludes(logs.at(-1) ?? "", "but the agent committed or reverted this one: mine.txt");
});
