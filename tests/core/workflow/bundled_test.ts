/**
 * The bundled workflows: every one loads and validates; the eval workflows
 * produce their self-check values; `#!sync` rebases a real git branch onto
 * its upstream (a bare origin), and hands rebase conflicts to an agent.
 */

import { join } from "node:path";
import { assertEquals, assertStringIncludes } from "../../_helpers/assert.ts";
import { git, makeGitRepo } from "../../_helpers/git.ts";
import { makeSandbox, type Sandbox } from "../../_helpers/sandbox.ts";
import { bundledXPromptsDir } from "../../../core/xprompt/bundled.ts";
import { loadWorkflowFile } from "../../../core/workflow/load.ts";
import { runWorkflow } from "./_run.ts";

Deno.test("bundled workflows all load and validate", async () => {
  const dir = bundledXPromptsDir();
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (!entry.isFile || !/\.ya?ml$/.test(entry.name)) continue;
    const loaded = loadWorkflowFile(join(dir, entry.name), {
      search: { cwd: dir, home: dir, bundledDir: dir },
    });
    assertEquals(loaded.warnings, [], entry.name);
    names.push(loaded.workflow.name);
  }
  assertEquals(names.sort(), ["eval_ifs_loops", "eval_parallel", "split", "sync"]);
});

Deno.test("eval_ifs_loops checks conditions, loops and joins", async () => {
  await using sb = await makeSandbox();
  const run = await runWorkflow(sb, "#!eval_ifs_loops");
  assertEquals(run.result.outcome, "completed");
  assertEquals(run.outputs.summary, {
    all_tests_completed: true,
    conditional_true_ran: "executed",
    conditional_false_ran: "skipped",
    items_processed: 3,
    pairs_processed: 3,
    join_lastof_result: "gamma",
    retry_attempts: 3,
    poll_count: 4,
    conditional_loop_count: 3,
  });
  assertEquals(run.outputs.join_text, "line=alpha\nline=beta\nline=gamma");
  assertEquals(run.outputs.join_object, {
    key_alpha: "value_alpha",
    key_beta: "value_beta",
    key_gamma: "value_gamma",
  });
  const off = await runWorkflow(sb, "#!eval_ifs_loops(run_conditional=false, retries_needed=1)");
  assertEquals(off.outputs.conditional_true, {});
  assertEquals(off.outputs.conditional_false, { value: "should_not_run" });
  assertEquals((off.outputs.retry_operation as { attempts: number }).attempts, 1);
});

Deno.test("eval_parallel checks parallel blocks and their joins", async () => {
  await using sb = await makeSandbox();
  const run = await runWorkflow(sb, "#!eval_parallel");
  assertEquals(run.outputs.summary, {
    total: 600,
    array_count: 2,
    last: "second",
    iterations: 3,
    last_square: 9,
  });
  assertEquals(run.outputs.as_text, "line=one\nline=two");
});

/** A clone of a bare origin whose main branch moved on in another clone. */
async function diverged(
  sb: Sandbox,
  conflict: boolean,
): Promise<{ repo: string; upstream: string }> {
  const env = sb.env;
  const origin = join(sb.root, "origin.git");
  await git(sb.root, env, "init", "-q", "--bare", "-b", "main", origin);
  const seed = await makeGitRepo(join(sb.root, "seed"), env, { "notes.txt": "one\ntwo\n" });
  await git(seed, env, "push", "-q", origin, "main");
  const repo = join(sb.root, "repo");
  await git(sb.root, env, "clone", "-q", origin, repo);
  await git(seed, env, "remote", "add", "origin", origin);
  await Deno.writeTextFile(join(seed, "notes.txt"), "one\ntwo (upstream)\n");
  await git(seed, env, "commit", "-qam", "upstream change");
  await git(seed, env, "push", "-q", "origin", "main");
  const file = conflict ? "notes.txt" : "local.txt";
  await Deno.writeTextFile(join(repo, file), conflict ? "one\ntwo (local)\n" : "local\n");
  await git(repo, env, "add", "-A");
  await git(repo, env, "commit", "-qm", "local change");
  return { repo, upstream: (await git(seed, env, "rev-parse", "HEAD")).trim() };
}

Deno.test("#!sync rebases the branch onto its upstream", async () => {
  await using sb = await makeSandbox();
  const { repo, upstream } = await diverged(sb, false);
  const run = await runWorkflow(sb, "#!sync", { dir: repo });
  assertEquals(run.result.outcome, "completed");
  assertEquals(run.outputs.sync_attempt, {
    success: true,
    has_conflicts: false,
    before: (run.outputs.sync_attempt as { before: string }).before,
    conflicted_files: "",
  });
  assertEquals(run.state.steps[2].status, "skipped");
  const log = (await git(repo, sb.env, "log", "--format=%s", "-n", "3")).trim().split("\n");
  assertEquals(log, ["local change", "upstream change", "initial commit"]);
  assertEquals((await git(repo, sb.env, "rev-parse", "HEAD~1")).trim(), upstream);
  assertStringIncludes(String((run.outputs.report as { message: string }).message), "up to date");
});

Deno.test("#!sync hands rebase conflicts to an agent that resolves them", async () => {
  await using sb = await makeSandbox();
  const { repo, upstream } = await diverged(sb, true);
  const script = await sb.write(
    "resolve.yaml",
    [
      "steps:",
      "  - shell: printf 'one\\ntwo (merged)\\n' > notes.txt && git add notes.txt && git -c core.editor=true rebase --continue",
      '  - text: "Resolved.\\n```json\\n{\\"all_resolved\\": true, \\"files_resolved\\": 1}\\n```"',
    ].join("\n"),
  );
  const run = await runWorkflow(sb, `%model:fakey/${script} #!sync`, { dir: repo });
  assertEquals(run.result.outcome, "completed", JSON.stringify(run.state.steps));
  assertEquals(
    (run.outputs.sync_attempt as { conflicted_files: string }).conflicted_files,
    "notes.txt",
  );
  assertEquals(run.outputs.resolve, { all_resolved: true, files_resolved: 1 });
  assertEquals(await Deno.readTextFile(join(repo, "notes.txt")), "one\ntwo (merged)\n");
  assertEquals((await git(repo, sb.env, "rev-parse", "HEAD~1")).trim(), upstream);
});

Deno.test("#!sync refuses a dirty working tree before touching it", async () => {
  await using sb = await makeSandbox();
  const { repo } = await diverged(sb, false);
  await Deno.writeTextFile(join(repo, "local.txt"), "uncommitted\n");
  const run = await runWorkflow(sb, "#!sync", { dir: repo });
  assertEquals(run.result.outcome, "failed");
  assertStringIncludes(String(run.done.traceback), "the working tree has uncommitted changes");
  assertEquals(await Deno.readTextFile(join(repo, "local.txt")), "uncommitted\n");
});
