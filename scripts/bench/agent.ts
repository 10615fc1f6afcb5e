/**
 * Agent launch benchmarks: stream-json parsing throughput (a 20 MB Claude
 * transcript through the Claude parser) and launch overhead from the start
 * of a launch to the provider child's spawn (fakey), both in-process
 * (`runAgent`, unsandboxed) and through `sase run --daemon` from source
 * (CLI, detached runner, sandbox worker).
 *
 * Run: `deno run -A scripts/bench/agent.ts`
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { runAgent } from "../../core/agent/run.ts";
import { createProviderRegistry } from "../../providers/llm/registry.ts";
import { createClaudeStreamParser } from "../../providers/llm/streams/claude_stream.ts";

const MAIN = fileURLToPath(new URL("../../main.ts", import.meta.url));
const TARGET_BYTES = 20 * 1024 * 1024;

/** A synthetic Claude stream-json transcript of about `bytes` bytes. */
function transcript(bytes: number): string[] {
  const session = crypto.randomUUID();
  const lines: string[] = [];
  let size = 0;
  for (let turn = 0; size < bytes; turn++) {
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
  return lines;
}

function parseThroughput(): void {
  const lines = transcript(TARGET_BYTES);
  const bytes = lines.reduce((sum, line) => sum + line.length + 1, 0);
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const parser = createClaudeStreamParser();
    const started = performance.now();
    let events = 0;
    for (const line of lines) events += parser.push(line).length;
    best = Math.min(best, performance.now() - started);
    if (events === 0) throw new Error("parser produced no events");
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

/** Every run's `agent_spawned_at` and how many runs have a `done.json`. */
async function runStates(saseHome: string): Promise<{ spawned: number[]; done: number }> {
  const spawned: number[] = [];
  let done = 0;
  const stack = [join(saseHome, "projects")];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for await (const entry of Deno.readDir(dir)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory) stack.push(path);
      else if (entry.name === "done.json") done++;
      else if (entry.name === "agent_meta.json") {
        const at = Date.parse(JSON.parse(await Deno.readTextFile(path)).agent_spawned_at);
        if (Number.isFinite(at)) spawned.push(at);
      }
    }
  }
  return { spawned, done };
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
      while ((await runStates(cliEnv.SASE_HOME)).done <= run) {
        await new Promise((done) => setTimeout(done, 50));
      }
    }
    const spawned = (await runStates(cliEnv.SASE_HOME)).spawned.sort((a, b) => a - b);
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

parseThroughput();
await launchOverhead();
