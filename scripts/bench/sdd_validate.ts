/**
 * SDD validation at scale: generate a tree of 5,000 prompt/plan pairs and
 * time `sase sdd validate -j` as a whole process (goal: under 1 s). Every
 * run must give the expected answer — all 10,000 files read, no error, no
 * warning — or the bench fails: timing a wrong or empty answer is no
 * measurement.
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import { join } from "node:path";

const MAIN = fileURLToPath(new URL("../../main.ts", import.meta.url));
const PAIRS = 5000;
const RUNS = 5;

const dir = await Deno.makeTempDir({ prefix: "sase-bench-sdd-" });
try {
  const root = join(dir, "sdd");
  for (let index = 0; index < PAIRS; index++) {
    const bucket = `2026${String((index % 12) + 1).padStart(2, "0")}`;
    const name = `plan_${index}`;
    await Deno.mkdir(join(root, "prompts", bucket), { recursive: true });
    await Deno.mkdir(join(root, "tales", bucket), { recursive: true });
    await Deno.writeTextFile(
      join(root, "prompts", bucket, `${name}.md`),
      `---\nplan: sdd/tales/${bucket}/${name}.md\n---\nBuild feature ${index}.\n`,
    );
    await Deno.writeTextFile(
      join(root, "tales", bucket, `${name}.md`),
      `---\ntier: tale\ncreate_time: 2026-05-01 12:00:00\nprompt: sdd/prompts/${bucket}/${name}.md\n---\n# Plan ${index}\n\nSteps.\n`,
    );
  }
  const samples: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const started = performance.now();
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", MAIN, "sdd", "validate", "-j", "-p", root],
      env: { DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const elapsed = performance.now() - started;
    const stdout = new TextDecoder().decode(output.stdout);
    if (!output.success) throw new Error(`sdd validate failed: ${stdout.slice(0, 2000)}`);
    const result = JSON.parse(stdout);
    const answer = [result.file_count, result.error_count, result.warning_count];
    if (answer.join() !== [2 * PAIRS, 0, 0].join()) {
      throw new Error(
        `sdd validate answered files/errors/warnings ${answer}, expected ${2 * PAIRS},0,0`,
      );
    }
    if (run > 0) samples.push(elapsed);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  console.log(
    `sdd: validate ${PAIRS} prompt/plan pairs: ${median.toFixed(0)} ms whole process ` +
      `(median of ${RUNS}; goal < 1000 ms)`,
  );
} finally {
  await Deno.remove(dir, { recursive: true });
}
