/**
 * Agent launch benchmarks: stream-json parsing throughput (a 20 MB Claude
 * transcript through the Claude parser), and the launch path with the
 * fakey provider, as users run it (a temp HOME with the default
 * configuration: the launch sandbox on, the run in a git workspace of the
 * project's repository under `SASE_HOME/repos`):
 *
 * - `runAgent` start to the provider's spawn, in-process;
 * - `sase run --daemon` from the moment the CLI process is started to the
 *   provider's spawn (`agent_spawned_at`), one launch at a time on a quiet
 *   machine: two Deno start-ups (the CLI and the detached runner), the
 *   launch, the workspace claim and the sandbox;
 * - a complete foreground `sase run` of `fakey/reply`, as a whole process
 *   (its CPU also as a multiple of the empty Deno program).
 *
 * Every measurement checks its answer (the parser's exact event count, a
 * completed run with fakey's reply, every detached run completed); a wrong
 * answer fails the bench with a non-zero exit instead of timing it.
 *
 * Run: `deno run -A --unstable-worker-options scripts/bench/agent.ts`
 *
 * @module
 */

import { fromFileUrl, join } from "../../core/fs/path.ts";
import { listDirSync } from "../../core/fs/list_dir.ts";
import { runAgent } from "../../core/agent/run/run.ts";
import { createProviderRegistry } from "../../providers/llm/registry.ts";
import { createClaudeStreamParser } from "../../providers/llm/streams/claude_stream.ts";
import { capturedProcessTime, emptyProgramTime, median, report } from "./_measure.ts";

const MAIN = fromFileUrl(new URL("../../main.ts", import.meta.url));
const LAUNCHES = Number(Deno.env.get("SASE_BENCH_RUNS") ?? 9);
/** Goal: `sase run -d` start to provider spawn, and `runAgent` start to spawn. */
const LAUNCH_GOAL_MS = 150;
/** Goal: a whole foreground fakey run. */
const FOREGROUND_GOAL_MS = 400;
const TARGET_BYTES = 20 * 1024 * 1024;

/** Stop the bench: its answer is not the expected one. */
function wrongAnswer(what: string): never {
  throw new Error(`wrong answer: ${what}`);
}

/** A synthetic Claude stream-json transcript of about `bytes` bytes, and its turn count. */
function transcript(bytes: number): { lines: string[]; turns: number } {
  const session = crypto.randomUUID();
  const lines: string[] = [];
  let size = 0;
  let turn = 0;
  for (; size < bytes; turn++) {
    const id = `toolu_${turn}`;
    const batch = [
      {
        type: "assistant",
        session_id: session,
        message: {
          role: "assistant",
          content: [{ type: "text", text: `Step ${turn}: ${"lorem ipsum dolor ".repeat(20)}` }],
        },
      },
      {
        type: "assistant",
        session_id: session,
        message: {
          role: "assistant",
          content: [{
            type: "tool_use",
            id,
            name: "Bash",
            input: { command: `ls -la dir${turn}` },
          }],
        },
      },
      {
        type: "user",
        session_id: session,
        message: {
          role: "user",
          content: [{ type: "tool_result", tool_use_id: id, content: "x\n".repeat(100) }],
        },
      },
    ];
    for (const event of batch) {
      const line = JSON.stringify(event);
      lines.push(line);
      size += line.length + 1;
    }
  }
  return { lines, turns: turn };
}

function parseThroughput(): void {
  const { lines, turns } = transcript(TARGET_BYTES);
  const bytes = lines.reduce((sum, line) => sum + line.length + 1, 0);
  // One session event, then per turn its text, its tool call and the call's result.
  const expected = 1 + 3 * turns;
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const parser = createClaudeStreamParser();
    const started = performance.now();
    let events = 0;
    for (const line of lines) events += parser.push(line).length;
    best = Math.min(best, performance.now() - started);
    if (events !== expected) wrongAnswer(`the parser produced ${events} events, not ${expected}`);
  }
  report({
    bench: "agent",
    name: `parse ${Math.round(bytes / 1024 / 1024)} MB Claude stream-json`,
    value: bytes / 1024 / 1024 / (best / 1000),
    unit: "MB/s",
    goal: 100,
    better: "higher",
    metric: "throughput",
  });
}

