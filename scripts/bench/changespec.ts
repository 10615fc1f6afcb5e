/**
 * ChangeSpec benchmark: parse and query in-process, and
 * `sase changespec search 'status:Ready' -j` as a whole process over the
 * ProjectSpecs of a temp `SASE_HOME`: its warm wall time at 10,000 specs
 * (50 projects of 200) and its peak resident memory at 50,000 (50 projects
 * of 1,000), warm and cold (no parse cache), measured by `/usr/bin/time`.
 *
 * Every answer is checked against what the generator wrote (two statuses in
 * five are Ready, with or without a workspace suffix): a wrong or empty
 * answer fails the bench.
 *
 * Run: `deno run -A scripts/bench/changespec.ts`
 *
 * @module
 */

import { join } from "node:path";
import { SETTLE_MS } from "../../core/changespec/parse_cache.ts";
import { ChangeSpecStore } from "../../core/changespec/store.ts";
import { QueryCorpus } from "../../core/query/evaluator.ts";
import { parseQuery } from "../../core/query/parser.ts";
import { median, type ProcessTime, report } from "./_measure.ts";
import { homeEnv, saseCommand, timeSase } from "./_sase.ts";

const SAMPLES = Number(Deno.env.get("SASE_BENCH_RUNS") ?? 9);
const STATUSES = ["WIP", "Draft", "Ready", "Mailed", "Ready (ws_3)"];
const PROJECTS = 50;
const TIME = "/usr/bin/time";

function specText(project: number, index: number): string {
  const name = `proj${project}_change_${index}`;
  const parent = index > 0 && index % 3 !== 0 ? `PARENT: proj${project}_change_${index - 1}\n` : "";
  const failed = index % 17 === 0 ? " - (!: Hook Command Failed)" : "";
  return `NAME: ${name}
DESCRIPTION:
  Implement feature ${index} of project ${project}
  
  Longer body text explaining change ${index} in some detail.
${parent}PR: https://example.test/repo/pull/${project * 1000 + index}
BUG: BUG-${index}
STATUS: ${STATUSES[index % STATUSES.length]}
COMMITS:
  (1) [run] Initial commit for ${name}
      | CHAT: ~/.sase/chats/${name}.md (1m2s)
      | DIFF: ~/.sase/diffs/${name}.diff
HOOKS:
  just test
      | (1) [260101_120000] ${failed ? "FAILED" : "PASSED"} (12s)${failed}
TIMESTAMPS:
  [260101_120000] STATUS WIP -> Draft
DELTAS:
  + src/feature_${index}.py
      | LINES: +120
  ~ src/shared.py
      | LINES: +3 ~2 -1
`;
}

/**
 * Write `projects` ProjectSpecs of `perFile` specs under `dir`, dated an hour
 * ago; resolves once they are older than the parse cache's settle window (as
 * a user's files are).
 */
async function generate(dir: string, projects: number, perFile: number): Promise<void> {
  const past = new Date(Date.now() - 3_600_000);
  for (let p = 0; p < projects; p++) {
    const specs = Array.from({ length: perFile }, (_, i) => specText(p, i));
    const projectDir = join(dir, `proj${p}`);
    Deno.mkdirSync(projectDir, { recursive: true });
    const path = join(projectDir, `proj${p}.sase`);
    Deno.writeTextFileSync(path, `PROJECT_STATE: active\n\n${specs.join("\n\n")}`);
    Deno.utimeSync(path, past, past);
  }
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS + 1100));
}

/** The names `status:Ready` must find, sorted. */
function readyNames(projects: number, perFile: number): string[] {
  const names: string[] = [];
  for (let p = 0; p < projects; p++) {
    for (let i = 0; i < perFile; i++) {
      if (STATUSES[i % STATUSES.length].startsWith("Ready")) names.push(`proj${p}_change_${i}`);
    }
  }
  return names.sort();
}

function wrongAnswer(what: string): never {
  throw new Error(`wrong answer: ${what}`);
}

async function time<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
}

/** In-process parse and query of 10,000 specs in 100 files (the earlier goals). */
async function inProcess(root: string): Promise<void> {
  const big = join(root, "big", "projects");
  const small = join(root, "small", "projects");
  await generate(big, 100, 100);
  await generate(small, 10, 100);
  const [coldMs, specs] = await time(() => new ChangeSpecStore(big).specs({ states: "all" }));
  if (specs.length !== 10_000) wrongAnswer(`expected 10000 specs, got ${specs.length}`);
  report({
    bench: "changespec",
    name: "cold parse of 10,000 specs in 100 files (in-process)",
    value: coldMs,
    unit: "ms",
    goal: 200,
    metric: "wall",
  });
  const warmStore = new ChangeSpecStore(small);
  const loaded = await warmStore.specs({ states: "all" });
  if (loaded.length !== 1_000) wrongAnswer(`expected 1000 specs, got ${loaded.length}`);
  const runs: number[] = [];
  for (let i = 0; i < 21; i++) runs.push((await time(() => warmStore.specs({ states: "all" })))[0]);
  report({
    bench: "changespec",
    name: "warm no-change reload of 1,000 specs in 10 files (in-process)",
    value: median(runs),
    unit: "ms",
    goal: 10,
    metric: "wall",
  });
  const query = "%y feature NOT !!!";
  const [buildMs, corpus] = await time(() => new QueryCorpus(specs));
  const [queryMs, hits] = await time(() => corpus.filter(parseQuery(query)));
  // Every spec mentions "feature"; %y is Ready (indexes 2 and 4 mod 5); every
  // 17th spec carries the !: error suffix.
  const expected = 100 *
    Array.from({ length: 100 }, (_, i) => i).filter((i) =>
      (i % 5 === 2 || i % 5 === 4) && i % 17 !== 0
    ).length;
  if (hits.length !== expected) wrongAnswer(`'${query}': ${hits.length} hits, not ${expected}`);
  report({
    bench: "changespec",
    name: `3-term query '${query}' over 10,000 specs (in-process)`,
    value: queryMs,
    unit: "ms",
    goal: 20,
    metric: "wall",
  });
  report({
    bench: "changespec",
    name: "query corpus build over 10,000 specs (in-process)",
    value: buildMs,
    unit: "ms",
    goal: 100,
    metric: "wall",
  });
}

