/**
 * A workflow with two fakey agent steps, a bash step and a parallel block,
 * launched the way a user does (`sase run '#!wf(...)'`), listed with its
 * children, and waited for by a later prompt (`%wait:wf`) — which stays
 * parked while any agent step of the newest run failed.
 */

import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { runSase } from "../_helpers/cli.ts";
import { allDone, killRunners, readJsonFile, runDirs, waitFor } from "../_helpers/runs.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";

const FAST = { SASE_WAIT_POLL_MS: "100", SASE_HITL_POLL_MS: "100" };

async function setUp(sb: Sandbox): Promise<void> {
  const script = await sb.write(
    "plan.yaml",
    'steps:\n  - text: "Here is the plan:\\n```json\\n{\\"steps\\": 4}\\n```"\n',
  );
  await sb.write(
    "work/xprompts/wf.yml",
    [
      "description: Plan, check and review a topic.",
      "input: { topic: word }",
      "steps:",
      "- name: plan",
      `  agent: "%model:fakey/${script} Plan the work on {{ topic }}"`,
      "  output: { steps: int }",
      "- name: count",
      '  bash: echo "files=3"',
      "  output: { files: int }",
      "- name: checks",
      "  parallel:",
      "    - { name: lint, bash: 'echo lint=ok', output: { lint: word } }",
      "    - { name: tests, bash: 'echo tests=ok', output: { tests: word } }",
      "- name: review",
      "  agent: >-",
      "    %model:fakey/reply Review {{ topic }}: {{ plan.steps }} steps, {{ count.files }} files,",
      "    lint {{ checks.lint.lint }}, tests {{ checks.tests.tests }}",
    ].join("\n"),
  );
}

type Row = Record<string, unknown>;

async function agents(sb: Sandbox): Promise<Row[]> {
  const listed = await runSase(["agent", "list", "-a", "-j"], { env: sb.env, cwd: sb.cwd });
  assertEquals(listed.code, 0, listed.stderr);
  return JSON.parse(listed.stdout);
}

Deno.test("sase run '#!wf(...)': agent, bash and parallel steps end to end; children listed under the run", async () => {
  await using sb = await makeSandbox();
  await setUp(sb);
  const run = await runSase(["run", `#cd:${sb.cwd} #!wf(topic=auth)`], {
    env: sb.env,
    cwd: sb.cwd,
  });
  assertEquals(run.code, 0, run.stderr);
  assertStringIncludes(run.stderr, "[3/4] checks (parallel)");
  assertStringIncludes(run.stdout, "Hello from fakey. You asked: Review auth: 4 steps, 3 files,");
  assertStringIncludes(run.stdout, "lint ok, tests ok");
  assertStringIncludes(run.stderr, "workflow wf (wf) completed");

  const rows = await agents(sb);
  const root = rows.find((row) => row.name === "wf")!;
  assertEquals(
    [root.status, root.is_workflow, root.workflow_name, root.parent_timestamp],
    ["DONE", true, "wf", null],
  );
  const children = rows.filter((row) => row.parent_timestamp === root.timestamp);
  assertEquals(
    children.map((row) => [row.name, row.step_name, row.workflow_name, row.status, row.model])
      .sort(),
    [
      ["wf.plan", "plan", "wf", "DONE", script(sb)],
      ["wf.review", "review", "wf", "DONE", "reply"],
    ].sort(),
  );
  const done = await readJsonFile(join(String(root.artifacts_dir), "done.json"));
  assertEquals([done?.outcome, done?.workflow_name, done?.llm_provider], [
    "completed",
    "wf",
    "fakey",
  ]);
  const state = await readJsonFile(join(String(root.artifacts_dir), "workflow_state.json"));
  assertEquals((state?.context as Row).plan, { steps: 4 });

  const show = await runSase(["agent", "show", "wf", "-j"], { env: sb.env, cwd: sb.cwd });
  const workflow = JSON.parse(show.stdout).workflow;
  assertEquals(workflow.steps.map((step: Row) => [step.name, step.status]), [
    ["plan", "completed"],
    ["count", "completed"],
    ["checks", "completed"],
    ["review", "completed"],
  ]);
  assertEquals(workflow.steps[0].agents, ["wf.plan"]);
});

/** The fakey model of the plan step: its script file. */
function script(sb: Sandbox): string {
  return join(sb.root, "plan.yaml");
}

