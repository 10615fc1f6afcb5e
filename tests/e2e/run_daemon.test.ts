import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { runSase } from "../_helpers/cli.ts";
import { allDone, readJsonFile, runDirs, waitFor } from "../_helpers/runs.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";

const MAIN = fileURLToPath(new URL("../../main.ts", import.meta.url));

Deno.test("20 concurrent sase run --daemon: 20 distinct names and artifact dirs, every done.json", async () => {
  await using sb = await makeSandbox();
  const launches = await Promise.all(
    Array.from(
      { length: 20 },
      (_, index) =>
        runSase(["run", "--daemon", "-j", `%model:fakey/reply daemon ${index}`], {
          env: sb.env,
          cwd: sb.cwd,
        }),
    ),
  );
  for (const launch of launches) assertEquals(launch.code, 0, launch.stderr);
  const agents = launches.map((launch) => JSON.parse(launch.stdout).agents[0]);
  assertEquals(new Set(agents.map((agent) => agent.name)).size, 20);
  assertEquals(new Set(agents.map((agent) => agent.dir)).size, 20);
  const dirs = await runDirs(sb);
  assertEquals(dirs.length, 20);
  const done = await allDone(dirs, 90_000);
  assert(done.every((record) => record.outcome === "completed"), JSON.stringify(done));
  const replies = await Promise.all(
    dirs.map((dir) => Deno.readTextFile(join(dir, "live_reply.md"))),
  );
  for (let index = 0; index < 20; index++) {
    assert(replies.some((reply) => reply.endsWith(`daemon ${index}`)), `reply for ${index}`);
  }
});

Deno.test("kill -9 of the launching CLI leaves its daemon agents running to completion", async () => {
  await using sb = await makeSandbox();
  // Its own process group, so the kill reaches everything the CLI did not detach.
  const cli = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--unstable-worker-options",
      MAIN,
      "run",
      "%n:slow1 %model:fakey/slow first\n---\n%n:slow2 %model:fakey/slow second",
    ],
    env: { ...sb.env, DENO_NO_UPDATE_CHECK: "1" },
    clearEnv: true,
    cwd: sb.cwd,
    stdout: "piped",
    stderr: "piped",
    detached: true,
  }).spawn();
  const reader = cli.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let out = "";
  while (!out.includes("launched slow2")) {
    const { value, done } = await reader.read();
    if (done) break;
    out += value;
  }
  try {
    Deno.kill(-cli.pid, "SIGKILL");
  } catch {
    // The CLI may already have exited after its last line; its agents must not care either way.
  }
  await cli.status;
  await reader.cancel().catch(() => {});
  assertStringIncludes(out, "launched slow1", await new Response(cli.stderr).text());
  const dirs = await runDirs(sb);
  assertEquals(dirs.length, 2);
  const done = await allDone(dirs, 60_000);
  assertEquals(done.map((record) => record.outcome), ["completed", "completed"]);
  const metas = await Promise.all(dirs.map((dir) => readJsonFile(join(dir, "agent_meta.json"))));
  assert(metas.every((meta) => meta?.daemon === true && meta.pid !== cli.pid));
});

Deno.test("a daemon launch's meta shows it running before it finishes; foreground stays the default", async () => {
  await using sb = await makeSandbox();
  const launch = await runSase(["run", "-d", "%model:fakey/slow trickle"], {
    env: sb.env,
    cwd: sb.cwd,
  });
  assertEquals(launch.code, 0, launch.stderr);
  assertStringIncludes(launch.stdout, "launched 0");
  const [dir] = await runDirs(sb);
  const running = await waitFor("status running", async () => {
    const meta = await readJsonFile(join(dir, "agent_meta.json"));
    return meta?.status === "running" && typeof meta.agent_pid === "number" ? meta : undefined;
  });
  assertEquals(running.daemon, true);
  await allDone([dir]);
});

/** Pids of runner processes (`__agent-run`) working for `saseHome`. */
async function runnersOf(saseHome: string): Promise<number[]> {
  const pids: number[] = [];
  for await (const entry of Deno.readDir("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    try {
      const cmdline = await Deno.readTextFile(`/proc/${entry.name}/cmdline`);
      const environ = await Deno.readTextFile(`/proc/${entry.name}/environ`);
      if (cmdline.includes("__agent-run") && environ.includes(`SASE_HOME=${saseHome}\0`)) {
        pids.push(Number(entry.name));
      }
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}

Deno.test("a --daemon launch that fails before any run exists leaves no standby runner behind", async () => {
  await using sb = await makeSandbox();
  const result = await runSase(["run", "-d", "%model:nosuch/model hello"], {
    env: sb.env,
    cwd: sb.cwd,
  });
  assertEquals(result.code, 1);
  assertEquals(await runDirs(sb), []);
  await waitFor("the standby runner to exit", async () => {
    const left = await runnersOf(sb.saseHome);
    return left.length === 0 ? true : undefined;
  }, 10_000);
});

Deno.test("a run whose provider dies of `agent kill` before the runner hears SIGTERM ends killed", async () => {
  await using sb = await makeSandbox();
  const launch = await runSase(["run", "-d", "%model:fakey/hang wait"], {
    env: sb.env,
    cwd: sb.cwd,
  });
  assertEquals(launch.code, 0, launch.stderr);
  const [dir] = await runDirs(sb);
  const metaPath = join(dir, "agent_meta.json");
  const meta = await waitFor("a running provider", async () => {
    const current = await readJsonFile(metaPath);
    return typeof current?.agent_pid === "number" ? current : undefined;
  });
  // What `sase agent kill` does first, then only the provider's group is signalled.
  await Deno.writeTextFile(
    metaPath,
    JSON.stringify({ ...meta, kill_requested_at: new Date().toISOString() }),
  );
  Deno.kill(-Number(meta.agent_pid), "SIGTERM");
  const [done] = await allDone([dir]);
  assertEquals(done.outcome, "killed");
});
