/**
 * Loading workflows: the model built from YAML, `use:` imports, and every
 * load-time validation error with the handbook's message, naming the file,
 * the line and the step.
 */

import { join } from "node:path";
import { assert, assertEquals, assertThrows } from "../../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../../_helpers/sandbox.ts";
import { SaseError } from "../../../core/errors.ts";
import { type LoadedWorkflow, loadWorkflowFile } from "../../../core/workflow/load.ts";
import { effectiveJoin, effectiveOnError } from "../../../core/workflow/model.ts";

async function load(sb: Sandbox, text: string, name = "wf.yml"): Promise<LoadedWorkflow> {
  const path = await sb.write(`work/xprompts/${name}`, text);
  return loadWorkflowFile(path, {
    search: { cwd: sb.cwd, home: sb.home, bundledDir: join(sb.root, "bundled") },
  });
}

/** The error a workflow text fails with. */
async function failure(text: string, fragment: string): Promise<SaseError> {
  await using sb = await makeSandbox();
  const path = join(sb.cwd, "xprompts", "wf.yml");
  await sb.write("work/xprompts/wf.yml", text);
  const error = assertThrows(
    () =>
      loadWorkflowFile(path, {
        search: { cwd: sb.cwd, home: sb.home, bundledDir: join(sb.root, "bundled") },
      }),
    SaseError,
    fragment,
  ) as SaseError;
  assert(error.message.startsWith(path), `the error names the file: ${error.message}`);
  return error;
}

Deno.test("load: fields become the typed model, with the handbook defaults", async () => {
  await using sb = await makeSandbox();
  const { workflow, warnings } = await load(
    sb,
    [
      "tags: vcs, rollover",
      "input: { name: word, count: { type: int, default: 3 } }",
      "environment: { TARGET: '{{ name }}', VERBOSE: 1 }",
      "steps:",
      "  - name: fetch",
      "    prompt: Summarise {{ name }}",
      "    output: { summary: text }",
      "  - bash: echo hi",
      "    for: { item: '[1, 2]' }",
      "  - name: poll",
      "    bash: echo pending=false",
      "    while: '{{ poll.pending }}'",
      "    output: { pending: bool }",
      "  - name: block",
      "    parallel:",
      "      - { name: a, bash: echo a=1 }",
      "      - { name: b, python: print('b=2') }",
      "  - name: cleanup",
      "    finally: true",
      "    bash: echo done",
    ].join("\n"),
  );
  assertEquals(warnings, []);
  assertEquals(workflow.name, "wf");
  assertEquals(workflow.tags, ["vcs", "rollover"]);
  assertEquals(workflow.wrapsAll, true);
  assertEquals(workflow.environment, { TARGET: "{{ name }}", VERBOSE: "1" });
  assertEquals(workflow.inputs.map((input) => [input.name, input.required, input.default]), [
    ["name", true, undefined],
    ["count", false, 3],
  ]);
  const [fetch, unnamed, poll, block, cleanup] = workflow.steps;
  assertEquals([fetch.kind, fetch.line, fetch.output?.fields], ["agent", 5, { summary: "text" }]);
  // Unnamed steps are step_<index>; agent steps continue on error, scripts stop.
  assertEquals([unnamed.name, unnamed.kind, effectiveOnError(unnamed)], ["step_1", "bash", "stop"]);
  assertEquals(effectiveOnError(fetch), "continue");
  assertEquals(effectiveJoin(unnamed), "array");
  assertEquals(poll.whileLoop, { condition: "{{ poll.pending }}", max: 100 });
  assertEquals([block.kind, effectiveJoin(block), block.parallel?.map((s) => s.kind)], [
    "parallel",
    "object",
    ["bash", "python"],
  ]);
  assertEquals([cleanup.isFinally, cleanup.line], [true, 18]);
});

Deno.test("load: a literal YAML list in for: iterates as written", async () => {
  await using sb = await makeSandbox();
  const { workflow } = await load(sb, "steps:\n  - bash: echo {{ x }}\n    for: { x: [a, b] }\n");
  assertEquals(workflow.steps[0].forEach, { x: '["a","b"]' });
});

Deno.test("load: fields the format does not know are warned about with file and line", async () => {
  await using sb = await makeSandbox();
  const { warnings } = await load(sb, "steps:\n  - name: a\n    bash: echo\n    retries: 3\n");
  assertEquals(warnings.length, 1);
  assert(
    warnings[0].endsWith("wf.yml:2: Step 'a': unknown field 'retries' (ignored)"),
    warnings[0],
  );
});

