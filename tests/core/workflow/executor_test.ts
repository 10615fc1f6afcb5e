/**
 * The executor end to end through the launch service: real bash/python
 * processes and fakey agents, with the handbook's examples and expected
 * values (reading guide §9 items 18–25).
 */

import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../../_helpers/sandbox.ts";
import { sandboxContext } from "../../_helpers/app.ts";
import { readJsonFile, runDirs, waitFor } from "../../_helpers/runs.ts";
import { launchPrompt } from "../../../core/agent/run/launch_prompt.ts";
import type { HitlDecision } from "../../../core/workflow/engine.ts";
import { decideHitl, pendingCheckpoint } from "../../../core/workflow/hitl_service.ts";
import { finishedRun, runProcessesGone, runWorkflow, writeWorkflow } from "./_run.ts";

Deno.test("simple_workflow greets by its input (handbook 10.18.2)", async () => {
  await using sb = await makeSandbox();
  await writeWorkflow(
    sb,
    "simple_workflow",
    [
      "name: simple_workflow",
      "input: { name: word }",
      "steps:",
      "- name: greet",
      '  bash: echo "message=Hello, {{ name }}!"',
      "  output: { message: line }",
    ].join("\n"),
  );
  const named = await runWorkflow(sb, "#!simple_workflow(name=World)");
  assertEquals(named.result.outcome, "completed");
  assertEquals(named.outputs.greet, { message: "Hello, World!" });
  const positional = await runWorkflow(sb, "#!simple_workflow(World)");
  assertEquals(positional.outputs.greet, { message: "Hello, World!" });
  // Each run is its own workflow run with its own name.
  assertEquals([named.result.name, positional.result.name], [
    "simple_workflow",
    "simple_workflow.2",
  ]);
  assertEquals(named.done.outcome, "completed");
  assertEquals(named.done.workflow_name, "simple_workflow");
});

Deno.test("joins give exactly the handbook's results (10.11.1)", async () => {
  await using sb = await makeSandbox();
  await writeWorkflow(
    sb,
    "joins",
    [
      "steps:",
      "- name: collect_results",
      '  bash: echo "value={{ item }}"',
      '  for: { item: "[1, 2, 3]" }',
      "  output: { value: int }",
      "- name: concatenate",
      '  bash: echo "line={{ item }}"',
      "  for: { item: \"['a', 'b', 'c']\" }",
      "  join: text",
      "  output: { line: word }",
      "- name: keep_last",
      '  bash: echo "final={{ item }}"',
      "  for: { item: \"['first', 'middle', 'last']\" }",
      "  join: lastOf",
      "  output: { final: word }",
      "- name: merge_parallel",
      "  parallel:",
      "    - name: a",
      '      bash: echo "key_a=value_a"',
      "    - name: b",
      '      bash: echo "key_b=value_b"',
    ].join("\n"),
  );
  const run = await runWorkflow(sb, "#!joins");
  assertEquals(run.result.outcome, "completed");
  assertEquals(
    JSON.stringify(run.outputs.collect_results),
    '[{"value":1},{"value":2},{"value":3}]',
  );
  assertEquals(run.outputs.concatenate, "line=a\nline=b\nline=c");
  assertEquals(run.outputs.keep_last, { final: "last" });
  assertEquals(run.outputs.merge_parallel, { a: { key_a: "value_a" }, b: { key_b: "value_b" } });
});

Deno.test("parallel results are read as {{ block.step.field }} (10.10.2, 10.18.4)", async () => {
  await using sb = await makeSandbox();
  await writeWorkflow(
    sb,
    "parallel_workflow",
    [
      "steps:",
      "- name: parallel_tasks",
      "  parallel:",
      "    - { name: task_a, bash: 'echo \"result=done_a\"', output: { result: word } }",
      "    - { name: task_b, bash: 'echo \"result=done_b\"', output: { result: word } }",
      "- name: fetch_data",
      "  parallel:",
      '  - { name: users, bash: echo "count=100", output: { count: int } }',
      '  - { name: orders, bash: echo "count=500", output: { count: int } }',
      "- name: combine",
      "  bash: |",
      "    total={{ fetch_data.users.count + fetch_data.orders.count }}",
      '    echo "total=$total"',
      '    echo "a={{ parallel_tasks.task_a.result }}"',
      "  output: { total: int, a: word }",
    ].join("\n"),
  );
  const run = await runWorkflow(sb, "#!parallel_workflow");
  assertEquals(run.outputs.combine, { total: 600, a: "done_a" });
});

