/**
 * Agent launch benchmarks: stream-json parsing throughput (a 20 MB Claude
 * transcript through the Claude parser) and launch overhead from the start
 * of a launch to the provider child's spawn (fakey), both in-process
 * (`runAgent`, unsandboxed) and through `sase run --daemon` from source
 * (CLI, detached runner, sandbox worker).
 *
 * Every measurement checks its answer (the parser's exact event count, a
 * completed run with fakey's reply, every detached run completed); a wrong
 * answer fails the bench with a non-zero exit instead of timing it.
 *
 * Run: `deno run -A scripts/bench/agent.ts`
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { runAgent } from "../../core/agent/run/run.ts";
import { createProviderRegistry } from "../../providers/llm/registry.ts";
import { createClaudeStreamParser } from "../../providers/llm/streams/claude_stream.ts";

const MAIN = fileURLToPath(new URL("../../main.ts", import.meta.url));
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
  const rate = bytes / 1024 / 1024 / (best / 1000);
  console.log(
    `agent: parse ${Math.round(bytes / 1024 / 1024)} MB stream-json: ${
      Math.round(rate)
    } MB/s (goal > 100 MB/s)`,
  );
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Every run's `agent_spawned_at`, and the outcome of every run with a `done.json`. */
async function runStates(saseHome: string): Promise<{ spawned: number[]; outcomes: string[] }> {
  const spawned: number[] = [];
  const outcomes: string[] = [];
  const stack = [join(saseHome, "projects")];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for await (const entry of Deno.readDir(dir)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory) stack.push(path);
      else if (entry.name === "done.json") {
        outcomes.push(String(JSON.parse(await Deno.readTextFile(path)).outcome));
      } else if (entry.name === "agent_meta.json") {
        const at = Date.parse(JSON.parse(await Deno.readTextFile(path)).agent_spawned_at);
        if (Number.isFinite(at)) spawned.push(at);
      }
    }
  }
  return { spawned, outcomes };
}

async function launchOverhead(): Promise<void> {
  const root = await Deno.makeTempDir({ prefix: "sase-bench-agent-" });
  const real = Deno.env.toObject();
  const env = {
    ...real,
    HOME: root,
    SASE_HOME: join(root, ".sase"),
    NO_COLOR: "1",
    // A temp HOME must not move Deno's module cache (the fakey child would re-download).
    DENO_DIR: real.DENO_DIR ?? join(real.HOME ?? "/root", ".cache", "deno"),
  };
  try {
    const inProcess: number[] = [];
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
      inProcess.push(Date.parse(meta.agent_spawned_at) - started);
    }
    console.log(
      `agent: launch overhead, runAgent start to provider spawn (fakey): ${
        median(inProcess)
      } ms median (goal < 150 ms)`,
    );

    const cliHome = join(root, "cli");
    const cliEnv = { ...env, SASE_HOME: join(cliHome, ".sase") };
    const starts: number[] = [];
    for (let run = 0; run < 9; run++) {
      starts.push(Date.now());
      const output = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "-A",
          "--unstable-worker-options",
          MAIN,
          "run",
          "--daemon",
          "%m:fakey/reply b",
        ],
        env: cliEnv,
        cwd: root,
        stdout: "null",
        stderr: "piped",
      }).output();
      if (!output.success) throw new Error(new TextDecoder().decode(output.stderr));
      // One at a time, each on a quiet machine: the measure is one launch's
      // latency, not a burst's, so the previous agent must have finished.
      while ((await runStates(cliEnv.SASE_HOME)).outcomes.length <= run) {
        await new Promise((done) => setTimeout(done, 50));
      }
    }
    const states = await runStates(cliEnv.SASE_HOME);
    if (
      states.outcomes.length !== 9 || states.outcomes.some((outcome) => outcome !== "completed")
    ) {
      wrongAnswer(`detached runs ended ${JSON.stringify(states.outcomes)}, not 9 completed`);
    }
    const spawned = states.spawned.sort((a, b) => a - b);
    const cli = spawned.map((time, index) => time - starts[index]);
    console.log(
      `agent: launch overhead, \`sase run --daemon\` start to provider spawn (fakey, from source): ${
        median(cli)
      } ms median (goal < 150 ms)`,
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

try {
  parseThroughput();
  await launchOverhead();
} catch (error) {
  console.error(`agent bench failed: ${error instanceof Error ? error.message : String(error)}`);
  Deno.exit(1);
}
