/**
 * Agent index benchmark: synthetic run directories (4 projects, one run a
 * minute, 10 of them still live) in temp `SASE_HOME`s of 1,000, 5,000 and
 * 50,000 runs.
 *
 * Measures `sase agent list -j` as a whole process from source: the cold
 * first listing that builds the index of 5,000 runs, `sase agent index
 * rebuild` of them, the warm listing (and `-a`), and how the warm listing
 * grows with the history: its CPU time over 50,000 runs as a multiple of its
 * CPU time over 1,000 (the two sampled alternately, so load on the machine
 * hits both alike).
 *
 * Every sample checks its answer (the live runs in the listing, the exact
 * row count with `-a`, every run indexed by a rebuild); a wrong answer fails
 * the bench with a non-zero exit instead of timing it.
 *
 * Run: `deno run -A scripts/bench/agent_index.ts`.
 *
 * @module
 */

import { join } from "node:path";
import { runDirPath } from "../../core/agent/records/artifacts.ts";
import { median, type ProcessTime, report } from "./_measure.ts";
import { homeEnv, timeSase } from "./_sase.ts";

const PROJECTS = 4;
const LIVE = 10;
const SAMPLES = Number(Deno.env.get("SASE_BENCH_RUNS") ?? 15);
const START = Date.UTC(2026, 0, 1);
const INTERVAL_MS = 60_000;

function stamp(index: number): string {
  const date = new Date(START + index * INTERVAL_MS);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
    `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`;
}

/** Which runs are live: the last `LIVE` of every 100th, so each history has the same few. */
function isLive(index: number, runs: number): boolean {
  return index >= runs - 100 * LIVE && index % 100 === 7;
}

/** The names of the runs `generate` leaves without `done.json` (still waiting). */
function liveNames(runs: number): string[] {
  return Array.from({ length: runs }, (_, i) => i).filter((i) => isLive(i, runs))
    .map((i) => `bench-${i}`);
}