Deno.test("conditional_workflow with its defaults (10.18.3)", async () => {
  await using sb = await makeSandbox();
  await writeWorkflow(
    sb,
    "conditional_workflow",
    [
      "name: conditional_workflow",
      "input:",
      "  run_optional: { type: bool, default: true }",
      '  items: { type: text, default: \'["a", "b", "c"]\' }',
      "steps:",
      "- name: setup",
      '  bash: echo "ready=true"',
      "  output: { ready: bool }",
      "- name: process_items",
      '  bash: echo "processed={{ item }}"',
      '  if: "{{ setup.ready }}"',
      '  for: { item: "{{ items }}" }',
      "  output: { processed: word }",
      "- name: optional_step",
      '  bash: echo "ran=true"',
      '  if: "{{ run_optional }}"',
      "  output: { ran: bool }",
      "- name: summary",
      '  bash: echo "items_count={{ process_items | length }}"',
      "  output: { items_count: int }",
    ].join("\n"),
  );
  const run = await runWorkflow(sb, "#!conditional_workflow");
  assertEquals(run.outputs.process_items, [
    { processed: "a" },
    { processed: "b" },
    { processed: "c" },
  ]);
  assertEquals(run.outputs.optional_step, { ran: true });
  assertEquals(run.outputs.summary, { items_count: 3 });
  // A false condition skips the step; its output is empty.
  const off = await runWorkflow(sb, "#!conditional_workflow(run_optional=false)");
  const optional = off.state.steps.find((step) => step.name === "optional_step")!;
  assertEquals([optional.status, optional.output], ["skipped", {}]);
});

Deno.test("artifact: stdout keeps the output in <artifacts>/<step>.stdout as {{ step._artifact }}", async () => {
  await using sb = await makeSandbox();
  await writeWorkflow(
    sb,
    "artifacts",
    [
      "steps:",
      "- name: build",
      "  bash: |",
      '    echo "compiling 3 files"',
      '    echo "status=success"',
      "  artifact: stdout",
      "  output: { status: word }",
      "- name: review",
      '  bash: echo "path={{ build._artifact }}" && echo "lines=$(wc -l < \'{{ build._artifact }}\')"',
      "  output: { path: path, lines: int }",
    ].join("\n"),
  );
  const run = await runWorkflow(sb, "#!artifacts");
  const path = join(run.result.dir, "build.stdout");
  assertEquals(await Deno.readTextFile(path), "compiling 3 files\nstatus=success\n");
  assertEquals(run.outputs.build, { status: "success", _artifact: path });
  assertEquals(run.outputs.review, { path, lines: 2 });
});

/** A bash body that counts its runs in `<artifacts>/<name>` and prints the count. */
function counter(name: string): string {
  return `n=$(( $(cat "$SASE_ARTIFACTS_DIR/${name}" 2>/dev/null || echo 0) + 1 )); ` +
    `echo "$n" > "$SASE_ARTIFACTS_DIR/${name}"; echo "runs=$n"`;
}

Deno.test("while with max 10 never false runs exactly 10 times and then fails the step", async () => {
  await using sb = await makeSandbox();
  await writeWorkflow(
    sb,
    "poll",
    [
      "steps:",
      "- name: poll_with_limit",
      `  bash: '${counter("polls")}; echo "active=true"'`,
      "  while: { condition: '{{ poll_with_limit.active }}', max: 10 }",
      "  output: { active: bool, runs: int }",
      "- { name: after, bash: echo never }",
    ].join("\n"),
  );
  const run = await runWorkflow(sb, "#!poll");
  assertEquals(await Deno.readTextFile(join(run.result.dir, "polls")), "10\n");
  const step = run.state.steps[0];
  assertEquals([step.status, step.iteration], ["failed", 10]);
  assertEquals(
    step.error,
    "Step 'poll_with_limit' while loop exceeded max iterations (10) with condition still true",
  );
  assertEquals(run.result.outcome, "failed");
  assertEquals(run.state.steps[1].status, "skipped");
});

