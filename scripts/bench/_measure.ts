/**
 * What every benchmark shares: CPU time of a whole child process, the empty
 * Deno program as the baseline measured in the same run, medians, and one
 * way to report a measurement against its goal.
 *
 * A report is a human line plus a machine line (`::bench {json}`) that
 * `scripts/bench.ts` collects into its summary table. A goal written as a
 * ratio is a multiple of the empty program's CPU time, measured in the same
 * run, because these machines are noisy and only ratios travel.
 *
 * @module
 */

/** One measurement against its goal. */
export interface BenchResult {
  /** The benchmark file's area, e.g. `bead`. */
  bench: string;
  /** What was measured, e.g. "warm `sase bead ready` (10,000 beads)". */
  name: string;
  value: number;
  /** `ms`, `x` (a multiple of the empty program's CPU time), `MB/s`, `MB`. */
  unit: string;
  /** The goal, in `unit`; absent for measurements reported for information. */
  goal?: number;
  /** Whether lower or higher is better (default lower). */
  better?: "lower" | "higher";
  /** `cpu` or `wall` time, or another quantity. */
  metric?: string;
}

/** Whether `result` meets its goal (true when it has none). */
export function meets(result: BenchResult): boolean {
  if (result.goal === undefined) return true;
  return (result.better ?? "lower") === "lower"
    ? result.value <= result.goal
    : result.value >= result.goal;
}

/** Print `result` as a human line and a `::bench` line for the summary table. */
export function report(result: BenchResult): void {
  const goal = result.goal === undefined
    ? ""
    : ` (goal ${
      (result.better ?? "lower") === "lower" ? "<=" : ">="
    } ${result.goal} ${result.unit})` +
      (meets(result) ? "" : "  MISSED");
  const metric = result.metric ? ` [${result.metric}]` : "";
  console.log(
    `${result.bench}: ${result.name}: ${format(result.value)} ${result.unit}${metric}${goal}`,
  );
  console.log(`::bench ${JSON.stringify(result)}`);
}

function format(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** The median of `samples` (the upper one of an even count). */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error("median of no samples");
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** CPU (user + system) and wall time of one whole child process. */
export interface ProcessTime {
  cpuMs: number;
  wallMs: number;
}

/** A {@linkcode ProcessTime} with what the child printed on stdout. */
export interface CapturedProcessTime extends ProcessTime {
  stdout: string;
}

/** Options of {@linkcode processTime}. */
export interface ProcessTimeOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** Text fed to the child's stdin. */
  stdin?: string;
  /** Accept a non-zero exit (default: a failing command fails the bench). */
  allowFailure?: boolean;
}

/** Options of {@linkcode capturedProcessTime}. */
export type CaptureOptions = Omit<ProcessTimeOptions, "allowFailure">;

/** `0m0.031s` as milliseconds. */
function bashDuration(text: string): number {
  const match = /^(\d+)m([\d.]+)s$/.exec(text.trim());
  if (!match) throw new Error(`unexpected \`times\` output: ${JSON.stringify(text)}`);
  return (Number(match[1]) * 60 + Number(match[2])) * 1000;
}

/**
 * Run `command` and measure it: bash's `times` reports the CPU its children
 * used (millisecond resolution), which no Deno API gives for a child.
 */
export async function processTime(
  command: readonly string[],
  options: ProcessTimeOptions = {},
): Promise<ProcessTime> {
  const { cpuMs, wallMs } = await timed(command, options, "/dev/null");
  return { cpuMs, wallMs };
}

/**
 * {@linkcode processTime} of a command whose answer the bench checks: its
 * stdout goes to a file (read after the clock stops), and a failing command
 * fails the bench.
 */
export async function capturedProcessTime(
  command: readonly string[],
  options: CaptureOptions = {},
): Promise<CapturedProcessTime> {
  const stdoutFile = await Deno.makeTempFile({ prefix: "sase-bench-stdout-" });
  try {
    const time = await timed(command, options, stdoutFile);
    return { ...time, stdout: await Deno.readTextFile(stdoutFile) };
  } finally {
    await Deno.remove(stdoutFile);
  }
}

async function timed(
  command: readonly string[],
  options: ProcessTimeOptions,
  stdoutFile: string,
): Promise<ProcessTime> {
  const quoted = command.map((word) => `'${word.replaceAll("'", `'\\''`)}'`).join(" ");
  const input = options.stdin === undefined ? "< /dev/null" : "";
  const script = `${quoted} ${input} > "$SASE_BENCH_STDOUT" 2> "$SASE_BENCH_STDERR"; ` +
    "status=$?; times; exit $status";
  const stderrFile = await Deno.makeTempFile({ prefix: "sase-bench-stderr-" });
  try {
    const started = performance.now();
    const child = new Deno.Command("bash", {
      args: ["-c", script],
      cwd: options.cwd,
      env: { ...options.env, SASE_BENCH_STDERR: stderrFile, SASE_BENCH_STDOUT: stdoutFile },
      stdin: options.stdin === undefined ? "null" : "piped",
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    if (options.stdin !== undefined) {
      const writer = child.stdin.getWriter();
      await writer.write(new TextEncoder().encode(options.stdin));
      await writer.close();
    }
    const output = await child.output();
    const wallMs = performance.now() - started;
    if (!output.success && !options.allowFailure) {
      throw new Error(
        `${command.join(" ")} failed (exit ${output.code}): ${await Deno.readTextFile(stderrFile)}`,
      );
    }
    // `times` prints the shell's own times, then its children's.
    const lines = new TextDecoder().decode(output.stdout).trim().split("\n");
    const [user, system] = lines[lines.length - 1].split(" ");
    return { cpuMs: bashDuration(user) + bashDuration(system), wallMs };
  } finally {
    await Deno.remove(stderrFile);
  }
}

/** Median CPU and wall times of `runs` runs of `command` (after one warm-up run). */
export async function medianProcessTime(
  command: readonly string[],
  runs: number,
  options: ProcessTimeOptions = {},
): Promise<ProcessTime> {
  await processTime(command, options);
  const samples: ProcessTime[] = [];
  for (let run = 0; run < runs; run++) samples.push(await processTime(command, options));
  return {
    cpuMs: median(samples.map((sample) => sample.cpuMs)),
    wallMs: median(samples.map((sample) => sample.wallMs)),
  };
}

let baseline: Promise<ProcessTime> | undefined;

/**
 * The empty Deno program's median times, measured once per process (or
 * taken from `SASE_BENCH_BASELINE`, `cpu,wall` in ms, which `deno task bench`
 * sets so every bench in one run divides by the same baseline).
 */
export function emptyProgramTime(runs = 9): Promise<ProcessTime> {
  const given = Deno.env.get("SASE_BENCH_BASELINE");
  if (given) {
    const [cpuMs, wallMs] = given.split(",").map(Number);
    return Promise.resolve({ cpuMs, wallMs });
  }
  baseline ??= (async () => {
    const dir = await Deno.makeTempDir({ prefix: "sase-bench-empty-" });
    const empty = `${dir}/empty.ts`;
    await Deno.writeTextFile(empty, "export {};\n");
    try {
      return await medianProcessTime([Deno.execPath(), "run", "-A", empty], runs, {
        env: { DENO_NO_UPDATE_CHECK: "1", HOME: Deno.env.get("HOME") ?? dir },
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  })();
  return baseline;
}