Deno.test("validation: a step reference to a field its output does not declare", async () => {
  const error = await failure(
    [
      "steps:",
      "  - name: build",
      "    bash: echo status=ok",
      "    artifact: stdout",
      "    output: { status: word }",
      "  - name: deploy",
      "    bash: deploy {{ build.artifact_path }}",
    ].join("\n"),
    "Step 'deploy': references 'build.artifact_path' but 'build' output has no field " +
      "'artifact_path'. Available: ['_artifact', 'status']",
  );
  assert(error.message.includes("wf.yml:6: "), error.message);
});

Deno.test("validation: approved exists on bash/python HITL steps, not on agent ones", async () => {
  await using sb = await makeSandbox();
  await load(
    sb,
    "steps:\n  - { name: ask, bash: echo m=1, output: { m: int }, hitl: true }\n" +
      "  - { name: next, if: '{{ ask.approved }}', bash: echo }\n",
  );
  await failure(
    "steps:\n  - { name: ask, agent: plan, output: { plan: text }, hitl: true }\n" +
      "  - { name: next, if: '{{ ask.approved }}', bash: echo }\n",
    "Step 'next': references 'ask.approved' but 'ask' output has no field 'approved'. " +
      "Available: ['plan']",
  );
});

Deno.test("validation: parallel results nest by sub-step name and then field", async () => {
  await using sb = await makeSandbox();
  const block =
    "  - name: par\n    parallel:\n      - { name: a, bash: echo r=1, output: { r: int } }\n" +
    "      - { name: b, bash: echo s=2 }\n";
  await load(
    sb,
    `steps:\n${block}  - { name: use, bash: 'echo {{ par.a.r }} {{ par.b.anything }}' }\n`,
  );
  await failure(
    `steps:\n${block}  - { name: use, bash: 'echo {{ par.c }}' }\n`,
    "Step 'use': references 'par.c' but 'par' output has no field 'c'. Available: ['a', 'b']",
  );
  await failure(
    `steps:\n${block}  - { name: use, bash: 'echo {{ par.a.x }}' }\n`,
    "references 'par.a.x' but 'a' output has no field 'x'. Available: ['r']",
  );
});

Deno.test("validation: loop variables, inputs and template locals are not step references", async () => {
  await using sb = await makeSandbox();
  await load(
    sb,
    [
      "input: { build: text }",
      "steps:",
      "  - { name: build, bash: echo x=1, output: { x: int } }",
      "  - name: each",
      "    for: { build: '[1]', item: '[2]' }",
      "    bash: '{% for row in rows %}{{ row.y }}{% endfor %}{{ item.z }} {{ build.q }}'",
    ].join("\n"),
  );
});

Deno.test("validation: a step may use only the steps before it (itself only in while/until)", async () => {
  await failure(
    "steps:\n  - { name: a, bash: 'echo {{ b.x }}' }\n  - { name: b, bash: echo x=1 }\n",
    "Step 'a': references step 'b' before it executes",
  );
  await failure(
    "steps:\n  - { name: a, bash: 'echo {{ a.x }}', output: { x: int } }\n",
    "Step 'a': references step 'a' before it executes",
  );
  await using sb = await makeSandbox();
  await load(
    sb,
    "steps:\n  - { name: a, bash: echo x=1, output: { x: int }, repeat: { until: '{{ a.x }}' } }\n",
  );
});

Deno.test("validation: two prompt_part steps", async () => {
  await failure(
    "steps:\n  - { name: one, prompt_part: a }\n  - { name: two, prompt_part: b }\n",
    "Workflow 'wf' has 2 prompt_part steps, but at most one is allowed",
  );
});

Deno.test("validation: artifact only on top-level bash/python steps, only 'stdout'", async () => {
  await failure(
    "steps:\n  - { name: ask, agent: hi, artifact: stdout }\n",
    "Step 'ask' with 'agent' cannot have 'artifact'",
  );
  await failure(
    "steps:\n  - { name: out, bash: echo, artifact: stderr }\n",
    "Step 'out' 'artifact' must be 'stdout', got 'stderr'",
  );
  await failure(
    "steps:\n  - name: p\n    parallel:\n      - { name: a, bash: echo, artifact: stdout }\n      - { name: b, bash: echo }\n",
    "Nested step 'a' cannot have 'artifact'",
  );
});

Deno.test("validation: hitl, loops and finally are refused inside parallel blocks", async () => {
  const nested = (field: string) =>
    `steps:\n  - name: p\n    parallel:\n      - { name: a, bash: echo, ${field} }\n      - { name: b, bash: echo }\n`;
  await failure(nested("hitl: true"), "Nested step 'a' cannot have 'hitl: true'");
  await failure(
    nested("for: { x: '[1]' }"),
    "Nested step 'a' cannot have 'for', 'repeat', 'while', or 'parallel' fields",
  );
  await failure(nested("finally: true"), "Nested step 'a' cannot have 'finally: true'");
  await failure(
    "steps:\n  - name: p\n    parallel:\n      - { name: a, bash: echo }\n",
    "Step 'p' 'parallel' field requires at least 2 steps",
  );
  await failure(
    "steps:\n  - name: p\n    parallel:\n      - { name: a, bash: echo }\n      - { name: a, bash: echo }\n",
    "Step 'p' has duplicate nested step name: 'a'",
  );
});

