import { assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { join } from "node:path";
import { allDone, killRunners, runDirs, waitFor } from "../_helpers/runs.ts";
import { runProcesses } from "../_helpers/processes.ts";

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

Deno.test("a hang is failed by the watchdog and leaves no process", async () => {
  await using sb = await makeSandbox();
  // The hang prints nothing at all, so however slowly fakey starts, the
  // stall timeout is what ends it.
  await sb.write("home/.config/sase/sase.yml", "llm_provider:\n  stall_timeout: 1s\n");
  const result = await runSase(["run", "%model:fakey/hang wait forever"], {
    env: sb.env,
    cwd: sb.cwd,
  });
  assertEquals(result.code, 1);
  assertStringIncludes(result.stderr, "stall timeout");
  const done = JSON.parse(await Deno.readTextFile(await findFile(sb.saseHome, "done.json")));
  assertEquals(done.outcome, "failed");
  assertStringIncludes(done.error, "no output for 1s");
  // fakey and the grandchild it left: jailed, their pids are the jail's own, so the
  // run's processes are found by the run directory in their environment.
  const dir = join(await findFile(sb.saseHome, "fakey_child.pid"), "..");
  await waitFor(
    "the run's processes to be gone",
    () => Promise.resolve(runProcesses(dir).length === 0 ? true : undefined),
  );
});

Deno.test("a slow trickle keeps the watchdog quiet and streams deltas in order", async () => {
  await using sb = await makeSandbox();
  // 20 deltas 300 ms apart run 6 s, past the 4 s stall timeout, so only the
  // re-arming by each delta keeps the run alive; 4 s also covers a slow
  // start of the fake agent before its first output.
  await sb.write("home/.config/sase/sase.yml", "llm_provider:\n  stall_timeout: 4s\n");
  const text = "Slowly answering you, one bit at a time."; // 40 characters: 20 deltas of 2
  const script = await sb.write(
    "trickle.json",
    JSON.stringify({ steps: [{ trickle: text, chunks: 20, delay_ms: 300 }] }),
  );
  const result = await runSase(["run", "%model:fakey/scripted tell me"], {
    env: { ...sb.env, SASE_FAKEY_SCRIPT: script },
    cwd: sb.cwd,
  });
  assertEquals(result.code, 0, result.stderr);
  assertEquals(result.stdout, `${text}\n`);
  const stamps =
    (await Deno.readTextFile(await findFile(sb.saseHome, "live_reply_timestamps.jsonl")))
      .trim().split("\n").length;
  assertEquals(stamps, 20);
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
