/**
 * Fuzzing every reader of outside input: config YAML, ProjectSpec files,
 * notification JSON, xprompt files and prompts, bead event streams and SDD
 * plans (in-process, a few hundred seeded cases), and the real CLI on
 * hostile stdin and files (a handful of subprocess runs).
 *
 * Properties: no internal error (a result or a `SaseError`, nothing else),
 * no hang (each case answers within a generous deadline, or its worker is
 * stopped and the case fails), and no file changed by a command that failed.
 * Every case is generated from its seed, so a failure names a seed that
 * reproduces it (`generate(area, prng(seed))` in `_fuzz_inputs.ts`).
 */
import { assertEquals } from "../_helpers/assert.ts";
import { prng } from "../_helpers/prng.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { join, relative } from "node:path";
import { createHash } from "node:crypto";
import { type Area, generate } from "./_fuzz_inputs.ts";
import type { FuzzAnswer, FuzzRequest } from "./_fuzz_worker.ts";
import { controlCharacter } from "../_helpers/controls.ts";

const WORKER = new URL("./_fuzz_worker.ts", import.meta.url);

/** How long one in-process case may take before it counts as a hang (most take milliseconds). */
const CASE_DEADLINE_MS = 15_000;

/** The seeds of `area`: `count` of them, distinct from every other area's. */
function seeds(area: Area, count: number): number[] {
  const base = ["config", "projectspec", "notification", "xprompt", "bead", "sdd"].indexOf(area);
  return Array.from({ length: count }, (_, index) => (base + 1) * 100_000 + index);
}

/** Run the cases of `area` in a worker; the list of failures, each naming its seed. */
async function fuzz(area: Area, cases: readonly number[]): Promise<string[]> {
  const failures: string[] = [];
  let worker = new Worker(WORKER, { type: "module" });
  try {
    for (const seed of cases) {
      const answer = new Promise<FuzzAnswer>((resolve) => {
        worker.onmessage = (event: MessageEvent<FuzzAnswer>) => resolve(event.data);
        worker.onerror = (event) => {
          event.preventDefault();
          resolve({ seed, problem: `worker error: ${event.message}`, input: "" });
        };
      });
      let timer: ReturnType<typeof setTimeout> | undefined;
      const deadline = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), CASE_DEADLINE_MS);
      });
      worker.postMessage({ area, seed } satisfies FuzzRequest);
      const result = await Promise.race([answer, deadline]);
      clearTimeout(timer);
      if (result === undefined) {
        failures.push(`${area} seed ${seed}: no answer within ${CASE_DEADLINE_MS} ms (a hang)`);
        worker.terminate();
        worker = new Worker(WORKER, { type: "module" });
      } else if (result.problem) {
        failures.push(
          `${area} seed ${seed}: ${result.problem}\n  input: ${JSON.stringify(result.input)}`,
        );
      }
    }
  } finally {
    worker.terminate();
  }
  return failures;
}

for (
  const [area, count] of [
    ["config", 90],
    ["projectspec", 70],
    ["notification", 90],
    ["xprompt", 70],
  ] as const
) {
  Deno.test(`fuzz ${area}: ${count} seeded inputs end in a result or a SaseError, never a hang`, async () => {
    assertEquals(await fuzz(area, seeds(area, count)), []);
  });
}

Deno.test("fuzz bead: 60 seeded event streams parse and replay without an internal error", async () => {
  assertEquals(await fuzz("bead", seeds("bead", 60)), []);
});

Deno.test("fuzz sdd: 60 seeded plans parse and validate without an internal error", async () => {
  // Among them alias bombs (600016, 600050, 600055) and 20,000-level nesting
  // (600034), which once escaped core/sdd as internal errors.
  assertEquals(await fuzz("sdd", seeds("sdd", 60)), []);
});

