/**
 * Commit benchmark: `sase commit -t commit` end to end (stage, commit,
 * rebase onto `origin/main`, push to a local bare origin, the COMMITS entry,
 * TIMESTAMPS, DELTAS and `commit_result.json`), against a shell script
 * running the same git commands (`add -A`, `diff --cached --quiet`,
 * `commit`, `fetch`, `rebase`, `push`) on a twin checkout. Goal: within
 * 1.5x of the script's wall time, sase's own overhead under 150 ms. Against
 * a local bare origin git itself takes only tens of milliseconds, so the
 * ratio is the strict one: a Deno process's start-up alone is a large part
 * of it; the overhead in milliseconds is what a remote origin would see.
 *
 * Every run is checked: origin's newest commit must carry the run's
 * subject, sase's result marker must name it, and the ChangeSpec must end
 * with one COMMITS entry per sase run; a wrong answer fails the bench.
 *
 * Run: `deno run -A scripts/bench/commit.ts`
 *
 * @module
 */

import { join } from "node:path";
import { median, type ProcessTime, processTime, report } from "./_measure.ts";
import { homeEnv, saseCommand } from "./_sase.ts";

const SAMPLES = Number(Deno.env.get("SASE_BENCH_RUNS") ?? 9);
const RATIO_GOAL = 1.5;
const OVERHEAD_GOAL_MS = 150;

const GIT_ENV = {
  GIT_AUTHOR_NAME: "Bench",
  GIT_AUTHOR_EMAIL: "bench@example.invalid",
  GIT_COMMITTER_NAME: "Bench",
  GIT_COMMITTER_EMAIL: "bench@example.invalid",
  GIT_CONFIG_NOSYSTEM: "1",
};

/** What the shell does for one commit: the git commands `create_commit` runs. */
const SCRIPT = `set -e
git add -A
if git diff --cached --quiet; then echo "nothing staged" >&2; exit 1; fi
git commit -q -m "$1"
git fetch -q origin main
git rebase -q --autostash origin/main
git push -q origin main
`;

async function git(cwd: string, env: Record<string, string>, ...args: string[]) {
  const out = await new Deno.Command("git", { args, cwd, env, stdout: "piped", stderr: "piped" })
    .output();
  if (!out.success) {
    throw new Error(`git ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
  }
  return new TextDecoder().decode(out.stdout).trim();
}

/** A bare origin with one commit and a clone of it at `root/<name>`. */
async function repo(root: string, name: string, env: Record<string, string>) {
  const seed = join(root, `${name}-seed`);
  const origin = join(root, `${name}.git`);
  const work = join(root, name);
  await Deno.mkdir(seed);
  await git(seed, env, "init", "-q", "-b", "main");
  await Deno.writeTextFile(join(seed, "README.md"), "# bench\n");
  await git(seed, env, "add", "-A");
  await git(seed, env, "commit", "-q", "-m", "initial commit");
  await git(root, env, "clone", "-q", "--bare", seed, origin);
  await git(root, env, "clone", "-q", origin, work);
  return { origin, work };
}

async function main(): Promise<void> {
  const root = await Deno.makeTempDir({ prefix: "sase-bench-commit-" });
  try {
    const home = join(root, "home");
    const artifacts = join(root, "artifacts");
    await Deno.mkdir(artifacts, { recursive: true });
    const path = Deno.env.get("PATH") ?? "/usr/bin:/bin";
    const base = { ...homeEnv(home, GIT_ENV), PATH: path };
    const sase = await repo(root, "sase", base);
    const shell = await repo(root, "shell", base);
    const projectFile = join(home, ".sase", "projects", "bench", "bench.sase");
    await Deno.mkdir(join(projectFile, ".."), { recursive: true });
    await Deno.writeTextFile(
      projectFile,
      `WORKSPACE_DIR: ${sase.work}\n\n\nNAME: feat\nDESCRIPTION:\n  Bench.\nSTATUS: WIP\n`,
    );
    const env = {
      ...base,
      SASE_ARTIFACTS_DIR: artifacts,
      SASE_AGENT_NAME: "bench",
      SASE_AGENT_PROJECT_FILE: projectFile,
      SASE_AGENT_CL_NAME: "feat",
    };
    const script = join(root, "commit.sh");
    await Deno.writeTextFile(script, SCRIPT);

    const sases: ProcessTime[] = [];
    const shells: ProcessTime[] = [];
    // One warm-up run each, then the samples.
    for (let run = 0; run <= SAMPLES; run++) {
      const subject = `feat: sample ${run}`;
      await Deno.writeTextFile(join(sase.work, `f${run}.txt`), `${run}\n`);
      await Deno.writeTextFile(join(shell.work, `f${run}.txt`), `${run}\n`);
      const timeSase = await processTime(saseCommand(["commit", "-t", "commit", "-m", subject]), {
        cwd: sase.work,
        env,
      });
      const timeShell = await processTime(["bash", script, subject], { cwd: shell.work, env });
      for (const origin of [sase.origin, shell.origin]) {
        const got = await git(origin, base, "log", "-1", "--format=%s", "main");
        if (got !== subject) {
          throw new Error(`${origin}: newest commit is '${got}', not '${subject}'`);
        }
      }
      const marker = JSON.parse(await Deno.readTextFile(join(artifacts, "commit_result.json")));
      const head = await git(sase.origin, base, "rev-parse", "--short", "main");
      if (marker.result !== head || marker.entry_id !== String(run + 1)) {
        throw new Error(
          `commit_result.json is ${JSON.stringify(marker)}; expected ${head}, ${run + 1}`,
        );
      }
      if (run > 0) {
        sases.push(timeSase);
        shells.push(timeShell);
      }
    }
    const entries = (await Deno.readTextFile(projectFile)).match(/^ {2}\(\d+\) feat: sample/gm);
    if (entries?.length !== SAMPLES + 1) {
      throw new Error(`expected ${SAMPLES + 1} COMMITS entries, found ${entries?.length ?? 0}`);
    }

    const sasWall = median(sases.map((t) => t.wallMs));
    const shellWall = median(shells.map((t) => t.wallMs));
    const name = "`sase commit -t commit` to a local bare origin";
    report({ bench: "commit", name, value: sasWall, unit: "ms", metric: "wall" });
    report({
      bench: "commit",
      name: "the same git commands from a shell script",
      value: shellWall,
      unit: "ms",
      metric: "wall",
    });
    report({
      bench: "commit",
      name: `${name}, as a multiple of the shell script`,
      value: sasWall / shellWall,
      unit: "x",
      goal: RATIO_GOAL,
      metric: "wall",
    });
    report({
      bench: "commit",
      name: `${name}: sase's own overhead over the shell script`,
      value: sasWall - shellWall,
      unit: "ms",
      goal: OVERHEAD_GOAL_MS,
      metric: "wall",
    });
    report({
      bench: "commit",
      name: `${name}: CPU`,
      value: median(sases.map((t) => t.cpuMs)),
      unit: "ms",
      metric: "cpu",
    });
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

if (import.meta.main) await main();
