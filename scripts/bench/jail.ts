/**
 * What the jail adds to a launch: the time from starting `sase run` (from
 * source, foreground and `--daemon`) to the first instruction of the
 * provider's CLI, in `jail` mode and in `permissions` mode (the same launch
 * without the OS-level jail), measured alternately in the same run; the
 * difference is the jail's cost (goal: under 30 ms).
 *
 * The provider is a stand-in `claude` (a shell script named by
 * `SASE_CLAUDE_PATH`) that prints its own start time and exits, so the
 * measure is the launch, not a CLI's start-up: with the jail it covers the
 * sandbox runtime's import and session (overlapping the workspace claim),
 * the wrap, bubblewrap's namespaces, the proxy relays and the seccomp
 * filter. Each launch checks its answer (completed, the mode it was meant
 * to run in); a wrong one fails the bench.
 *
 * For information it also measures the jail's parts on their own (see
 * `parts`): what bubblewrap's namespaces cost alone is the part of the
 * overhead no launch can avoid.
 *
 * Run: `deno run -A scripts/bench/jail.ts`
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { listDirSync } from "../../core/fs/list_dir.ts";
import { median, report } from "./_measure.ts";

const MAIN = fileURLToPath(new URL("../../main.ts", import.meta.url));
const RUNS = Number(Deno.env.get("SASE_BENCH_RUNS") ?? 9);
const MODES = ["permissions", "jail"] as const;
type Mode = typeof MODES[number];

/** Stop the bench: its answer is not the expected one. */
function wrongAnswer(what: string): never {
  throw new Error(`wrong answer: ${what}`);
}

/** Wall-clock now in nanoseconds, comparable with `date +%s%N`. */
function nowNs(): bigint {
  return BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6));
}

interface Setup {
  root: string;
  env: Record<string, string>;
  workspace: string;
  configPath: string;
}

async function setUp(): Promise<Setup> {
  const root = await Deno.makeTempDir({ prefix: "sase-bench-jail-" });
  const home = join(root, "home");
  const workspace = join(root, "ws");
  await Deno.mkdir(join(home, ".config", "sase"), { recursive: true });
  await Deno.mkdir(workspace);
  const stub = join(root, "claude");
  await Deno.writeTextFile(
    stub,
    "#!/bin/sh\nstarted=$(date +%s%N)\ncat >/dev/null\n" +
      `printf '{"type":"result","subtype":"success","result":"started=%s"}\\n' "$started"\n`,
  );
  await Deno.chmod(stub, 0o755);
  const real = Deno.env.toObject();
  return {
    root,
    workspace,
    configPath: join(home, ".config", "sase", "sase.yml"),
    env: {
      PATH: real.PATH ?? "/usr/bin:/bin",
      HOME: home,
      SASE_HOME: join(home, ".sase"),
      SASE_CLAUDE_PATH: stub,
      NO_COLOR: "1",
      DENO_NO_UPDATE_CHECK: "1",
      // A temp HOME must not move Deno's module cache.
      DENO_DIR: real.DENO_DIR ?? join(real.HOME ?? "/root", ".cache", "deno"),
    },
  };
}

/** The newest run's outcome, its `sandbox.json` mode and its chat transcript. */
async function lastRun(setup: Setup): Promise<{ mode: string; outcome: string; chat: string }> {
  const stack = [join(setup.env.SASE_HOME, "projects")];
  let newest = "";
  while (stack.length > 0) {
    const dir = stack.pop()!;
    // A directory may vanish while it is listed (a detached run's records being written).
    for (const entry of listDirSync(dir)) {
      if (!entry.isDirectory) continue;
      const path = join(dir, entry.name);
      if (/^\d{14}$/.test(entry.name)) newest = path > newest ? path : newest;
      else stack.push(path);
    }
  }
  const done = JSON.parse(await Deno.readTextFile(join(newest, "done.json")).catch(() => "{}"));
  const sandbox = JSON.parse(await Deno.readTextFile(join(newest, "sandbox.json")));
  const chat = await Deno.readTextFile(String(done.response_path)).catch(() => "");
  return { mode: sandbox.mode, outcome: String(done.outcome ?? ""), chat };
}

async function waitForDone(setup: Setup, count: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const done = await new Deno.Command("sh", {
      args: ["-c", `find "$1" -name done.json | wc -l`, "sh", setup.env.SASE_HOME],
    }).output();
    if (Number(new TextDecoder().decode(done.stdout).trim()) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  wrongAnswer("a detached run did not finish within a minute");
}

/** One launch in `mode`: milliseconds from `sase run` to the provider's first instruction. */
async function launch(setup: Setup, mode: Mode, daemon: boolean, count: number): Promise<number> {
  await Deno.writeTextFile(setup.configPath, `sandbox:\n  mode: ${mode}\n`);
  const started = nowNs();
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--unstable-worker-options",
      MAIN,
      "run",
      ...(daemon ? ["--daemon"] : []),
      `#cd:${setup.workspace} %m:claude/sonnet bench`,
    ],
    env: setup.env,
    clearEnv: true,
    cwd: setup.root,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!output.success) wrongAnswer(new TextDecoder().decode(output.stderr));
  if (daemon) await waitForDone(setup, count);
  const run = await lastRun(setup);
  if (run.outcome !== "completed" || run.mode !== mode) {
    wrongAnswer(`a ${mode} launch ended ${run.outcome} in mode ${run.mode}`);
  }
  const providerStarted = /\bstarted=(\d+)\b/.exec(run.chat)?.[1];
  if (!providerStarted) wrongAnswer(`no provider reply in the transcript: ${run.chat}`);
  return Number(BigInt(providerStarted) - started) / 1e6;
}