Deno.test("while stops when its condition turns false; the default max is 100", async () => {
  await using sb = await makeSandbox();
  await writeWorkflow(
    sb,
    "poll",
    [
      "steps:",
      "- name: poll",
      `  bash: '${counter("polls")}; [ "$n" -ge 3 ] && echo pending=false || echo pending=true'`,
      "  while: '{{ poll.pending }}'",
      "  output: { pending: bool, runs: int }",
    ].join("\n"),
  );
  const run = await runWorkflow(sb, "#!poll");
  assertEquals(run.outputs.poll, { pending: false, runs: 3 });
});

Deno.test("repeat.until true on the first run runs once", async () => {
  await using sb = await makeSandbox();
  await writeWorkflow(
    sb,
    "retry",
    [
      "steps:",
      "- name: retry_operation",
      `  bash: '${counter("tries")}; echo "success=true"'`,
      "  repeat: { until: '{{ retry_operation.success }}', max: 5 }",
      "  output: { success: bool, runs: int }",
    ].join("\n"),
  );
  const run = await runWorkflow(sb, "#!retry");
  assertEquals(run.outputs.retry_operation, { success: true, runs: 1 });
  assertEquals(await Deno.readTextFile(join(run.result.dir, "tries")), "1\n");
});

Deno.test("a bash failure in a for loop aborts the loop (on_error: stop by default)", async () => {
  await using sb = await makeSandbox();
  await writeWorkflow(
    sb,
    "loop",
    [
      "steps:",
      "- name: each",
      "  for: { item: '[1, 2, 3]' }",
      "  bash: |",
      '    echo "{{ item }}" >> "$SASE_ARTIFACTS_DIR/seen"',
      '    [ "{{ item }}" != 2 ] || { echo "item 2 is bad" >&2; exit 3; }',
      '    echo "item={{ item }}"',
    ].join("\n"),
  );
  const run = await runWorkflow(sb, "#!loop");
  assertEquals(await Deno.readTextFile(join(run.result.dir, "seen")), "1\n2\n");
  const step = run.state.steps[0];
  assertEquals(step.status, "failed");
  assertEquals(step.error, "Bash step 'each' failed (exit code 3) (iteration 2 of 3)");
  assertStringIncludes(String(run.done.traceback), "item 2 is bad");
});

Deno.test("on_error: continue records a failed bash iteration and runs the rest", async () => {
  await using sb = await makeSandbox();
  await writeWorkflow(
    sb,
    "loop",
    [
      "steps:",
      "- name: each",
      "  for: { item: '[1, 2, 3]' }",
      "  on_error: continue",
      "  bash: '[ {{ item }} != 2 ] && echo item={{ item }}'",
      "  output: { item: int }",
    ].join("\n"),
  );
  const run = await runWorkflow(sb, "#!loop");
  assertEquals(run.result.outcome, "completed");
  assertEquals(run.outputs.each, [{ item: 1 }, { item: 3 }]);
  assertEquals(run.state.steps[0].failed_iterations, [
    { iteration: 2, error: "Bash step 'each' failed (exit code 1)" },
  ]);
});