/** SHA-256 of every file under `root` but caches, by relative path. */
async function hashTree(root: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  // Caches (`SASE_HOME/cache/`) are rebuildable and may record a successful config load.
  const cache = join(root, "home", ".sase", "cache");
  const walk = async (dir: string): Promise<void> => {
    for await (const entry of Deno.readDir(dir)) {
      const path = join(dir, entry.name);
      if (path === cache) continue;
      if (entry.isDirectory) await walk(path);
      else if (entry.isFile) {
        hashes[relative(root, path)] = createHash("sha256").update(await Deno.readFile(path))
          .digest("hex");
      }
    }
  };
  await walk(root);
  return hashes;
}

/** Stderr of a run that ended in an internal error rather than a clear message. */
function internalError(stderr: string): boolean {
  return stderr.includes("report it") || stderr.includes("call stack") ||
    /^\s+at /m.test(stderr);
}

Deno.test("fuzz CLI: hostile stdin and files give clear errors and change no file on failure", async () => {
  await using sb = await makeSandbox();
  // A store and a config the failed runs must leave byte-identical.
  await sb.write(
    "home/.sase/notifications/notifications.jsonl",
    '{"id":"keep","timestamp":"2026-04-30T12:00:00+00:00","sender":"s"}\n',
  );
  /** A run; `inert` runs print text others wrote, which must carry no control characters. */
  const runs: {
    args: string[];
    stdin?: string;
    files?: Record<string, string>;
    inert?: boolean;
  }[] = [];
  for (let i = 0; i < 3; i++) {
    const seed = 900_000 + i;
    runs.push({ args: ["notify", "create"], stdin: generate("notification", prng(seed)) });
  }
  for (let i = 0; i < 2; i++) {
    const [file, prompt] = generate("xprompt", prng(910_000 + i)).split("\n\x00\n");
    runs.push({
      args: ["xprompt", "expand"],
      stdin: prompt,
      files: { "work/.xprompts/fz.md": file },
    });
  }
  for (let i = 0; i < 2; i++) {
    const text = generate("config", prng(920_000 + i));
    runs.push({ args: ["config", "show", "-j"], files: { "home/.config/sase/sase.yml": text } });
  }
  runs.push({
    args: ["config", "layers"],
    files: { "work/sase.yml": generate("config", prng(930_000)) },
  });
  for (let i = 0; i < 2; i++) {
    const spec = generate("projectspec", prng(940_000 + i));
    const files = { "home/.sase/projects/p/p.sase": spec };
    runs.push({ args: ["project", "show", "p"], files, inert: true });
    runs.push({
      args: ["changespec", "search", "-f", "markdown", "status:WIP"],
      files,
      inert: true,
    });
  }
  const store = "home/.sase/notifications/notifications.jsonl";
  const lines = [0, 1, 2].map((i) =>
    generate("notification", prng(950_000 + i)).replaceAll("\n", " ")
  );
  runs.push({
    args: ["notify", "list", "-a"],
    files: { [store]: lines.join("\n") + "\n" },
    inert: true,
  });
  const problems: string[] = [];
  for (const run of runs) {
    for (const [path, text] of Object.entries(run.files ?? {})) await sb.write(path, text);
    const before = await hashTree(sb.root);
    const result = await runSase(run.args, { env: sb.env, cwd: sb.cwd, stdin: run.stdin });
    const label = `sase ${run.args.join(" ")} (stdin ${
      JSON.stringify((run.stdin ?? "").slice(0, 80))
    })`;
    if (![0, 1, 2].includes(result.code)) problems.push(`${label}: exit ${result.code}`);
    if (internalError(result.stderr)) problems.push(`${label}: internal error: ${result.stderr}`);
    if (run.inert && controlCharacter(result.stdout + result.stderr) !== undefined) {
      problems.push(`${label}: printed a control character: ${JSON.stringify(result.stdout)}`);
    }
    if (result.code !== 0) {
      const after = await hashTree(sb.root);
      for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
        if (before[key] !== after[key]) problems.push(`${label}: failed, yet changed ${key}`);
      }
    }
  }
  assertEquals(problems, []);
});
