/**
 * Axe benchmark: one `hooks` lumberjack tick over 1,000 ChangeSpecs with
 * nothing to do (every hook already PASSED for the current entry; the
 * first, unmeasured tick sends each entry's mentors notification and fills
 * the parse cache, as a running lumberjack has), run in-process the way
 * the lumberjack Worker runs it; and the running orchestrator's idle cost —
 * its resident memory and its CPU use over a quiet window, with its five
 * default lumberjack Workers — measured from `/proc`.
 *
 * The tick's answer is checked: `hook_checks` must report its no-op and
 * leave every ProjectSpec byte-identical, or the bench fails.
 *
 * Run: `deno run -A --unstable-worker-options scripts/bench/axe.ts`
 *
 * @module
 */

import { join } from "node:path";
import { saseContext } from "../../entries/context.ts";
import { axeSettings, lumberjackNamed } from "../../core/axe/settings.ts";
import { runTick, type TickHost } from "../../core/axe/tick.ts";
import { projectStore } from "../../core/changespec/read.ts";
import { chopPaths } from "../../core/axe/paths.ts";
import { median, report } from "./_measure.ts";
import { homeEnv, saseCommand } from "./_sase.ts";

const SAMPLES = Number(Deno.env.get("SASE_BENCH_RUNS") ?? 9);
const PROJECTS = 10;
const PER_PROJECT = 100;
const IDLE_WINDOW_MS = Number(Deno.env.get("SASE_BENCH_AXE_IDLE_MS") ?? 30_000);

function specText(project: number, index: number): string {
  return `NAME: p${project}_change_${index}
DESCRIPTION:
  Change ${index} of project ${project}
STATUS: Ready
COMMITS:
  (1) Initial commit
HOOKS:
  just test
      | (1) [260101_120000] PASSED (12s)
  $just lint
      | (1) [260101_120000] PASSED (3s)
`;
}

async function writeProjects(home: string, workspace: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (let project = 0; project < PROJECTS; project++) {
    const dir = join(home, ".sase", "projects", `p${project}`);
    await Deno.mkdir(dir, { recursive: true });
    const specs = Array.from({ length: PER_PROJECT }, (_, i) => specText(project, i));
    const text = `WORKSPACE_DIR: ${workspace}\n\n\n${specs.join("\n\n")}`;
    const path = join(dir, `p${project}.sase`);
    await Deno.writeTextFile(path, text);
    files.set(path, text);
  }
  return files;
}

async function noOpTick(): Promise<void> {
  const home = await Deno.makeTempDir({ prefix: "sase-bench-axe-" });
  try {
    const workspace = join(home, "ws");
    await Deno.mkdir(workspace);
    const files = await writeProjects(home, workspace);
    const env = homeEnv(home, { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin" });
    const app = saseContext({ env, cwd: home, warn: () => {} });
    const settings = axeSettings((await app.config()).config.axe, {}, env);
    const host: TickHost = {
      app,
      settings,
      lumberjack: lumberjackNamed(settings, "hooks"),
      store: projectStore(env),
      log: () => Promise.resolve(),
    };
    await runTick(host); // fills the parse cache, as a running lumberjack has
    const samples: number[] = [];
    for (let run = 0; run < SAMPLES; run++) {
      const start = performance.now();
      const result = await runTick(host);
      samples.push(performance.now() - start);
      const failed = result.runs.filter((entry) =>
        entry.status !== "success" && entry.status !== "missing_script"
      );
      if (failed.length) throw new Error(`chops failed: ${JSON.stringify(failed)}`);
      const hooks = result.runs.find((entry) => entry.chop_name === "hook_checks");
      if (hooks?.status !== "success") throw new Error(`hook_checks ended ${hooks?.status}`);
      const log = await Deno.readTextFile(
        chopPaths(env, "hooks", "hook_checks").runLog(hooks.run_id),
      );
      if (!log.includes("no-op: no hook to complete or start")) {
        throw new Error(`hook_checks was not a no-op: ${log}`);
      }
      if (
        !log.includes(`changespecs=${PROJECTS * PER_PROJECT} hooks=${2 * PROJECTS * PER_PROJECT}`)
      ) {
        throw new Error(`hook_checks did not see every ChangeSpec: ${log}`);
      }
    }
    for (const [path, text] of files) {
      if (await Deno.readTextFile(path) !== text) throw new Error(`a no-op tick changed ${path}`);
    }
    report({
      bench: "axe",
      name: `no-op hooks tick (${PROJECTS * PER_PROJECT} ChangeSpecs, warm)`,
      value: median(samples),
      unit: "ms",
      goal: 50,
      metric: "wall",
    });
  } finally {
    await Deno.remove(home, { recursive: true });
  }
}

function clockTicks(): number {
  const out = new Deno.Command("getconf", { args: ["CLK_TCK"] }).outputSync();
  return Number(new TextDecoder().decode(out.stdout).trim()) || 100;
}

/** utime + stime of `pid` in clock ticks (its Worker threads included). */
function cpuTicks(pid: number): number {
  const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

function rssMb(pid: number): number {
  const status = Deno.readTextFileSync(`/proc/${pid}/status`);
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

async function sase(args: string[], env: Record<string, string>): Promise<string> {
  const [program, ...rest] = saseCommand(args);
  const out = await new Deno.Command(program, { args: rest, env, clearEnv: true }).output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout);
}

async function idleOrchestrator(): Promise<void> {
  const home = await Deno.makeTempDir({ prefix: "sase-bench-axe-idle-" });
  const env = homeEnv(home, { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin" });
  try {
    const { pid } = JSON.parse(await sase(["axe", "start", "-j"], env));
    const status = JSON.parse(await sase(["axe", "status", "-j"], env));
    if (status.pid !== pid || status.lumberjacks.length !== 5) {
      throw new Error(`unexpected axe status: ${JSON.stringify(status)}`);
    }
    // Let the Workers load and run their first ticks.
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const ticks = clockTicks();
    const before = cpuTicks(pid);
    const start = performance.now();
    await new Promise((resolve) => setTimeout(resolve, IDLE_WINDOW_MS));
    const cpu = (cpuTicks(pid) - before) / ticks * 1000 / (performance.now() - start) * 100;
    const rss = rssMb(pid);
    report({
      bench: "axe",
      name: "idle orchestrator + 5 lumberjacks, RSS",
      value: rss,
      unit: "MB",
      goal: 150,
    });
    report({
      bench: "axe",
      name: `idle orchestrator + 5 lumberjacks, CPU over ${IDLE_WINDOW_MS / 1000}s`,
      value: cpu,
      unit: "% of a core",
      goal: 2,
      metric: "cpu",
    });
  } finally {
    await sase(["axe", "stop"], env).catch(() => "");
    await Deno.remove(home, { recursive: true });
  }
}

if (import.meta.main) {
  await noOpTick();
  await idleOrchestrator();
}