Deno.test("an agent failure in a for loop does not stop it (agent steps continue by default)", async () => {
  await using sb = await makeSandbox();
  await writeWorkflow(
    sb,
    "agents",
    [
      "steps:",
      "- name: review",
      "  for: { scenario: \"['fail', 'reply', 'reply']\" }",
      "  agent: '%model:fakey/{{ scenario }} review part {{ scenario }}'",
    ].join("\n"),
  );
  const run = await runWorkflow(sb, "#!agents");
  assertEquals(run.result.outcome, "completed");
  const step = run.state.steps[0];
  assertEquals(step.agents.map((agent) => [agent.name, agent.outcome, agent.iteration]), [
    ["agents.review.1", "failed", 1],
    ["agents.review.2", "completed", 2],
    ["agents.review.3", "completed", 3],
  ]);
  assertEquals(step.failed_iterations.map((failed) => failed.iteration), [1]);
  assertEquals(run.outputs.review, [
    { _raw: "Hello from fakey. You asked: review part reply" },
    { _raw: "Hello from fakey. You asked: review part reply" },
  ]);
  // Each iteration is a real agent run, recorded as a child of the workflow run.
  const child = JSON.parse(
    await Deno.readTextFile(join(step.agents[1].artifacts_dir, "agent_meta.json")),
  );
  assertEquals(
    [child.workflow_name, child.parent_timestamp, child.step_name, child.step_iteration],
    ["agents", run.result.timestamp, "review", 2],
  );
  // Each step agent's done.json has the handbook's fields and its workflow linkage.
  const childDone = JSON.parse(
    await Deno.readTextFile(join(step.agents[0].artifacts_dir, "done.json")),
  );
  assertEquals(
    [childDone.outcome, childDone.workflow_name, childDone.parent_timestamp, childDone.step_name],
    ["failed", "agents", run.result.timestamp, "review"],
  );
  assertEquals(childDone.artifacts_timestamp, step.agents[0].timestamp);
  for (
    const field of ["cl_name", "project_file", "workspace_num", "vcs_provider", "llm_provider"]
  ) {
    assert(field in childDone, `a step agent's done.json has ${field}`);
  }
});

Deno.test("a failed step skips the later ones, runs finally steps, and done.json says why", async () => {
  await using sb = await makeSandbox();
  await writeWorkflow(
    sb,
    "failing",
    [
      "steps:",
      "- { name: setup, bash: echo dir=ready, output: { dir: word } }",
      "- name: main_work",
      "  bash: 'echo compiling; echo \"error: missing semicolon\" >&2; exit 2'",
      "- { name: later, bash: echo later=1 }",
      "- name: cleanup",
      "  finally: true",
      "  bash: 'echo cleaned > \"$SASE_ARTIFACTS_DIR/cleaned\"'",
      "- name: conditional_cleanup",
      "  finally: true",
      "  if: '{{ setup.dir }}'",
      "  bash: echo also=1",
    ].join("\n"),
  );
  const run = await runWorkflow(sb, "#!failing");
  assertEquals(run.state.steps.map((step) => [step.name, step.status]), [
    ["setup", "completed"],
    ["main_work", "failed"],
    ["later", "skipped"],
    ["cleanup", "completed"],
    ["conditional_cleanup", "completed"],
  ]);
  assertEquals(await Deno.readTextFile(join(run.result.dir, "cleaned")), "cleaned\n");
  assertEquals(run.done.outcome, "failed");
  assertEquals(run.done.error, "Bash step 'main_work' failed (exit code 2)");
  const traceback = String(run.done.traceback);
  assertStringIncludes(traceback, "step 2 'main_work' (bash): failed");
  assertStringIncludes(traceback, "error: missing semicolon");
  assertStringIncludes(traceback, "step 3 'later' (bash): skipped");
  for (
    const field of ["workspace_num", "name", "model", "llm_provider", "vcs_provider", "cl_name"]
  ) {
    assert(field in run.done, `done.json has ${field}`);
  }
  assertEquals(run.done.name, "failing");
  assertEquals(run.meta.status, "failed");
});

Deno.test("environment, python steps, lockstep for variables and meta_* variables", async () => {
  await using sb = await makeSandbox();
  await writeWorkflow(
    sb,
    "mixed",
    [
      "input: { target: word }",
      "environment: { DEPLOY_TARGET: '{{ target }}', VERBOSE: 1 }",
      "steps:",
      "- name: deploy",
      '  bash: \'echo "where=$DEPLOY_TARGET"; echo "verbose=$VERBOSE"\'',
      "  output: { where: word, verbose: bool }",
      "- name: pairs",
      "  for: { name: \"['x', 'y']\", id: '[7, 8]' }",
      "  python: |",
      "    import json",
      "    print(json.dumps({'name': '{{ name }}', 'id': {{ id }}}))",
      "  output: { name: word, id: int }",
      "- name: report",
      "  hidden: true",
      "  python: |",
      "    import json",
      "    print(json.dumps({'meta_commit_message': 'Deploy {{ deploy.where }}', 'ok': {{ deploy.verbose | tojson }}}))",
      "  output: { meta_commit_message: text, ok: bool }",
    ].join("\n"),
  );
  const run = await runWorkflow(sb, "#!mixed(prod)");
  assertEquals(run.outputs.deploy, { where: "prod", verbose: true });
  assertEquals(run.outputs.pairs, [{ name: "x", id: 7 }, { name: "y", id: 8 }]);
  assertEquals(run.outputs.report, { meta_commit_message: "Deploy prod", ok: true });
  assertEquals(run.state.meta, { meta_commit_message: "Deploy prod" });
  // The workflow variables are the run's output variables (agents["mixed"].meta_… for %wait).
  assertEquals(
    (run.meta.output_variables as Record<string, string>).meta_commit_message,
    "Deploy prod",
  );
});