/** When a run reached each step of its launch (epoch ms), from its `agent_meta.json`. */
interface LaunchSteps {
  /** The launching CLI allocated the run (`started_at`). */
  prepared: number;
  /** The runner claimed the workspace and began (`run_started_at`). */
  started: number;
  /** The provider process was spawned (`agent_spawned_at`). */
  spawned: number;
}

/** Every run's launch steps, and the outcome of every run with a `done.json`. */
async function runStates(
  saseHome: string,
): Promise<{ spawned: LaunchSteps[]; outcomes: string[] }> {
  const spawned: LaunchSteps[] = [];
  const outcomes: string[] = [];
  const stack = [join(saseHome, "projects")];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    // A directory may vanish while it is listed (a detached run's records being written).
    for (const entry of listDirSync(dir)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory) stack.push(path);
      else if (entry.name === "done.json") {
        outcomes.push(String(JSON.parse(await Deno.readTextFile(path)).outcome));
      } else if (entry.name === "agent_meta.json") {
        const meta = JSON.parse(await Deno.readTextFile(path));
        const steps = {
          prepared: Date.parse(meta.started_at),
          started: Date.parse(meta.run_started_at),
          spawned: Date.parse(meta.agent_spawned_at),
        };
        if (Object.values(steps).every(Number.isFinite)) spawned.push(steps);
      }
    }
  }
  return { spawned, outcomes };
}

/** A temp home with nothing in it but what sase writes, and the environment to run in it. */
async function tempHome(): Promise<{ root: string; env: Record<string, string> }> {
  const root = await Deno.makeTempDir({ prefix: "sase-bench-agent-" });
  const real = Deno.env.toObject();
  return {
    root,
    env: {
      HOME: root,
      SASE_HOME: join(root, ".sase"),
      XDG_CONFIG_HOME: join(root, ".config"),
      XDG_STATE_HOME: join(root, ".local", "state"),
      XDG_DATA_HOME: join(root, ".local", "share"),
      XDG_CACHE_HOME: join(root, ".cache"),
      PATH: real.PATH ?? "/usr/bin:/bin",
      NO_COLOR: "1",
      DENO_NO_UPDATE_CHECK: "1",
      // A temp HOME must not move Deno's module cache (the fakey child would re-download).
      DENO_DIR: real.DENO_DIR ?? join(real.HOME ?? "/root", ".cache", "deno"),
    },
  };
}

/** `runAgent` start to the provider's spawn, in-process (no CLI, no runner). */
async function inProcessLaunch(root: string, env: Record<string, string>): Promise<void> {
  const samples: number[] = [];
  const registry = createProviderRegistry();
  for (let run = 0; run < 5; run++) {
    const started = Date.now();
    const result = await runAgent({ prompt: "bench", model: "fakey/reply" }, {
      providers: registry,
      config: {},
      env,
      cwd: root,
      notify: false,
    });
    if (result.outcome !== "completed" || result.reply !== "Hello from fakey. You asked: bench") {
      wrongAnswer(`in-process run ${run}: ${result.outcome}: ${result.error ?? result.reply}`);
    }
    const meta = JSON.parse(await Deno.readTextFile(join(result.dir, "agent_meta.json")));
    samples.push(Date.parse(meta.agent_spawned_at) - started);
  }
  report({
    bench: "agent",
    name: "runAgent start to provider spawn (in-process, fakey)",
    value: median(samples),
    unit: "ms",
    goal: LAUNCH_GOAL_MS,
    metric: "wall",
  });
}

/**
 * `sase run --daemon` from the CLI process's start to the provider's spawn,
 * one launch at a time: the previous agent must have finished, so each
 * launch is one launch's latency on a quiet machine, not a burst's.
 */
