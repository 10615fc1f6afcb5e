/**
 * SDD validation at scale: a tree of 2,500 prompt/plan pairs (5,000 files)
 * shaped like a long-lived project's, and `sase sdd validate -j` over it as a
 * whole process (goal: under 1 s wall).
 *
 * The plans are mostly tales with a flat front matter, plus epics whose
 * front matter lists their phases and legends counting their epics (both
 * need the full YAML parser); prompt snapshots and plans carry bodies of a
 * few kilobytes, as expanded prompts and written plans do. Every run must
 * give the expected answer — all 5,000 files read, no error, no warning — or
 * the bench fails: timing a wrong or empty answer is no measurement.
 *
 * Run: `deno run -A scripts/bench/sdd_validate.ts`.
 *
 * @module
 */

import { join } from "node:path";
import { median, type ProcessTime, report } from "./_measure.ts";
import { homeEnv, timeSase } from "./_sase.ts";

const PAIRS = 2_500;
const RUNS = Number(Deno.env.get("SASE_BENCH_RUNS") ?? 7);

const PARAGRAPH = "The change keeps the store's format, reads every file it wrote before, " +
  "and reports a bad line with its file and number instead of skipping it in silence.\n";

/** The plan tier of pair `index`: mostly tales, some epics, a few legends. */
function tierOf(index: number): "tale" | "epic" | "legend" {
  return index % 10 === 9 ? "legend" : index % 10 >= 7 ? "epic" : "tale";
}

function planText(index: number, bucket: string, name: string): string {
  const tier = tierOf(index);
  const head = [
    "---",
    `tier: ${tier}`,
    "create_time: 2026-05-01 12:00:00",
    `prompt: sdd/prompts/${bucket}/${name}.md`,
    "model: claude/opus",
    `bead_id: bench-${index.toString(36)}`,
  ];
  if (tier === "epic") {
    head.push("phases:");
    for (let phase = 1; phase <= 4; phase++) {
      head.push(
        `  - id: ${phase}`,
        `    title: Phase ${phase} of plan ${index}`,
        `    depends_on: [${phase > 1 ? phase - 1 : ""}]`,
        "    size: medium",
      );
    }
  }
  if (tier === "legend") head.push("epic_count: 3", `legend_bead_id: bench-${index.toString(36)}`);
  const body = `# Plan ${index}\n\n## Steps\n\n${PARAGRAPH.repeat(24)}`;
  return `${head.join("\n")}\n---\n${body}`;
}

function promptText(index: number, bucket: string, name: string): string {
  const plan = `sdd/${tierOf(index)}s/${bucket}/${name}.md`;
  return `---\nplan: ${plan}\n---\nBuild feature ${index}.\n\n${PARAGRAPH.repeat(12)}`;
}

function generate(root: string): void {
  for (let index = 0; index < PAIRS; index++) {
    const bucket = `2026${String((index % 12) + 1).padStart(2, "0")}`;
    const name = `plan_${index}`;
    const plans = join(root, `${tierOf(index)}s`, bucket);
    const prompts = join(root, "prompts", bucket);
    Deno.mkdirSync(plans, { recursive: true });
    Deno.mkdirSync(prompts, { recursive: true });
    Deno.writeTextFileSync(join(prompts, `${name}.md`), promptText(index, bucket, name));
    Deno.writeTextFileSync(join(plans, `${name}.md`), planText(index, bucket, name));
  }
}

/** `sase sdd validate -j` over `root`, its answer checked. */
async function validate(root: string, home: string): Promise<ProcessTime> {
  const time = await timeSase(["sdd", "validate", "-j", "-p", root], homeEnv(home));
  const result = JSON.parse(time.stdout);
  const answer = [result.file_count, result.error_count, result.warning_count];
  if (answer.join() !== [2 * PAIRS, 0, 0].join()) {
    throw new Error(
      `wrong answer: sdd validate gave files/errors/warnings ${answer}, expected ${2 * PAIRS},0,0` +
        ` (first issue: ${JSON.stringify(result.issues?.[0])})`,
    );
  }
  return time;
}

const dir = await Deno.makeTempDir({ prefix: "sase-bench-sdd-" });
try {
  const root = join(dir, "sdd");
  generate(root);
  const home = join(dir, "home");
  await validate(root, home);
  const samples: ProcessTime[] = [];
  for (let run = 0; run < RUNS; run++) samples.push(await validate(root, home));
  report({
    bench: "sdd",
    name: `\`sase sdd validate -j\` of ${2 * PAIRS} files (${PAIRS} prompt/plan pairs)`,
    value: median(samples.map((sample) => sample.wallMs)),
    unit: "ms",
    goal: 1000,
    metric: "wall",
  });
  report({
    bench: "sdd",
    name: `\`sase sdd validate -j\` of ${2 * PAIRS} files, CPU`,
    value: median(samples.map((sample) => sample.cpuMs)),
    unit: "ms",
    metric: "cpu",
  });
} catch (error) {
  console.error(`sdd bench failed: ${error instanceof Error ? error.message : String(error)}`);
  Deno.exitCode = 1;
} finally {
  await Deno.remove(dir, { recursive: true });
}