const SEARCH = ["changespec", "search", "status:Ready", "-j"];

/** One search as a whole process; its full answer is checked. */
async function search(home: string, expected: string[]): Promise<ProcessTime> {
  const result = await timeSase(SEARCH, homeEnv(home));
  const document = JSON.parse(result.stdout);
  const names = (document.changespecs as { name: string }[]).map((spec) => spec.name).sort();
  if (document.count !== expected.length || JSON.stringify(names) !== JSON.stringify(expected)) {
    wrongAnswer(`search gave ${document.count} specs, expected ${expected.length}`);
  }
  return result;
}

/**
 * Peak resident memory (MB) of one search, by `/usr/bin/time`; its answer is
 * checked by count and shape (the document is too large to parse here cheaply).
 */
async function peakRss(home: string, out: string, expectedCount: number): Promise<number> {
  const output = await new Deno.Command(TIME, {
    args: ["-f", "%M", "-o", `${out}.rss`, ...saseCommand(SEARCH)],
    env: homeEnv(home),
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!output.success) throw new Error(new TextDecoder().decode(output.stderr));
  const text = new TextDecoder().decode(output.stdout);
  const count = Number(/"count": (\d+)/.exec(text.slice(0, 4096))?.[1]);
  const specs = text.split('\n    {\n      "name": ').length - 1;
  if (count !== expectedCount || specs !== expectedCount || !text.endsWith("  ]\n}\n")) {
    wrongAnswer(`search gave ${count} (${specs} listed), expected ${expectedCount}`);
  }
  const kilobytes = Number((await Deno.readTextFile(`${out}.rss`)).trim().split("\n").at(-1));
  if (!Number.isFinite(kilobytes) || kilobytes <= 0) throw new Error("no peak RSS from time");
  return kilobytes / 1024;
}

const root = await Deno.makeTempDir({ prefix: "sase-bench-changespec-" });
try {
  try {
    Deno.statSync(TIME);
  } catch {
    throw new Error(`${TIME} is missing: install the Debian package \`time\``);
  }
  await inProcess(root);

  const out = join(root, "out.json");
  const home10k = join(root, "home-10k");
  await generate(join(home10k, ".sase", "projects"), PROJECTS, 200);
  const expected10k = readyNames(PROJECTS, 200);
  const cold = await search(home10k, expected10k);
  report({
    bench: "changespec",
    name: "cold `sase changespec search 'status:Ready' -j` (10,000 specs, no parse cache)",
    value: cold.wallMs,
    unit: "ms",
    metric: "wall",
  });
  const warm: ProcessTime[] = [];
  for (let run = 0; run < SAMPLES; run++) warm.push(await search(home10k, expected10k));
  report({
    bench: "changespec",
    name: "warm `sase changespec search 'status:Ready' -j` (10,000 specs)",
    value: median(warm.map((sample) => sample.wallMs)),
    unit: "ms",
    goal: 100,
    metric: "wall",
  });
  report({
    bench: "changespec",
    name: "warm `sase changespec search 'status:Ready' -j` (10,000 specs), CPU",
    value: median(warm.map((sample) => sample.cpuMs)),
    unit: "ms",
    metric: "cpu",
  });
  await Deno.remove(home10k, { recursive: true });

  const home50k = join(root, "home-50k");
  await generate(join(home50k, ".sase", "projects"), PROJECTS, 1_000);
  const ready50k = readyNames(PROJECTS, 1_000).length;
  const coldRss = await peakRss(home50k, out, ready50k);
  report({
    bench: "changespec",
    name: "peak RSS of cold `sase changespec search 'status:Ready' -j` (50,000 specs)",
    value: coldRss,
    unit: "MB",
    metric: "rss",
  });
  const warmRss: number[] = [];
  for (let run = 0; run < 3; run++) warmRss.push(await peakRss(home50k, out, ready50k));
  report({
    bench: "changespec",
    name: "peak RSS of warm `sase changespec search 'status:Ready' -j` (50,000 specs)",
    value: median(warmRss),
    unit: "MB",
    goal: 200,
    metric: "rss",
  });
} catch (error) {
  console.error(`changespec bench failed: ${error instanceof Error ? error.message : error}`);
  Deno.exitCode = 1;
} finally {
  await Deno.remove(root, { recursive: true });
}