async function daemonLaunch(root: string, env: Record<string, string>): Promise<void> {
  const starts: number[] = [];
  for (let run = 0; run < LAUNCHES; run++) {
    starts.push(Date.now());
    const output = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "--unstable-worker-options",
        MAIN,
        "run",
        "--daemon",
        `%m:fakey/reply b${run}`,
      ],
      env,
      clearEnv: true,
      cwd: root,
      stdout: "null",
      stderr: "piped",
    }).output();
    if (!output.success) throw new Error(new TextDecoder().decode(output.stderr));
    while ((await runStates(env.SASE_HOME)).outcomes.length <= run) {
      await new Promise((done) => setTimeout(done, 50));
    }
  }
  const states = await runStates(env.SASE_HOME);
  if (
    states.outcomes.length !== LAUNCHES ||
    states.outcomes.some((outcome) => outcome !== "completed")
  ) {
    wrongAnswer(
      `detached runs ended ${JSON.stringify(states.outcomes)}, not ${LAUNCHES} completed`,
    );
  }
  const steps = states.spawned.sort((a, b) => a.spawned - b.spawned);
  report({
    bench: "agent",
    name: "`sase run -d` start to provider spawn (fakey, from source)",
    value: median(steps.map((step, index) => step.spawned - starts[index])),
    unit: "ms",
    goal: LAUNCH_GOAL_MS,
    metric: "wall",
  });
  // Where that time goes, for information.
  const parts: [string, (step: LaunchSteps, index: number) => number][] = [
    ["CLI start to run allocated (CLI)", (step, index) => step.prepared - starts[index]],
    ["run allocated to workspace claimed (CLI, runner)", (step) => step.started - step.prepared],
    ["workspace claimed to provider spawn (runner)", (step) => step.spawned - step.started],
  ];
  for (const [part, of] of parts) {
    report({
      bench: "agent",
      name: `\`sase run -d\`: ${part}`,
      value: median(steps.map(of)),
      unit: "ms",
      metric: "wall",
    });
  }
}

/** A whole foreground `sase run` of fakey's reply scenario, its answer checked. */
async function foregroundRun(root: string, env: Record<string, string>): Promise<void> {
  const baseline = await emptyProgramTime();
  const samples: { cpuMs: number; wallMs: number }[] = [];
  for (let run = 0; run <= LAUNCHES; run++) {
    const { stdout, ...time } = await capturedProcessTime(
      [
        Deno.execPath(),
        "run",
        "-A",
        "--unstable-worker-options",
        MAIN,
        "run",
        `%m:fakey/reply f${run}`,
      ],
      { cwd: root, env },
    );
    if (stdout.trim() !== `Hello from fakey. You asked: f${run}`) {
      wrongAnswer(`foreground run ${run} printed ${JSON.stringify(stdout)}`);
    }
    // The first run creates the workspace and warms sase's caches: not timed.
    if (run > 0) samples.push(time);
  }
  report({
    bench: "agent",
    name: "foreground `sase run` of fakey/reply (whole process)",
    value: median(samples.map((sample) => sample.wallMs)),
    unit: "ms",
    goal: FOREGROUND_GOAL_MS,
    metric: "wall",
  });
  report({
    bench: "agent",
    name: "foreground `sase run` of fakey/reply (whole process)",
    value: median(samples.map((sample) => sample.cpuMs)) / baseline.cpuMs,
    unit: "x",
    metric: "cpu",
  });
}

/** Run `bench` in a temp home of its own (each scenario gets its own projects and workspaces). */
async function inTempHome(
  bench: (root: string, env: Record<string, string>) => Promise<void>,
): Promise<void> {
  const home = await tempHome();
  try {
    await bench(home.root, home.env);
  } finally {
    await Deno.remove(home.root, { recursive: true });
  }
}

try {
  parseThroughput();
  await inTempHome(inProcessLaunch);
  await inTempHome(foregroundRun);
  await inTempHome(daemonLaunch);
} catch (error) {
  console.error(`agent bench failed: ${error instanceof Error ? error.message : String(error)}`);
  Deno.exitCode = 1;
}
