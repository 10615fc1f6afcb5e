/**
 * `deno task bench`: cold-start measurements of the CLI, then every
 * subsystem benchmark in `scripts/bench/` (each a standalone script that
 * prints its own measurement lines and exits non-zero when its answer is
 * wrong). The task fails when any benchmark fails, so a broken benchmark is
 * never mistaken for a measurement.
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import { join } from "node:path";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const RUNS = Number(Deno.env.get("SASE_BENCH_RUNS") ?? 15);

async function timeRun(args: string[]): Promise<number> {
  const started = performance.now();
  const output = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    stdout: "null",
    stderr: "piped",
    env: { DENO_NO_UPDATE_CHECK: "1" },
  }).output();
  const elapsed = performance.now() - started;
  if (!output.success) {
    throw new Error(`deno ${args.join(" ")} failed: ${new TextDecoder().decode(output.stderr)}`);
  }
  return elapsed;
}

async function median(args: string[]): Promise<number> {
  await timeRun(args);
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run++) samples.push(await timeRun(args));
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

async function coldStart(): Promise<void> {
  const empty = await Deno.makeTempFile({ suffix: ".ts" });
  await Deno.writeTextFile(empty, "export {};\n");
  try {
    const baseline = await median(["run", "-A", empty]);
    console.log(`startup: empty Deno program: ${baseline.toFixed(1)} ms (median of ${RUNS})`);
    for (const flag of ["--version", "--help"]) {
      const time = await median(["run", "-A", join(ROOT, "main.ts"), flag]);
      const ratio = time / baseline;
      console.log(
        `startup: sase ${flag}: ${time.toFixed(1)} ms = ${
          ratio.toFixed(2)
        }x empty program (goal < 1.5x)`,
      );
    }
  } finally {
    await Deno.remove(empty);
  }
}

/** Run every `scripts/bench/*.ts`; the names of those that failed. */
async function subsystemBenches(): Promise<string[]> {
  const dir = join(ROOT, "scripts", "bench");
  const files: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isFile && entry.name.endsWith(".ts") && !entry.name.startsWith("_")) {
      files.push(entry.name);
    }
  }
  const failed: string[] = [];
  for (const file of files.sort()) {
    const status = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--unstable-worker-options", join(dir, file)],
      cwd: ROOT,
      stdout: "inherit",
      stderr: "inherit",
    }).spawn().status;
    if (!status.success) {
      console.log(`bench: ${file} failed with exit code ${status.code}`);
      failed.push(file);
    }
  }
  return failed;
}

await coldStart();
const failed = await subsystemBenches();
if (failed.length > 0) {
  console.error(`bench: ${failed.length} of the benchmarks failed: ${failed.join(", ")}`);
  Deno.exit(1);
}