Deno.test("%wait:wf waits for the whole workflow run, every agent step included", async () => {
  await using sb = await makeSandbox();
  await setUp(sb);
  const env = { ...sb.env, ...FAST };
  const launched = await runSase(["run", "-d", `#cd:${sb.cwd} #!wf(topic=db)`], {
    env,
    cwd: sb.cwd,
  });
  assertEquals(launched.code, 0, launched.stderr);
  const after = await runSase(
    ["run", "-d", `#cd:${sb.cwd} %n:after %w:wf %m:fakey/reply after the workflow`],
    { env, cwd: sb.cwd },
  );
  assertEquals(after.code, 0, after.stderr);
  assertStringIncludes(after.stdout, "launched after (waits for wf)");
  const launchedDirs = await runDirs(sb);
  try {
    // The dependent finishes last; the workflow's agent steps exist only once it runs.
    await allDone(launchedDirs, 90_000);
    const dirs = await runDirs(sb);
    const done = await allDone(dirs);
    assertEquals(done.map((record) => record.outcome), dirs.map(() => "completed"));
    const byName = new Map(done.map((record, index) => [String(record.name), dirs[index]]));
    const afterMeta = await readJsonFile(join(byName.get("after")!, "agent_meta.json"));
    for (const name of ["wf", "wf.plan", "wf.review"]) {
      const finished = (await readJsonFile(join(byName.get(name)!, "done.json")))?.finished_at;
      assert(
        String(afterMeta?.run_started_at) >= String(finished),
        `after started ${afterMeta?.run_started_at} before ${name} finished ${finished}`,
      );
    }
  } finally {
    await killRunners(await runDirs(sb));
  }
});

Deno.test("%wait on a workflow whose agent step failed stays parked, the reason shown", async () => {
  await using sb = await makeSandbox();
  await sb.write(
    "work/xprompts/flaky.yml",
    [
      "steps:",
      "- name: review",
      "  for: { scenario: \"['fail', 'reply']\" }",
      "  agent: '%model:fakey/{{ scenario }} check {{ scenario }}'",
    ].join("\n"),
  );
  const env = { ...sb.env, ...FAST };
  const run = await runSase(["run", `#cd:${sb.cwd} #!flaky`], { env, cwd: sb.cwd });
  // The loop continues past the failed agent, so the run itself completes...
  assertEquals(run.code, 0, run.stderr);
  const waiting = await runSase(
    ["run", "-d", `#cd:${sb.cwd} %n:blocked %w:flaky %m:fakey/reply next`],
    { env, cwd: sb.cwd },
  );
  assertEquals(waiting.code, 0, waiting.stderr);
  const dirs = await runDirs(sb);
  const blocked = dirs[dirs.length - 1];
  try {
    // ...but one of its agent steps failed, so the dependent stays parked.
    const meta = await waitFor("the dependent to show why it waits", async () => {
      const current = await readJsonFile(join(blocked, "agent_meta.json"));
      return (current?.wait_blocked as Row | undefined)?.flaky ? current : undefined;
    });
    assertEquals(meta.status, "waiting");
    assertEquals(
      (meta.wait_blocked as Row).flaky,
      "its step agent flaky.review.1: failed",
    );
    assertEquals(await readJsonFile(join(blocked, "done.json")), undefined);
  } finally {
    await killRunners([blocked]);
  }
});

Deno.test("{{ agents[...] }} holds what the agents a workflow waited for set with sase var", async () => {
  await using sb = await makeSandbox();
  const script = await sb.write(
    "producer.yaml",
    "steps:\n  - shell: sase var set report=ready-42\n  - text: produced\n",
  );
  await sb.write(
    "work/xprompts/uses.yml",
    [
      "environment: { FROM_ENV: '{{ agents[\"producer\"].report }}' }",
      "steps:",
      "- name: read",
      '  bash: \'echo "direct={{ agents["producer"].report }}"; echo "env=$FROM_ENV"\'',
      "  output: { direct: word, env: word }",
    ].join("\n"),
  );
  const prompt = `%n:producer %m:fakey/${script} produce\n---\n#cd:${sb.cwd} %w:producer #!uses`;
  const env = { ...sb.env, ...FAST };
  const launched = await runSase(["run", prompt], { env, cwd: sb.cwd });
  assertEquals(launched.code, 0, launched.stderr);
  const dirs = await runDirs(sb);
  try {
    const done = await allDone(dirs, 60_000);
    assertEquals(done.map((record) => record.outcome), ["completed", "completed"]);
    console.log(done.map((r) => [r.name, r.outcome, r.error]));
    const workflow = dirs[done.findIndex((record) => record.name === "uses")];
    const state = await readJsonFile(join(workflow, "workflow_state.json"));
    assertEquals((state?.context as Row).read, { direct: "ready-42", env: "ready-42" });
  } finally {
    await killRunners(dirs);
  }
});
