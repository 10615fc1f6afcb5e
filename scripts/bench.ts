/**
 * `deno task bench`: the empty Deno program first (the baseline every ratio
 * in this run divides by, handed to each bench as `SASE_BENCH_BASELINE`),
 * then sase's start-up (`--version`, `--help`), then every subsystem
 * benchmark in `scripts/bench/`, and at the end one table of every
 * measurement with its goal and whether it was met.
 *
 * Each bench reports through `scripts/bench/_measure.ts` `report()`, whose
 * `::bench {json}` lines this script collects (and keeps off the screen; the
 * human line beside each is shown). A bench that fails (a wrong answer, a
 * crash) fails the task, so a broken benchmark is never mistaken for a
 * measurement; a missed goal is shown as MISSED in the table.
 *
 * `SASE_BENCH_ONLY=<word>` runs only the benches whose file name contains it.
 *
 * @module
 */

import { fromFileUrl, join } from "../core/fs/path.ts";
import {
  type BenchResult,
  emptyProgramTime,
  medianProcessTime,
  meets,
  report,
} from "./bench/_measure.ts";

const ROOT = fromFileUrl(new URL("..", import.meta.url));
const MAIN = join(ROOT, "main.ts");
const RUNS = Number(Deno.env.get("SASE_BENCH_RUNS") ?? 15);
/** Start-up goal: `--version` and `--help` at most this multiple of the empty program. */
const STARTUP_GOAL = 1.3;

const results: BenchResult[] = [];

/** Report `result` and keep it for the summary table. */
function record(result: BenchResult): void {
  report(result);
  results.push(result);
}

/** The empty program, then `sase --version` and `sase --help`, as CPU ratios and wall times. */
async function startup(): Promise<string> {
  const baseline = await emptyProgramTime(RUNS);
  record({
    bench: "startup",
    name: "empty Deno program",
    value: baseline.cpuMs,
    unit: "ms",
    metric: "cpu",
  });
  record({
    bench: "startup",
    name: "empty Deno program",
    value: baseline.wallMs,
    unit: "ms",
    metric: "wall",
  });
  const env = { DENO_NO_UPDATE_CHECK: "1", HOME: Deno.env.get("HOME") ?? ROOT };
  for (const flag of ["--version", "--help"]) {
    const time = await medianProcessTime([Deno.execPath(), "run", "-A", MAIN, flag], RUNS, { env });
    record({
      bench: "startup",
      name: `sase ${flag}`,
      value: time.cpuMs / baseline.cpuMs,
      unit: "x",
      goal: STARTUP_GOAL,
      metric: "cpu",
    });
    record({
      bench: "startup",
      name: `sase ${flag}`,
      value: time.wallMs,
      unit: "ms",
      metric: "wall",
    });
  }
  return `${baseline.cpuMs},${baseline.wallMs}`;
}

/** A `::bench` line's measurement, or null for any other line. */
function benchLine(line: string): BenchResult | null {
  if (!line.startsWith("::bench ")) return null;
  return JSON.parse(line.slice("::bench ".length)) as BenchResult;
}

/** Run one bench file, showing its human lines and collecting its measurements; its success. */
async function runBench(path: string, baseline: string): Promise<boolean> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--unstable-worker-options", path],
    cwd: ROOT,
    env: { SASE_BENCH_BASELINE: baseline },
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  let pending = "";
  const decoder = new TextDecoder();
  const take = (line: string) => {
    const result = benchLine(line);
    if (result) results.push(result);
    else console.log(line);
  };
  for await (const chunk of child.stdout) {
    pending += decoder.decode(chunk, { stream: true });
    const lines = pending.split("\n");
    pending = lines.pop()!;
    lines.forEach(take);
  }
  if (pending) take(pending);
  return (await child.status).success;
}

/** Run every `scripts/bench/*.ts`; the names of those that failed. */
async function subsystemBenches(baseline: string): Promise<string[]> {
  const dir = join(ROOT, "scripts", "bench");
  const only = Deno.env.get("SASE_BENCH_ONLY");
  const files: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isFile && entry.name.endsWith(".ts") && !entry.name.startsWith("_")) {
      if (!only || entry.name.includes(only)) files.push(entry.name);
    }
  }
  const failed: string[] = [];
  for (const file of files.sort()) {
    if (!(await runBench(join(dir, file), baseline))) {
      console.log(`bench: ${file} FAILED`);
      failed.push(file);
    }
  }
  return failed;
}

function formatValue(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** The summary: one row per measurement, its goal and whether it was met. */
function summary(): string {
  const rows = results.map((result) => [
    result.bench,
    result.name,
    result.metric ?? "",
    `${formatValue(result.value)} ${result.unit}`,
    result.goal === undefined
      ? ""
      : `${(result.better ?? "lower") === "lower" ? "<=" : ">="} ${result.goal} ${result.unit}`,
    result.goal === undefined ? "" : meets(result) ? "met" : "MISSED",
  ]);
  const header = ["bench", "measurement", "metric", "value", "goal", ""];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length))
  );
  const line = (cells: string[]) =>
    cells.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd();
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)]
    .join("\n");
}

const baseline = await startup();
const failed = await subsystemBenches(baseline);
const withGoals = results.filter((result) => result.goal !== undefined);
const missed = withGoals.filter((result) => !meets(result));
console.log(`\n${summary()}\n`);
console.log(
  `bench: ${withGoals.length - missed.length} of ${withGoals.length} goals met` +
    (missed.length ? `; missed: ${missed.map((result) => result.name).join(", ")}` : ""),
);
if (failed.length > 0) {
  console.error(`bench: ${failed.length} of the benchmarks failed: ${failed.join(", ")}`);
  Deno.exit(1);
}
