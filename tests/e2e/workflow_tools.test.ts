/**
 * The workflow tooling and invocation forms as a user runs them: `sase
 * xprompt explain|graph|catalog`, embeddable workflows (`#name` with a
 * `prompt_part` and steps around it) inside an agent prompt, and legacy
 * `#workflow` launches.
 */

import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { runSase } from "../_helpers/cli.ts";
import { readJsonFile, runDirs } from "../_helpers/runs.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";

const DEPLOY = [
  "description: Build and deploy.",
  "input:",
  "  target: word",
  "  retries: { type: int, default: 3 }",
  "steps:",
  "- name: build",
  '  bash: echo "status=built-{{ target }}"',
  "  output: { status: word }",
  "- name: checks",
  "  parallel:",
  "    - { name: lint, bash: echo ok }",
  "    - { name: tests, python: print('ok') }",
  "- name: deploy",
  "  if: '{{ build.status }}'",
  "  for: { attempt: '[1, 2]' }",
  "  bash: echo deploying {{ target }}",
  "  hitl: true",
  "- name: cleanup",
  "  finally: true",
  "  bash: echo done",
].join("\n");

const WITH_STATUS = [
  "description: The git status, for the agent.",
  "input: { tag: word }",
  "steps:",
  "- name: setup",
  '  bash: echo "status=clean-{{ tag }}"',
  "  output: { status: word }",
  "- name: inject",
  '  prompt_part: "Current status: {{ setup.status }}."',
  "- name: cleanup",
  '  bash: touch "$SASE_ARTIFACTS_DIR/post_step_ran"',
].join("\n");

async function sase(sb: Sandbox, ...args: string[]) {
  return await runSase(args, { env: sb.env, cwd: sb.cwd });
}

Deno.test("xprompt explain: a workflow's inputs and steps, bodies rendered with the arguments", async () => {
  await using sb = await makeSandbox();
  await sb.write("work/xprompts/deploy.yml", DEPLOY);
  const text = await sase(sb, "xprompt", "explain", "deploy", "prod", "--arg", "retries=5");
  assertEquals(text.code, 0, text.stderr);
  for (
    const line of [
      "kind:        workflow (reference it as #!deploy)",
      'target: word = "prod"',
      "retries: int = 5",
      "1. build [bash]",
      'echo "status=built-prod"',
      "2. checks [parallel]",
      "2.2. tests [python]",
      "3. deploy [bash]",
      "if: {{ build.status }}",
      "for: attempt in [1, 2] (on_error: stop)",
      "hitl",
      "4. cleanup [bash]",
      "finally",
    ]
  ) assertStringIncludes(text.stdout, line);
  const json = JSON.parse((await sase(sb, "xprompt", "explain", "#!deploy", "-j")).stdout);
  assertEquals(json.argument_error, "xprompt '#!deploy' is missing required input 'target' (word)");
  assertEquals(json.steps.map((step: { name: string }) => step.name), [
    "build",
    "checks",
    "deploy",
    "cleanup",
  ]);
  assertEquals(json.steps[2].rendered, false);
  assertEquals(json.steps[0].output_schema.properties.status.type, "string");
  // A plain xprompt explains as its rendering, in JSON too.
  await sb.write("work/xprompts/hello.md", "---\ninput: { who: word }\n---\nHello, {{ who }}!");
  const plain = JSON.parse((await sase(sb, "xprompt", "explain", "hello", "Ann", "-j")).stdout);
  assertEquals([plain.kind, plain.reference, plain.rendered], [
    "xprompt",
    "#hello(Ann)",
    "Hello, Ann!",
  ]);
  assertEquals(plain.inputs, [
    { name: "who", type: "word", required: true, default: null, given: "Ann" },
  ]);
});

Deno.test("xprompt graph: Mermaid with parallel subgraphs and annotations, text, and the list", async () => {
  await using sb = await makeSandbox();
  await sb.write("work/xprompts/deploy.yml", DEPLOY);
  const mermaid = (await sase(sb, "xprompt", "graph", "deploy")).stdout;
  assert(mermaid.startsWith("flowchart TD\n"), mermaid);
  assertStringIncludes(mermaid, '  subgraph s_checks ["checks<br/>⇉ parallel"]');
  assertStringIncludes(mermaid, '    s_checks__tests["tests<br/>🐍 python"]');
  assertStringIncludes(mermaid, "  s_build --> s_checks__lint\n  s_build --> s_checks__tests");
  assertStringIncludes(mermaid, "s_checks__lint --> s_deploy");
  assertStringIncludes(
    mermaid,
    "if: {{ build.status }}<br/>for: attempt in [1, 2] (on_error: stop)",
  );
  assertStringIncludes(mermaid, "  s_deploy -.-> s_cleanup");
  const text = (await sase(sb, "xprompt", "graph", "deploy", "-f", "text")).stdout;
  assertStringIncludes(
    text,
    "2. checks [parallel]  join: object\n   ├─ lint [bash]\n   ├─ tests [python]",
  );
  const list = JSON.parse((await sase(sb, "xprompt", "graph", "-j")).stdout);
  const deploy = list.find((entry: { name: string }) => entry.name === "deploy");
  assertEquals([deploy.steps, deploy.kind, deploy.problem], [4, "workflow", null]);
  assert(
    list.some((entry: { name: string }) => entry.name === "eval_parallel"),
    "bundled ones too",
  );
  const bad = await sase(sb, "xprompt", "graph", "deploy", "-f", "svg");
  assertEquals(bad.code, 2);
  assertStringIncludes(bad.stderr, "unknown format 'svg'");
});