Deno.test("validation: finally steps come after every other step", async () => {
  const error = await failure(
    "steps:\n  - { name: clean, bash: echo, finally: true }\n  - { name: work, bash: echo }\n",
    "Step 'clean': 'finally: true' steps must come after every non-finally step, but 'work' follows it",
  );
  assert(error.message.includes("wf.yml:2: "), error.message);
  await failure(
    "steps:\n  - { name: inject, prompt_part: text, finally: true }\n",
    "Step 'inject' with 'prompt_part' cannot have 'finally: true'",
  );
});

Deno.test("validation: an input named agents collides with the reserved template name", async () => {
  await failure(
    "input: { agents: text }\nsteps:\n  - bash: echo\n",
    "Workflow 'wf': input 'agents' collides with the reserved 'agents' template variable",
  );
});

Deno.test("validation: step types, loops and field shapes", async () => {
  await failure(
    "steps:\n  - { name: two, bash: echo, python: print() }\n",
    "Step 'two' can only have one of 'agent', 'bash', 'python', 'prompt_part', or 'parallel' fields",
  );
  await failure(
    "steps:\n  - { name: none, output: { x: int } }\n",
    "Step 'none' must have one of 'agent', 'bash', 'python', 'prompt_part', or 'parallel' field",
  );
  await failure(
    "steps:\n  - { name: l, bash: echo, for: { x: '[1]' }, while: '{{ true }}' }\n",
    "Step 'l' can only have one of 'for', 'repeat', or 'while' fields",
  );
  await failure(
    "steps:\n  - { name: e, bash: echo, on_error: continue }\n",
    "Step 'e' 'on_error' is only supported on 'for:' loop steps",
  );
  await failure(
    "steps:\n  - { name: e, bash: echo, for: { x: '[1]' }, on_error: skip }\n",
    "Step 'e' 'on_error' must be 'stop' or 'continue', got 'skip'",
  );
  await failure(
    "steps:\n  - { name: j, bash: echo, for: { x: '[1]' }, join: first }\n",
    "Step 'j' 'join' must be one of: array, lastOf, object, text",
  );
  await failure(
    "steps:\n  - { name: h, bash: echo, hitl: yes please }\n",
    "Step 'h': 'hitl' must be true or false",
  );
  await failure(
    "steps:\n  - { name: r, bash: echo, repeat: { max: 3 } }\n",
    "Step 'r': 'repeat.until'",
  );
  await failure("steps: {}\n", "'steps' must be a list of steps");
  await failure(
    "steps:\n  - { name: a, bash: echo }\n  - { name: a, bash: echo }\n",
    "Workflow 'wf' has two steps named 'a'",
  );
});

Deno.test("use: imports merge under the step's own fields, from the first steps/ dir that has them", async () => {
  await using sb = await makeSandbox();
  await sb.write(
    "home/xprompts/steps/shared/lint.yml",
    "bash: ruff check .\noutput: { errors: text }\nhidden: true\n",
  );
  await sb.write("work/.xprompts/steps/shared/lint.yaml", "bash: echo cwd wins\n");
  const { workflow } = await load(
    sb,
    "steps:\n  - name: lint_project\n    use: shared/lint\n    output: { errors: text, warnings: text }\n",
  );
  const [step] = workflow.steps;
  assertEquals(step.body, "echo cwd wins");
  assertEquals(Object.keys(step.output!.fields), ["errors", "warnings"]);
  assertEquals(step.hidden, false);
  await Deno.remove(join(sb.cwd, ".xprompts"), { recursive: true });
  const home = await load(sb, "steps:\n  - name: lint_project\n    use: shared/lint\n", "wf2.yml");
  assertEquals([home.workflow.steps[0].body, home.workflow.steps[0].hidden], [
    "ruff check .",
    true,
  ]);
});

Deno.test("use: paths with '..' or a leading '/' are refused; a missing import is named", async () => {
  await failure(
    "steps:\n  - { name: a, use: ../secrets }\n",
    "step import 'use: ../secrets' is refused: paths with '..' or a leading '/' are not allowed",
  );
  await failure("steps:\n  - { name: a, use: /etc/passwd }\n", "is refused");
  await failure(
    "steps:\n  - { name: a, use: shared/nope }\n",
    "step import 'use: shared/nope' not found",
  );
});
