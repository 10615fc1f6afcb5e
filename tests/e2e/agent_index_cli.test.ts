import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { allDone, runDirs } from "../_helpers/runs.ts";
import { processGroupMembers, processInfo } from "../../core/agent/index/liveness.ts";
import { doneJson, settleRuns, stampAt, writeRun } from "../core/agent/index/_runs.ts";

type Row = Record<string, unknown>;

function sase(sb: Sandbox, args: string[], env: Record<string, string> = {}) {
  return runSase(args, { env: { ...sb.env, ...env }, cwd: sb.cwd });
}

const ALL = ["agent", "list", "-j", "-a", "--per-project", "0"];

/** Rows without the one field that moves with the clock (elapsed time of live rows). */
function stable(rows: Row[]): Row[] {
  return rows.map((row) => row.finished_at ? row : { ...row, duration_seconds: null });
}

const OUTCOMES = ["completed", "completed", "completed", "failed", "killed"];

function writeSynthetic(sb: Sandbox, count: number): void {
  for (let i = 0; i < count; i++) {
    const live = i % 500 === 7;
    writeRun(sb.saseHome, {
      project: `proj${i % 4}`,
      timestamp: stampAt(i),
      meta: live
        ? { name: `a${i}`, status: "waiting", waiting_for: [`a${i - 1}`] }
        : { name: `a${i}`, model: `m${i % 3}` },
      done: live ? null : doneJson(OUTCOMES[i % OUTCOMES.length]),
      prompt: null,
    });
  }
  settleRuns(sb.saseHome);
}

Deno.test("agent list -j over 5,000 runs answers from the index; a deleted index rebuilds to the same result", async () => {
  await using sb = await makeSandbox();
  writeSynthetic(sb, 5000);

  const first = await sase(sb, ALL);
  assertEquals(first.code, 0, first.stderr);
  const rows: Row[] = JSON.parse(first.stdout);
  assertEquals(rows.length, 5000);
  assertEquals(rows[0].name, "a4999", "newest first");
  const counts = (status: string) => rows.filter((row) => row.status === status).length;
  assertEquals([counts("WAITING"), counts("FAILED"), counts("KILLED")], [10, 1000, 1000]);

  const status = await sase(sb, ["agent", "index", "status", "-j"]);
  const report = JSON.parse(status.stdout);
  assertEquals([report.healthy, report.counts.runs, report.counts.live], [true, 5000, 10]);

  const running = JSON.parse((await sase(sb, ["agent", "list", "-j"])).stdout) as Row[];
  assertEquals(running.length, 10, "the default view is the live rows only");
  const capped = JSON.parse((await sase(sb, ["agent", "list", "-j", "-a"])).stdout) as Row[];
  assertEquals(capped.length, 10 + 4 * 50, "finished rows are capped at 50 per project");

  // Edit a finished run behind the index's back: listings keep answering from the index.
  const target = writeRun(sb.saseHome, {
    project: "proj0",
    timestamp: stampAt(4000),
    meta: { name: "a4000", model: "edited-behind-the-index" },
    done: doneJson(),
  });
  const cached: Row[] = JSON.parse((await sase(sb, ALL)).stdout);
  assertEquals(cached.find((row) => row.name === "a4000")?.model, "m1");

  const verify = await sase(sb, ["agent", "index", "verify", "-j"]);
  assertEquals(verify.code, 1, "verify exits non-zero on divergence");
  const drift = JSON.parse(verify.stdout);
  assertEquals([drift.stale_rows, drift.examples.stale], [1, [target]]);

  const rebuild = await sase(sb, ["agent", "index", "rebuild", "-j"]);
  assertEquals([rebuild.code, JSON.parse(rebuild.stdout).added], [0, 5000]);
  assertEquals((await sase(sb, ["agent", "index", "verify"])).code, 0);
  const rebuilt: Row[] = JSON.parse((await sase(sb, ALL)).stdout);
  assertEquals(rebuilt.find((row) => row.name === "a4000")?.model, "edited-behind-the-index");

  for (const suffix of ["", "-wal", "-shm"]) {
    await Deno.remove(join(sb.saseHome, `agent_artifact_index.sqlite${suffix}`)).catch(() => {});
  }
  const again = await sase(sb, ALL);
  assertEquals(again.code, 0, again.stderr);
  assertEquals(stable(JSON.parse(again.stdout)), stable(rebuilt));
});

