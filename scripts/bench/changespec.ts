/**
 * Benchmark: ChangeSpec parse and query at scale. Generates 10,000 specs in
 * 100 project files in a temp dir, then reports cold parse, warm no-change
 * reload of 1,000 specs, and a 3-term query, one line per measurement.
 *
 * Run: `deno run -A scripts/bench/changespec.ts`
 *
 * @module
 */

import { join } from "node:path";
import { ChangeSpecStore } from "../../core/changespec/store.ts";
import { QueryCorpus } from "../../core/query/evaluator.ts";
import { parseQuery } from "../../core/query/parser.ts";

const FILES = 100;
const PER_FILE = 100;
const STATUSES = ["WIP", "Draft", "Ready", "Mailed", "Ready (ws_3)"];

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

async function generate(dir: string, files: number): Promise<void> {
  for (let p = 0; p < files; p++) {
    const specs = Array.from({ length: PER_FILE }, (_, i) => specText(p, i));
    const projectDir = join(dir, `proj${p}`);
    await Deno.mkdir(projectDir, { recursive: true });
    await Deno.writeTextFile(
      join(projectDir, `proj${p}.sase`),
      `PROJECT_STATE: active\n\n${specs.join("\n\n")}`,
    );
  }
}

async function time<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
}

function report(label: string, ms: number, goal: number): void {
  console.log(`changespec: ${label}: ${ms.toFixed(1)} ms (goal < ${goal} ms)`);
}

const root = await Deno.makeTempDir({ prefix: "sase-bench-changespec-" });
try {
  const big = join(root, "big");
  const small = join(root, "small");
  await generate(big, FILES);
  await generate(small, FILES / 10);

  const [coldMs, specs] = await time(() => new ChangeSpecStore(big).specs({ states: "all" }));
  if (specs.length !== FILES * PER_FILE) {
    throw new Error(`expected ${FILES * PER_FILE} specs, got ${specs.length}`);
  }
  report(`cold parse ${specs.length} specs / ${FILES} files`, coldMs, 200);

  const warmStore = new ChangeSpecStore(small);
  const loaded = await warmStore.specs({ states: "all" });
  if (loaded.length !== (FILES / 10) * PER_FILE) {
    throw new Error(`expected ${(FILES / 10) * PER_FILE} specs, got ${loaded.length}`);
  }
  const runs: number[] = [];
  for (let i = 0; i < 20; i++) runs.push((await time(() => warmStore.specs({ states: "all" })))[0]);
  runs.sort((a, b) => a - b);
  report(
    `warm no-change reload ${loaded.length} specs / ${FILES / 10} files (median of 20)`,
    runs[10],
    10,
  );

  const query = "%y feature NOT !!!";
  const [buildMs, corpus] = await time(() => new QueryCorpus(specs));
  const expr = parseQuery(query);
  const [queryMs, hits] = await time(() => corpus.filter(expr));
  // Every spec mentions "feature"; %y is READY (with or without a workspace
  // suffix: indexes 2 and 4 mod 5); every 17th spec carries the !: error suffix.
  const expectedHits = FILES *
    Array.from({ length: PER_FILE }, (_, i) => i)
      .filter((i) => (i % 5 === 2 || i % 5 === 4) && i % 17 !== 0).length;
  if (hits.length !== expectedHits) {
    throw new Error(`query '${query}': expected ${expectedHits} hits, got ${hits.length}`);
  }
  report(`3-term query '${query}' over ${corpus.size} specs (${hits.length} hits)`, queryMs, 20);
  report(`query corpus build over ${corpus.size} specs`, buildMs, 100);
} finally {
  await Deno.remove(root, { recursive: true });
}