function generate(saseHome: string, runs: number): void {
  const env = { SASE_HOME: saseHome };
  const outcomes = ["completed", "completed", "completed", "failed", "killed"];
  for (let i = 0; i < runs; i++) {
    const live = isLive(i, runs);
    const timestamp = stamp(i);
    const project = `project${i % PROJECTS}`;
    const dir = runDirPath(env, project, timestamp);
    Deno.mkdirSync(dir, { recursive: true });
    Deno.writeTextFileSync(join(dir, "raw_xprompt.md"), `#bench prompt number ${i}\n`);
    Deno.writeTextFileSync(
      join(dir, "agent_meta.json"),
      JSON.stringify({
        name: `bench-${i}`,
        workflow_name: "ace-run",
        timestamp,
        project,
        llm_provider: "claude",
        model: "opus",
        started_at: new Date(START + i * INTERVAL_MS).toISOString(),
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
          finished_at: new Date(START + i * INTERVAL_MS + 45_000).toISOString(),
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

function rows(stdout: string): { name: string; status: string }[] {
  const parsed = JSON.parse(stdout);
  if (!Array.isArray(parsed)) wrongAnswer(`expected a JSON array, got ${stdout.slice(0, 80)}`);
  return parsed;
}

/** Default listing: every live run is there (finished ones only if recent by today's clock). */
function listsLive(runs: number): Check {
  const live = liveNames(runs);
  return (stdout) => {
    const names = new Set(rows(stdout).map((row) => row.name));
    const missing = live.filter((name) => !names.has(name));
    if (live.length === 0 || missing.length > 0) {
      wrongAnswer(`agent list -j over ${runs} runs is missing live runs ${missing.join(", ")}`);
    }
  };
}

/** `-a`: the 50 newest finished runs of each project plus every live run. */
function listsAll(runs: number): Check {
  return (stdout) => {
    const listed = rows(stdout);
    const expected = PROJECTS * 50 + LIVE;
    if (listed.length !== expected) {
      wrongAnswer(`agent list -j -a gave ${listed.length} rows, not ${expected}`);
    }
    const newestFinished = Array.from({ length: runs }, (_, i) => runs - 1 - i)
      .find((i) => !isLive(i, runs));
    if (!listed.some((row) => row.name === `bench-${newestFinished}`)) {
      wrongAnswer(`agent list -j -a is missing the newest finished run bench-${newestFinished}`);
    }
    listsLive(runs)(stdout);
  };
}

/** A rebuild indexes every generated run. */
function rebuildsAll(runs: number): Check {
  return (stdout) => {
    const added = JSON.parse(stdout).added;
    if (added !== runs) wrongAnswer(`agent index rebuild indexed ${added} runs, not ${runs}`);
  };
}

/** One `sase` process in a temp home: its times, its answer checked. */
async function sase(home: string, args: string[], check: Check): Promise<ProcessTime> {
  const result = await timeSase(args, homeEnv(home));
  check(result.stdout);
  return result;
}

/** Median times of `samples` runs (each preceded by `before`). */
async function measure(
  home: string,
  args: string[],
  samples: number,
  check: Check,
  before?: () => Promise<void>,
): Promise<ProcessTime> {
  const times: ProcessTime[] = [];
  for (let run = 0; run < samples; run++) {
    await before?.();
    times.push(await sase(home, args, check));
  }
  return {
    cpuMs: median(times.map((time) => time.cpuMs)),
    wallMs: median(times.map((time) => time.wallMs)),
  };
}

const root = await Deno.makeTempDir({ prefix: "sase-bench-index-" });
try {
  const homes = new Map<number, string>();
  for (const runs of [1_000, 5_000, 50_000]) {
    const home = join(root, `home-${runs}`);
    generate(join(home, ".sase"), runs);
    homes.set(runs, home);
  }
  const mid = homes.get(5_000)!;
  const index = join(mid, ".sase", "agent_artifact_index.sqlite");
  const dropIndex = async () => {
    for (const suffix of ["", "-wal", "-shm"]) await Deno.remove(index + suffix).catch(() => {});
  };

  const cold = await measure(mid, ["agent", "list", "-j"], 5, listsLive(5_000), dropIndex);
  report({
    bench: "agent_index",
    name: "cold `sase agent list -j` (builds the index of 5,000 runs)",
    value: cold.wallMs,
    unit: "ms",
    goal: 3000,
    metric: "wall",
  });
  const rebuild = await measure(mid, ["agent", "index", "rebuild", "-j"], 5, rebuildsAll(5_000));
  report({
    bench: "agent_index",
    name: "`sase agent index rebuild` of 5,000 runs",
    value: rebuild.wallMs,
    unit: "ms",
    goal: 3000,
    metric: "wall",
  });
  await sase(mid, ["agent", "list", "-j"], listsLive(5_000));
  const warm = await measure(mid, ["agent", "list", "-j"], SAMPLES, listsLive(5_000));
  report({
    bench: "agent_index",
    name: "warm `sase agent list -j` (5,000 runs)",
    value: warm.wallMs,
    unit: "ms",
    goal: 100,
    metric: "wall",
  });
  const warmAll = await measure(mid, ["agent", "list", "-j", "-a"], SAMPLES, listsAll(5_000));
  report({
    bench: "agent_index",
    name: `warm \`sase agent list -j -a\` (${PROJECTS} x 50 finished + live rows of 5,000)`,
    value: warmAll.wallMs,
    unit: "ms",
    metric: "wall",
  });

  // Growth with the history: the same listing over 1,000 and 50,000 runs, alternately.
  const small = homes.get(1_000)!;
  const large = homes.get(50_000)!;
  await sase(small, ["agent", "list", "-j"], listsLive(1_000)); // builds the indexes
  await sase(large, ["agent", "list", "-j"], listsLive(50_000));
  const smallTimes: ProcessTime[] = [];
  const largeTimes: ProcessTime[] = [];
  for (let run = 0; run < SAMPLES; run++) {
    smallTimes.push(await sase(small, ["agent", "list", "-j"], listsLive(1_000)));
    largeTimes.push(await sase(large, ["agent", "list", "-j"], listsLive(50_000)));
  }
  const smallCpu = median(smallTimes.map((time) => time.cpuMs));
  const largeCpu = median(largeTimes.map((time) => time.cpuMs));
  report({
    bench: "agent_index",
    name: "warm `sase agent list -j` over 1,000 runs",
    value: smallCpu,
    unit: "ms",
    metric: "cpu",
  });
  report({
    bench: "agent_index",
    name: "warm `sase agent list -j` over 50,000 runs",
    value: largeCpu,
    unit: "ms",
    metric: "cpu",
  });
  report({
    bench: "agent_index",
    name: "warm `sase agent list -j`: 50,000 runs over 1,000 runs",
    value: largeCpu / smallCpu,
    unit: "x",
    goal: 1.2,
    metric: "cpu",
  });
} catch (error) {
  console.error(
    `agent_index bench failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  Deno.exitCode = 1;
} finally {
  await Deno.remove(root, { recursive: true });
}
