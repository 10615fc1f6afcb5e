/**
 * Agent index benchmark: 5,000 synthetic run directories (4 projects over
 * 30 days, 10 still live) in a temp `SASE_HOME`.
 *
 * Prints one line per measurement: `sase agent list -j` as a whole process
 * from source on a warm index (and `-a`), the cold first listing that builds
 * the index, and `sase agent index rebuild`.
 * Every sample checks its answer (the live rows in the listing, the exact
 * row count with `-a`, every run indexed by a rebuild); a wrong answer
 * fails the bench with a non-zero exit instead of timing it.
 * Run: `deno run -A scripts/bench/agent_index.ts`.
 *
 * @module
 */

import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runDirPath } from "../../core/agent/records/artifacts.ts";

const RUNS = 5_000;
const PROJECTS = 4;
const SAMPLES = Number(Deno.env.get("SASE_BENCH_RUNS") ?? 15);
const MAIN = fileURLToPath(new URL("../../main.ts", import.meta.url));

function stamp(index: number): string {
  // Spread over 30 days, one run every ~8.6 minutes.
  const date = new Date(Date.UTC(2026, 0, 1) + index * 518_000);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
    `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`;
}

function generate(saseHome: string): void {
  const env = { SASE_HOME: saseHome };
  const outcomes = ["completed", "completed", "completed", "failed", "killed"];
  for (let i = 0; i < RUNS; i++) {
    const live = i % 500 === 7;
    const timestamp = stamp(i);
    const dir = runDirPath(env, `project${i % PROJECTS}`, timestamp);
    Deno.mkdirSync(dir, { recursive: true });
    Deno.writeTextFileSync(join(dir, "raw_xprompt.md"), `#bench prompt number ${i}\n`);
    Deno.writeTextFileSync(
      join(dir, "agent_meta.json"),
      JSON.stringify({
        name: `bench-${i}`,
        workflow_name: "ace-run",
        timestamp,
        project: `project${i % PROJECTS}`,
        llm_provider: "claude",
        model: "opus",
        started_at: new Date(Date.UTC(2026, 0, 1) + i * 518_000).toISOString(),
        status: live ? "waiting" : "running",
        waiting_for: live ? [`bench-${i - 1}`] : [],
        output_variables: { step: String(i) },
      }),
    );
    if (!live) {
      Deno.writeTextFileSync(
        join(dir, "done.json"),
        JSON.stringify({
          outcome: outcomes[i % outcomes.length],
          finished_at: new Date(Date.UTC(2026, 0, 1) + i * 518_000 + 60_000).toISOString(),
          image_paths: [],
          markdown_pdf_paths: [],
        }),
      );
    }
  }
  // As if written long ago: the index looks again at anything just modified.
  const past = new Date(Date.now() - 86_400_000);
  for (let p = 0; p < PROJECTS; p++) {
    const root = join(saseHome, "projects", `project${p}`, "artifacts", "ace-run");
    for (const month of Deno.readDirSync(root)) {
      for (const day of Deno.readDirSync(join(root, month.name))) {
        const shard = join(root, month.name, day.name);
        for (const run of Deno.readDirSync(shard)) {
          for (const file of Deno.readDirSync(join(shard, run.name))) {
            Deno.utimeSync(join(shard, run.name, file.name), past, past);
          }
        }
        Deno.utimeSync(shard, past, past);
      }
    }
  }
}

/** Checks one command's stdout; throws when it is not the expected answer. */
type Check = (stdout: string) => void;

/** Stop the bench: its answer is not the expected one. */
function wrongAnswer(what: string): never {
  throw new Error(`wrong answer: ${what}`);
}

async function sase(env: Record<string, string>, args: string[], check: Check): Promise<number> {
  const started = performance.now();
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--unstable-worker-options", MAIN, ...args],
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const elapsed = performance.now() - started;
  if (!output.success) throw new Error(new TextDecoder().decode(output.stderr));
  check(new TextDecoder().decode(output.stdout));
  return elapsed;
}