Deno.test("concurrent listings on a fresh index all succeed with the same answer", async () => {
  await using sb = await makeSandbox();
  writeSynthetic(sb, 300);
  const results = await Promise.all(Array.from({ length: 4 }, () => sase(sb, ALL)));
  for (const result of results) assertEquals(result.code, 0, result.stderr);
  const [first, ...rest] = results.map((result) => stable(JSON.parse(result.stdout)));
  assertEquals(first.length, 300);
  for (const other of rest) assertEquals(other, first);
});

Deno.test({
  name: "agent kill ends a real process tree within 2 s and records done.json killed",
  ignore: Deno.build.os !== "linux",
  async fn() {
    await using sb = await makeSandbox();
    const provider = new Deno.Command("setsid", {
      args: ["sh", "-c", "sleep 60 & sleep 60"],
    }).spawn();
    const runner = new Deno.Command("sleep", { args: ["60"] }).spawn();
    try {
      for (let i = 0; i < 200 && processGroupMembers(provider.pid).length < 2; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const dir = writeRun(sb.saseHome, {
        project: "proj",
        timestamp: stampAt(0),
        meta: { name: "victim", status: "running", pid: runner.pid, agent_pid: provider.pid },
      });
      const listed = JSON.parse((await sase(sb, ["agent", "list", "-j"])).stdout) as Row[];
      assertEquals(listed.map((row) => [row.name, row.status]), [["victim", "RUNNING"]]);

      const kill = await sase(sb, ["agent", "kill", "victim", "-j"]);
      assertEquals(kill.code, 0, kill.stderr);
      const result = JSON.parse(kill.stdout);
      assert(result.elapsed_ms < 2000, `took ${result.elapsed_ms} ms`);
      assertEquals([result.outcome, result.wrote_done], ["killed", true]);
      assertEquals(processGroupMembers(provider.pid), [], "the provider's group is gone");
      assertEquals(processInfo(runner.pid), null, "the runner is gone");
      const done = JSON.parse(await Deno.readTextFile(join(dir, "done.json")));
      assertEquals(done.outcome, "killed");

      const again = await sase(sb, ["agent", "kill", "-n", "victim"]);
      assertEquals(again.code, 1);
      assertStringIncludes(again.stderr, "already finished (killed)");
      const missing = await sase(sb, ["agent", "kill", "nobody"]);
      assertEquals(missing.code, 1);
      assertStringIncludes(missing.stderr, "error: no agent named 'nobody'");
      assertStringIncludes(missing.stderr, "hint:");
    } finally {
      for (const pid of [-provider.pid, runner.pid]) {
        try {
          Deno.kill(pid, "SIGKILL");
        } catch {
          // Already gone.
        }
      }
      await Promise.all([provider.status, runner.status]);
    }
  },
});

Deno.test("sase run keeps the index in step: verify is clean after foreground, detached and chained runs", async () => {
  await using sb = await makeSandbox();
  const env = { SASE_WAIT_POLL_MS: "100" };
  const verify = async () => {
    const result = await sase(sb, ["agent", "index", "verify", "-j"], env);
    return { code: result.code, ...JSON.parse(result.stdout) };
  };
  for (const prompt of ["%m:fakey/reply one", "%m:fakey/tools two", "%m:fakey/fail three"]) {
    await sase(sb, ["run", prompt], env);
    const checked = await verify();
    assertEquals([checked.code, checked.ok, checked.missing_rows, checked.stale_rows], [
      0,
      true,
      0,
      0,
    ]);
  }
  // A detached run is in the index as soon as `sase run -d` returns, still running.
  const hang = await sase(sb, ["run", "-d", "%n:held %m:fakey/hang wait"], env);
  assertEquals(hang.code, 0, hang.stderr);
  const whileRunning = await verify();
  assertEquals([whileRunning.missing_rows, whileRunning.source_runs], [0, 4]);
  const kill = await sase(sb, ["agent", "kill", "held"], env);
  assertEquals(kill.code, 0, kill.stderr);
  const chain = await sase(
    sb,
    ["run", "%n:first %m:fakey/reply a\n---\n%n:second %w:first %m:fakey/reply b"],
    env,
  );
  assertEquals(chain.code, 0, chain.stderr);
  const dirs = await runDirs(sb);
  await allDone(dirs);
  const settled = await verify();
  assertEquals([settled.code, settled.ok, settled.indexed_rows, settled.source_runs], [
    0,
    true,
    6,
    6,
  ]);
});