Deno.test("unequal for lists, bad outputs and undefined template values fail their step clearly", async () => {
  await using sb = await makeSandbox();
  await writeWorkflow(
    sb,
    "bad_lists",
    "steps:\n- { name: pairs, bash: echo, for: { a: '[1, 2]', b: '[1]' } }\n",
  );
  const lists = await runWorkflow(sb, "#!bad_lists");
  assertEquals(
    lists.state.steps[0].error,
    "Step 'pairs' for: loop lists have unequal lengths: 'a' has 2 items, 'b' has 1 items",
  );
  await writeWorkflow(
    sb,
    "bad_output",
    "steps:\n- { name: count, bash: echo count=abc, output: { count: int } }\n",
  );
  const output = await runWorkflow(sb, "#!bad_output");
  assertEquals(
    output.state.steps[0].error,
    "Bash step 'count' output validation failed: field 'count' must be int, got \"abc\"",
  );
  await writeWorkflow(
    sb,
    "undefined_value",
    "steps:\n- { name: say, bash: 'echo {{ nowhere }}' }\n",
  );
  const undefinedValue = await runWorkflow(sb, "#!undefined_value");
  assertEquals(
    undefinedValue.state.steps[0].error,
    "Step 'say' template error: 'nowhere' is undefined",
  );
});

Deno.test("a step that outlives its timeout is killed with its process group", async () => {
  await using sb = await makeSandbox();
  await writeWorkflow(
    sb,
    "slow",
    "steps:\n- name: nap\n  bash: 'sleep 300 & echo $! > \"$SASE_ARTIFACTS_DIR/child\"; wait'\n",
  );
  const run = await runWorkflow(sb, "#!slow", { env: { SASE_WORKFLOW_STEP_TIMEOUT: "1" } });
  assertEquals(run.state.steps[0].error, "Bash step 'nap' timed out and was killed");
  // It started its background child, which did not outlive it.
  assert(Number(await Deno.readTextFile(join(run.result.dir, "child"))) > 0);
  assert(await runProcessesGone(run.result.dir), "the step's background child outlived it");
});

Deno.test("step inputs: a named argument matching a step supplies its output and skips it", async () => {
  await using sb = await makeSandbox();
  await writeWorkflow(
    sb,
    "supplied",
    [
      "steps:",
      "- { name: build, bash: exit 1, output: { status: word } }",
      "- { name: use, bash: 'echo got={{ build.status }}', output: { got: word } }",
    ].join("\n"),
  );
  const run = await runWorkflow(sb, `#!supplied(build='{"status": "given"}')`);
  assertEquals(run.state.steps[0].status, "skipped");
  assertEquals(run.outputs.use, { got: "given" });
});

Deno.test("an agent step that cannot start fails like any step: finally steps still run", async () => {
  await using sb = await makeSandbox();
  await writeWorkflow(
    sb,
    "unstartable",
    [
      "steps:",
      // No qwen CLI in the sandbox's PATH: the agent cannot start.
      "- { name: ask, agent: '%model:qwen/qwen3-coder hello' }",
      "- { name: cleanup, finally: true, bash: echo cleaned=1, output: { cleaned: int } }",
    ].join("\n"),
  );
  // A PATH with bash and nothing else: no agent CLI can be found.
  const bin = join(sb.root, "bin");
  await Deno.mkdir(bin);
  const bash = await new Deno.Command("sh", { args: ["-c", "command -v bash"] }).output();
  await Deno.symlink(new TextDecoder().decode(bash.stdout).trim(), join(bin, "bash"));
  const run = await runWorkflow(sb, "#!unstartable", { env: { PATH: bin } });
  const [ask, cleanup] = run.state.steps;
  assertEquals([ask.status, cleanup.status], ["failed", "completed"]);
  assertStringIncludes(String(ask.error), "Step 'ask' could not start: ");
  assertEquals(run.done.outcome, "failed");
});