/** The names of the runs `generate` leaves without `done.json` (still waiting). */
const LIVE_NAMES = Array.from({ length: RUNS }, (_, i) => i)
  .filter((i) => i % 500 === 7)
  .map((i) => `bench-${i}`);

function rows(stdout: string): { name: string; status: string }[] {
  const parsed = JSON.parse(stdout);
  if (!Array.isArray(parsed)) wrongAnswer(`expected a JSON array, got ${stdout.slice(0, 80)}`);
  return parsed;
}

/** Default listing: every live run is there (finished ones only if recent by today's clock). */
const listsLive: Check = (stdout) => {
  const names = new Set(rows(stdout).map((row) => row.name));
  const missing = LIVE_NAMES.filter((name) => !names.has(name));
  if (LIVE_NAMES.length === 0 || missing.length > 0) {
    wrongAnswer(`agent list -j is missing live runs ${missing.join(", ")}`);
  }
};

/** `-a`: 50 finished runs per project plus every live run. */
const listsAll: Check = (stdout) => {
  const listed = rows(stdout);
  const expected = PROJECTS * 50 + LIVE_NAMES.length;
  if (listed.length !== expected) {
    wrongAnswer(`agent list -j -a gave ${listed.length} rows, not ${expected}`);
  }
  listsLive(stdout);
};

/** A rebuild indexes every generated run. */
const rebuildsAll: Check = (stdout) => {
  const added = JSON.parse(stdout).added;
  if (added !== RUNS) wrongAnswer(`agent index rebuild indexed ${added} runs, not ${RUNS}`);
};

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function measure(
  env: Record<string, string>,
  args: string[],
  samples: number,
  check: Check,
  before?: () => Promise<void>,
): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < samples; run++) {
    await before?.();
    times.push(await sase(env, args, check));
  }
  return median(times);
}

const root = await Deno.makeTempDir({ prefix: "sase-bench-index-" });
try {
  const real = Deno.env.toObject();
  const saseHome = join(root, ".sase");
  const env = {
    ...real,
    HOME: root,
    SASE_HOME: saseHome,
    NO_COLOR: "1",
    DENO_NO_UPDATE_CHECK: "1",
    // A temp HOME must not move Deno's module cache.
    DENO_DIR: real.DENO_DIR ?? join(real.HOME ?? "/root", ".cache", "deno"),
  };
  generate(saseHome);
  const index = join(saseHome, "agent_artifact_index.sqlite");
  const dropIndex = async () => {
    for (const suffix of ["", "-wal", "-shm"]) await Deno.remove(index + suffix).catch(() => {});
  };

  const cold = await measure(env, ["agent", "list", "-j"], 5, listsLive, dropIndex);
  console.log(
    `agent_index: cold \`sase agent list -j\` (builds the index of ${RUNS} runs, whole process): ` +
      `${cold.toFixed(0)} ms median (goal < 3000 ms)`,
  );
  const rebuild = await measure(env, ["agent", "index", "rebuild", "-j"], 5, rebuildsAll);
  console.log(
    `agent_index: \`sase agent index rebuild\` of ${RUNS} runs (whole process): ` +
      `${rebuild.toFixed(0)} ms median (goal < 3000 ms)`,
  );
  await sase(env, ["agent", "list", "-j"], listsLive);
  const warm = await measure(env, ["agent", "list", "-j"], SAMPLES, listsLive);
  console.log(
    `agent_index: warm \`sase agent list -j\` over ${RUNS} runs (whole process, from source): ` +
      `${warm.toFixed(0)} ms median (goal < 100 ms)`,
  );
  const warmAll = await measure(env, ["agent", "list", "-j", "-a"], SAMPLES, listsAll);
  console.log(
    `agent_index: warm \`sase agent list -j -a\` (${PROJECTS} x 50 finished + live rows): ` +
      `${warmAll.toFixed(0)} ms median`,
  );
} catch (error) {
  console.error(
    `agent_index bench failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  Deno.exitCode = 1;
} finally {
  await Deno.remove(root, { recursive: true });
}
