/**
 * Workflow engine benchmarks: the engine's own cost per step on top of the
 * process spawn, for a 100-step bash workflow (`true` steps, run in order)
 * and a 20-way parallel block, and load + validate of a 50-step workflow.
 * The baseline of each run is the same step processes spawned directly
 * through the engine's one spawn function (`runStepProcess`), in the same
 * order or concurrency. Each benchmark checks its answer.
 * Run: `deno run -A scripts/bench/workflow.ts` (data is generated in a temp dir).
 *
 * @module
 */

import { join } from "node:path";
import { median, report } from "./_measure.ts";
import { executeWorkflow } from "../../core/workflow/executor.ts";
import { loadWorkflowText } from "../../core/workflow/load.ts";
import type { Workflow } from "../../core/workflow/model.ts";
import { workflowServices } from "../../core/workflow/services.ts";
import { runStepProcess } from "../../core/workflow/step_process.ts";
import type { AgentStepContext } from "../../core/workflow/agent_step.ts";

const RUNS = Number(Deno.env.get("SASE_BENCH_RUNS") ?? 7);
const root = await Deno.makeTempDir({ prefix: "sase-bench-workflow-" });
const env = { HOME: root, SASE_HOME: join(root, ".sase"), PATH: Deno.env.get("PATH") ?? "" };

function parse(text: string, name: string): Workflow {
  const search = { cwd: root, home: root, bundledDir: join(root, "none") };
  return loadWorkflowText(text, join(root, `${name}.yml`), { search }).workflow;
}

/** One run of `workflow` with the real services in a fresh run directory; resolves to its outcome. */
async function runOnce(workflow: Workflow, index: number) {
  const dir = join(root, "runs", `${workflow.name}-${index}`);
  await Deno.mkdir(dir, { recursive: true });
  const services = workflowServices({
    workflow,
    dir,
    name: workflow.name,
    timestamp: "20260101000000",
    cwd: root,
    stepEnv: env,
    env,
    timeoutMs: 60_000,
    hitlPollMs: 100,
    // No agent steps: nothing reads the agent context.
    agents: {} as AgentStepContext,
  });
  return await executeWorkflow(workflow, services, { inputs: {}, artifactsDir: dir });
}

async function spawnTrue(): Promise<void> {
  const result = await runStepProcess({
    kind: "bash",
    source: "true",
    cwd: root,
    env,
    timeoutMs: 60_000,
  });
  if (result.code !== 0) throw new Error(`bash -c true exited ${result.code}`);
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

try {
  // 100 sequential `true` steps.
  const sequential = parse(
    "steps:\n" + Array.from({ length: 100 }, (_v, i) => `  - { name: s${i}, bash: "true" }`)
      .join("\n"),
    "sequential",
  );
  const check = await runOnce(sequential, 0);
  const completed = check.state.steps.filter((step) => step.status === "completed").length;
  if (check.status !== "completed" || completed !== 100) {
    throw new Error(`100-step workflow: ${check.status}, ${completed} steps completed`);
  }
  const engine: number[] = [];
  const spawn: number[] = [];
  for (let run = 1; run <= RUNS; run++) {
    engine.push(await timed(() => runOnce(sequential, run)));
    spawn.push(
      await timed(async () => {
        for (let step = 0; step < 100; step++) await spawnTrue();
      }),
    );
  }
  const spawnPerStep = median(spawn) / 100;
  report({
    bench: "workflow",
    name: "spawn of one `true` step process (baseline)",
    value: spawnPerStep,
    unit: "ms",
    metric: "wall",
  });
  report({
    bench: "workflow",
    name: "engine overhead per step, 100-step bash workflow",
    value: Math.max(0, (median(engine) - median(spawn)) / 100),
    unit: "ms",
    goal: 10,
    metric: "wall",
  });

  // One parallel block of 20 `true` steps.
  const parallel = parse(
    "steps:\n  - name: block\n    parallel:\n" +
      Array.from({ length: 20 }, (_v, i) => `      - { name: p${i}, bash: "true" }`).join("\n"),
    "parallel",
  );
  const block = await runOnce(parallel, 0);
  const joined = Object.keys(block.state.steps[0].output as Record<string, unknown>);
  if (block.status !== "completed" || joined.length !== 20) {
    throw new Error(`20-way block: ${block.status}, joined ${joined.length} outputs`);
  }
  const blockEngine: number[] = [];
  const blockSpawn: number[] = [];
  for (let run = 1; run <= RUNS; run++) {
    blockEngine.push(await timed(() => runOnce(parallel, run)));
    blockSpawn.push(await timed(() => Promise.all(Array.from({ length: 20 }, spawnTrue))));
  }
  report({
    bench: "workflow",
    name: "20 `true` processes spawned at once (baseline)",
    value: median(blockSpawn),
    unit: "ms",
    metric: "wall",
  });
  report({
    bench: "workflow",
    name: "engine overhead per step, 20-way parallel block",
    value: Math.max(0, (median(blockEngine) - median(blockSpawn)) / 20),
    unit: "ms",
    goal: 10,
    metric: "wall",
  });

  // Load + validate a 50-step workflow (typed outputs, references, loops, a parallel block).
  const steps: string[] = [];
  for (let i = 0; i < 48; i++) {
    const uses = i > 0 ? ` {{ s${i - 1}.value }}` : "";
    steps.push(
      `  - name: s${i}\n    bash: echo "value=${i}"${uses}\n    output: { value: int, note: { type: text, default: "" } }` +
        (i % 5 === 4 ? `\n    for: { item: "[1, 2, 3]" }\n    join: lastOf` : ""),
    );
  }
  steps.push(
    "  - name: fan\n    parallel:\n      - { name: a, bash: 'echo x={{ s47.value }}', output: { x: int } }\n" +
      "      - { name: b, python: 'print(\"y=1\")', output: { y: int } }",
  );
  steps.push("  - name: last\n    bash: echo {{ fan.a.x }} {{ fan.b.y }}\n    finally: true");
  const text = `name: big\ninput: { who: word, n: { type: int, default: 3 } }\nsteps:\n${
    steps.join("\n")
  }\n`;
  const cold = await timed(() => Promise.resolve(parse(text, "big")));
  if (parse(text, "big").steps.length !== 50) throw new Error("the 50-step workflow lost steps");
  const warm: number[] = [];
  for (let run = 0; run < 20; run++) {
    warm.push(await timed(() => Promise.resolve(parse(text, "big"))));
  }
  report({
    bench: "workflow",
    name: "load + validate a 50-step workflow (first, in a warm process)",
    value: cold,
    unit: "ms",
    metric: "wall",
  });
  report({
    bench: "workflow",
    name: "load + validate a 50-step workflow",
    value: median(warm),
    unit: "ms",
    goal: 20,
    metric: "wall",
  });
} finally {
  await Deno.remove(root, { recursive: true });
}