Deno.test("parallel blocks fail fast: the first failure cancels the other steps and kills their processes", async () => {
  await using sb = await makeSandbox();
  await writeWorkflow(
    sb,
    "failfast",
    [
      "steps:",
      "- name: block",
      "  parallel:",
      "    - name: slow",
      "      bash: 'sleep 300 & echo $! > \"$SASE_ARTIFACTS_DIR/slow\"; wait'",
      "    - name: broken",
      "      bash: 'while [ ! -s \"$SASE_ARTIFACTS_DIR/slow\" ]; do sleep 0.05; done; exit 4'",
      "- { name: after, bash: echo never }",
    ].join("\n"),
  );
  const run = await runWorkflow(sb, "#!failfast");
  const block = run.state.steps[0];
  assertEquals(block.status, "failed");
  assertEquals(
    block.error,
    "Parallel step 'block' failed: Bash step 'broken' failed (exit code 4)",
  );
  assertEquals(block.parallel!.map((sub) => [sub.name, sub.status]), [
    ["slow", "cancelled"],
    ["broken", "failed"],
  ]);
  assertEquals(
    block.parallel![0].error,
    "Step 'slow' was cancelled: another step of its parallel block failed",
  );
  assertEquals(run.state.steps[1].status, "skipped");
  assert(Number(await Deno.readTextFile(join(run.result.dir, "slow"))) > 0);
  assert(await runProcessesGone(run.result.dir), "the cancelled step's process was killed");
});

Deno.test("an agent step's checkpoint: accept keeps its output as is (no approved field), edit replaces it", async () => {
  await using sb = await makeSandbox();
  const script = await sb.write(
    "plan.yaml",
    'steps:\n  - text: "```json\\n{\\"plan\\": \\"big bang\\"}\\n```"\n',
  );
  await writeWorkflow(
    sb,
    "planned",
    [
      "steps:",
      "- name: plan",
      `  agent: '%model:fakey/${script} Plan the migration'`,
      "  output: { plan: text }",
      "  hitl: true",
      "- { name: apply, bash: 'echo \"applied={{ plan.plan }}\"', output: { applied: text } }",
    ].join("\n"),
  );
  const app = sandboxContext({ ...sb, env: { ...sb.env, SASE_HITL_POLL_MS: "50" } });
  for (
    const [decision, expected] of [
      [{ action: "accept" }, { plan: "big bang" }],
      [{ action: "edit", output: { plan: "step by step" } }, { plan: "step by step" }],
    ] as const
  ) {
    const running = launchPrompt(app, { text: `#cd:${sb.cwd} #!planned`, record: false });
    const checkpoint = await waitFor("the checkpoint", async () => {
      try {
        return await pendingCheckpoint(app, (await latestRunName(sb))!);
      } catch {
        return undefined;
      }
    });
    assertEquals([checkpoint.request.step_type, checkpoint.request.output], ["agent", {
      plan: "big bang",
    }]);
    await decideHitl(app, checkpoint.name, decision as HitlDecision);
    const outcome = await running;
    const run = await finishedRun(outcome.workflow!);
    assertEquals(run.outputs.plan, expected);
    assertEquals(run.outputs.apply, { applied: expected.plan });
  }
});

/** The name of the newest workflow run in the sandbox. */
async function latestRunName(sb: Sandbox): Promise<string | undefined> {
  const dirs = await runDirs(sb);
  for (const dir of dirs.reverse()) {
    const meta = await readJsonFile(join(dir, "agent_meta.json"));
    if (meta?.is_workflow) return String(meta.name);
  }
  return undefined;
}
