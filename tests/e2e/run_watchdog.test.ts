import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { join } from "node:path";
import { allDone, killRunners, runDirs } from "../_helpers/runs.ts";

/** True while `pid` runs; a zombie (exited, not yet reaped by init) counts as gone. */
function running(pid: number): boolean {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

async function alive(pid: number): Promise<boolean> {
  // SIGKILL delivery is asynchronous: give the kernel a moment.
  for (let tries = 0; tries < 20 && running(pid); tries++) {
    await new Promise((done) => setTimeout(done, 100));
  }
  return running(pid);
}

async function findFile(root: string, name: string): Promise<string> {
  for await (const entry of Deno.readDir(root)) {
    const path = join(root, entry.name);
    if (entry.isFile && entry.name === name) return path;
    if (entry.isDirectory) {
      const found = await findFile(path, name).catch(() => "");
      if (found) return found;
    }
  }
  throw new Error(`${name} not found under ${root}`);
}

Deno.test("a hang is failed by the watchdog within the stall timeout and leaves no process", async () => {
  await using sb = await makeSandbox();
  await sb.write("home/.config/sase/sase.yml", "llm_provider:\n  stall_timeout: 1s\n");
  const started = performance.now();
  const result = await runSase(["run", "%model:fakey/hang wait forever"], {
    env: sb.env,
    cwd: sb.cwd,
  });
  const elapsed = performance.now() - started;
  assertEquals(result.code, 1);
  assert(elapsed < 15_000, `took ${elapsed} ms`);
  assertStringIncludes(result.stderr, "stall timeout");
  const done = JSON.parse(await Deno.readTextFile(await findFile(sb.saseHome, "done.json")));
  assertEquals(done.outcome, "failed");
  assertStringIncludes(done.error, "no output for 1s");
  const pids = (await Deno.readTextFile(await findFile(sb.saseHome, "fakey_child.pid")))
    .trim().split("\n").map(Number);
  assertEquals(pids.length, 2);
  for (const pid of pids) assertEquals(await alive(pid), false, `pid ${pid} survived`);
});

Deno.test("a slow trickle keeps the watchdog quiet and streams deltas in order", async () => {
  await using sb = await makeSandbox();
  await sb.write("home/.config/sase/sase.yml", "llm_provider:\n  stall_timeout: 1s\n");
  const result = await runSase(["run", "%model:fakey/slow tell me"], { env: sb.env, cwd: sb.cwd });
  assertEquals(result.code, 0, result.stderr);
  assertEquals(result.stdout, "Slowly answering: tell me\n");
  const stamps =
    (await Deno.readTextFile(await findFile(sb.saseHome, "live_reply_timestamps.jsonl")))
      .trim().split("\n").length;
  assert(stamps >= 5, `only ${stamps} chunks`);
});

Deno.test("a daemon run honours the launching directory's sase.yml (watchdog from local config)", async () => {
  await using sb = await makeSandbox();
  // Project-local only: the user config keeps the 15-minute default.
  await sb.write("work/sase.yml", "llm_provider:\n  stall_timeout: 1s\n");
  const result = await runSase(["run", "-d", "%model:fakey/hang wait forever"], {
    env: sb.env,
    cwd: sb.cwd,
  });
  assertEquals(result.code, 0, result.stderr);
  const dirs = await runDirs(sb);
  assertEquals(dirs.length, 1);
  try {
    const [done] = await allDone(dirs, 20_000);
    assertEquals(done.outcome, "failed");
    assertStringIncludes(String(done.error), "no output for 1s");
  } finally {
    await killRunners(dirs);
  }
});