Deno.test("xprompt catalog: insertion, reference prefix, kind, input signature, definition path", async () => {
  await using sb = await makeSandbox();
  await sb.write("work/xprompts/deploy.yml", DEPLOY);
  await sb.write("work/xprompts/with_status.yml", WITH_STATUS);
  const catalog = JSON.parse((await sase(sb, "xprompt", "catalog")).stdout);
  assertEquals(catalog.schema_version, 1);
  const byName = new Map(catalog.entries.map((entry: { name: string }) => [entry.name, entry]));
  const deploy = byName.get("deploy") as Record<string, unknown>;
  assertEquals(
    [deploy.insertion, deploy.reference_prefix, deploy.kind, deploy.input_signature],
    ["#!deploy", "#!", "workflow", "(target: word, retries: int = 3)"],
  );
  assertEquals(deploy.definition_path, join(sb.cwd, "xprompts", "deploy.yml"));
  assertEquals(deploy.inputs, [
    {
      name: "target",
      type: "word",
      required: true,
      default_display: null,
      position: 0,
      description: null,
      repeatable: false,
      choices: [],
    },
    {
      name: "retries",
      type: "int",
      required: false,
      default_display: "3",
      position: 1,
      description: null,
      repeatable: false,
      choices: [],
    },
  ]);
  const embeddable = byName.get("with_status") as Record<string, unknown>;
  assertEquals(
    [embeddable.insertion, embeddable.reference_prefix, embeddable.kind, embeddable.source_bucket],
    ["#with_status", "#", "embeddable_workflow", "local"],
  );
  assertEquals(catalog.stats.total_count, catalog.entries.length);
});

Deno.test("#name with a prompt_part: steps before it run first, its text goes in the prompt, steps after run last", async () => {
  await using sb = await makeSandbox();
  await sb.write("work/xprompts/with_status.yml", WITH_STATUS);
  const run = await sase(
    sb,
    "run",
    `#cd:${sb.cwd} %model:fakey/reply #with_status(x1) then fix it`,
  );
  assertEquals(run.code, 0, run.stderr);
  assertStringIncludes(run.stdout, "You asked: Current status: clean-x1. then fix it");
  const rows = JSON.parse((await sase(sb, "agent", "list", "-a", "-j")).stdout);
  const root = rows.find((row: { is_workflow: boolean }) => row.is_workflow);
  assertEquals(root.status, "DONE");
  assert(String(root.workflow_name).startsWith("tmp_"), root.workflow_name);
  const [agent] = rows.filter((row: { parent_timestamp: string }) =>
    row.parent_timestamp === root.timestamp
  );
  assertEquals([agent.step_name, agent.status], ["agent", "DONE"]);
  assertEquals(
    await Deno.stat(join(root.artifacts_dir, "post_step_ran")).then((info) => info.isFile),
    true,
  );
  const state = await readJsonFile(join(root.artifacts_dir, "workflow_state.json"));
  assertEquals(state?.appears_as_agent, true);
  assertEquals(state?.is_anonymous, true);
  // Plain expansion leaves it to the run: it cannot know the pre steps' outputs.
  const expanded = await sase(sb, "xprompt", "expand", "#with_status(x1) now");
  assertEquals(expanded.stdout.trim(), "#with_status(x1) now");
});

Deno.test("legacy '#workflow' on its own still runs the standalone workflow, with a warning", async () => {
  await using sb = await makeSandbox();
  await sb.write(
    "work/xprompts/greet.yml",
    "input: { name: word }\nsteps:\n- bash: echo hi={{ name }}\n",
  );
  const legacy = await sase(sb, "run", `#cd:${sb.cwd} #greet(Ann)`);
  assertEquals(legacy.code, 0, legacy.stderr);
  assertStringIncludes(
    legacy.stderr,
    "warning: '#greet(Ann)' names the standalone workflow 'greet': ran it as '#!greet(Ann)'; " +
      "write '#!greet' (the '#greet' form is deprecated)",
  );
  assertStringIncludes(legacy.stderr, "workflow greet (greet) completed");
  // Inside other text it stays an error: a standalone workflow does not expand inline.
  const inline = await sase(sb, "run", `#cd:${sb.cwd} %model:fakey/reply use #greet(Ann) here`);
  assertEquals(inline.code, 1);
  assertStringIncludes(
    inline.stderr,
    "'#greet' is a standalone workflow and cannot be expanded inline",
  );
  const extra = await sase(sb, "run", `#cd:${sb.cwd} #!greet(Ann) and more`);
  assertEquals(extra.code, 2);
  assertStringIncludes(extra.stderr, "a standalone workflow reference must stand alone");
  const missing = await sase(sb, "run", `#cd:${sb.cwd} #!nope`);
  assertEquals(missing.code, 1);
  assertStringIncludes(missing.stderr, "no workflow named 'nope'");
  const badArgs = await sase(sb, "run", `#cd:${sb.cwd} #!greet(two words)`);
  assertEquals(badArgs.code, 1);
  assertStringIncludes(badArgs.stderr, "input 'name': invalid value 'two words'");
  assertEquals((await runDirs(sb)).length, 1, "refused launches leave no run behind");
});