async function measure(daemon: boolean): Promise<void> {
  const setup = await setUp();
  try {
    const samples: Record<Mode, number[]> = { permissions: [], jail: [] };
    let count = 0;
    // One warm-up launch each (module and code caches), then alternate the modes.
    for (let run = -1; run < RUNS; run++) {
      for (const mode of MODES) {
        const ms = await launch(setup, mode, daemon, ++count);
        if (run >= 0) samples[mode].push(ms);
      }
    }
    const path = daemon ? "`sase run --daemon`" : "`sase run`";
    const without = median(samples.permissions);
    const withJail = median(samples.jail);
    const base = { bench: "jail", unit: "ms", metric: "wall" };
    report({ ...base, name: `${path} start to provider start, without the jail`, value: without });
    report({ ...base, name: `${path} start to provider start, in the jail`, value: withJail });
    report({
      ...base,
      name: `${path}: launch overhead added by the jail`,
      value: withJail - without,
      goal: 30,
    });
  } finally {
    await Deno.remove(setup.root, { recursive: true });
  }
}

/** Median milliseconds of `runs` calls of `step` (after one warm-up call). */
async function timed(runs: number, step: () => Promise<void>): Promise<number> {
  await step();
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await step();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

/** Start the entry in `slot` and check that it succeeded. */
async function runEntry(path: string): Promise<void> {
  const output = await new Deno.Command(path, { stdout: "null", stderr: "piped" }).output();
  if (!output.success) {
    wrongAnswer(`a confined /bin/true failed: ${new TextDecoder().decode(output.stderr)}`);
  }
}

/**
 * What the jail's parts cost on their own, for information: bubblewrap's
 * namespaces alone, the whole jail around `/bin/true` (bubblewrap, the
 * proxy relays inside, the seccomp helper) against `/bin/true` from a
 * permissions-mode entry, the sandbox runtime's start in a fresh thread
 * (loading it, its proxies and relays), and one command's wrap.
 */
async function parts(): Promise<void> {
  const { FAKEY_INFO } = await import("../../core/provider_catalog.ts");
  const { jailPolicy } = await import("../../core/sandbox/policy.ts");
  const { confine, enclose, holdJail } = await import("../../core/sandbox/jail.ts");
  const { reserveEntry } = await import("../../core/sandbox/entry.ts");
  const { which } = await import("../../core/fs/which.ts");
  const root = await Deno.makeTempDir({ prefix: "sase-bench-jail-parts-" });
  const env = Deno.env.toObject();
  const base = { bench: "jail", unit: "ms", metric: "wall" };
  try {
    const dirs = ["ws", "run", "tmp"].map((name) => join(root, name));
    for (const dir of dirs) await Deno.mkdir(dir);
    const policy = (mode: "jail" | "permissions") =>
      jailPolicy({
        settings: {
          rules: { read: [], write: [], deny: [], hosts: [], env: [] },
          providers: {},
          warnings: [],
        },
        decision: { mode, reason: "bench", warnings: [] },
        provider: FAKEY_INFO,
        providers: [],
        env,
        workspace: dirs[0],
        runDir: dirs[1],
        tempDir: dirs[2],
      });
    const bwrap = await which("bwrap", env.PATH);
    if (bwrap) {
      const args = ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-all"];
      report({
        ...base,
        name: "bubblewrap alone: `bwrap --unshare-all ... /bin/true`",
        value: await timed(RUNS, async () => {
          const output = await new Deno.Command(bwrap, { args: [...args, "--", "/bin/true"] })
            .output();
          if (!output.success) wrongAnswer("bwrap --unshare-all /bin/true failed");
        }),
      });
    }
    const confined = (mode: "jail" | "permissions") => async () => {
      await using slot = await reserveEntry();
      const command = await confine(
        { argv: ["/bin/true"], cwd: dirs[0], env, policy: policy(mode) },
        slot,
      );
      const started = performance.now();
      await runEntry(slot.path);
      const ms = performance.now() - started;
      await command[Symbol.asyncDispose]();
      return ms;
    };
    // The session stays up meanwhile, as for a run.
    const hold = holdJail(env);
    await hold.ready;
    try {
      for (const mode of ["permissions", "jail"] as const) {
        const samples: number[] = [];
        await confined(mode)();
        for (let run = 0; run < RUNS; run++) samples.push(await confined(mode)());
        report({
          ...base,
          name: `\`/bin/true\` from a ${mode}-mode entry`,
          value: median(samples),
        });
      }
      report({
        ...base,
        name: "one command's wrap (policy to bubblewrap command line)",
        value: await timed(RUNS, async () => {
          await (await enclose(policy("jail"), env))[Symbol.asyncDispose]();
        }),
      });
    } finally {
      await hold[Symbol.asyncDispose]();
    }
    report({
      ...base,
      name: "the sandbox runtime's start in a fresh thread (import, proxies, relays)",
      value: await timed(Math.min(RUNS, 5), async () => {
        const session = holdJail(env);
        await session.ready;
        await session[Symbol.asyncDispose]();
      }),
    });
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

try {
  await measure(false);
  await measure(true);
  if (Deno.build.os === "linux") await parts();
} catch (error) {
  console.error(`jail bench failed: ${error instanceof Error ? error.message : String(error)}`);
  Deno.exit(1);
}
