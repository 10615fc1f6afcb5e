import { join } from "node:path";
import { assert, assertEquals, assertRejects } from "../../../_helpers/assert.ts";
import { makeSandbox } from "../../../_helpers/sandbox.ts";
import { killRun } from "../../../../core/agent/identity/kill.ts";
import { processGroupMembers, processInfo } from "../../../../core/agent/index/liveness.ts";
import { indexLocation } from "../../../../core/agent/index/index_service.ts";
import { listAgents } from "../../../../core/agent/index/list.ts";
import { doneJson, stampAt, writeRun } from "../index/_runs.ts";
import { SaseError } from "../../../../core/errors.ts";

const LINUX = Deno.build.os === "linux";

/** A provider process group (leader + background child) and a separate runner process. */
function spawnRunTree() {
  const provider = new Deno.Command("setsid", {
    args: ["sh", "-c", "sleep 60 & sleep 60"],
    stdout: "null",
    stderr: "null",
  }).spawn();
  const runner = new Deno.Command("sleep", { args: ["60"], stdout: "null" }).spawn();
  return { provider, runner };
}

async function waitForMembers(pgid: number, count: number): Promise<void> {
  for (let i = 0; i < 200 && processGroupMembers(pgid).length < count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

Deno.test({
  name: "killRun stops the provider's whole process group and the runner, and records killed",
  ignore: !LINUX,
  async fn() {
    await using sb = await makeSandbox();
    const { provider, runner } = spawnRunTree();
    try {
      await waitForMembers(provider.pid, 2);
      const dir = writeRun(sb.saseHome, {
        project: "p",
        timestamp: stampAt(0),
        meta: { name: "victim", status: "running", pid: runner.pid, agent_pid: provider.pid },
      });
      assertEquals((await listAgents(indexLocation(sb.env)))[0].status, "RUNNING");
      let hooked = "";
      const started = performance.now();
      const result = await killRun(dir, {
        env: sb.env,
        onKilled: (killed) => {
          hooked = killed.outcome;
        },
      });
      assert(performance.now() - started < 2000, "within two seconds");
      assertEquals(processGroupMembers(provider.pid), [], "provider group gone");
      assertEquals(processInfo(runner.pid), null, "runner gone");
      assert(result.signalled.length >= 3, `signalled ${result.signalled}`);
      assertEquals([result.outcome, result.wroteDone, hooked], ["killed", true, "killed"]);
      const done = JSON.parse(await Deno.readTextFile(join(dir, "done.json")));
      assertEquals([done.outcome, done.name], ["killed", "victim"]);
      const meta = JSON.parse(await Deno.readTextFile(join(dir, "agent_meta.json")));
      assertEquals(meta.outcome, "killed");
      assert(meta.kill_requested_at, "the runner was told first");
      const [row] = await listAgents(indexLocation(sb.env), { all: true });
      assertEquals(row.status, "KILLED", "the index already knows");
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

Deno.test({
  name: "killRun escalates to SIGKILL when SIGTERM is ignored",
  ignore: !LINUX,
  async fn() {
    await using sb = await makeSandbox();
    const stubborn = new Deno.Command("setsid", {
      args: ["sh", "-c", "trap '' TERM; sleep 60 & trap '' TERM; wait"],
    }).spawn();
    try {
      await waitForMembers(stubborn.pid, 2);
      const dir = writeRun(sb.saseHome, {
        project: "p",
        timestamp: stampAt(0),
        meta: { name: "stubborn", agent_pid: stubborn.pid },
      });
      const result = await killRun(dir, { env: sb.env, graceMs: 200 });
      assertEquals(result.escalated, true);
      assertEquals(processGroupMembers(stubborn.pid), []);
    } finally {
      try {
        Deno.kill(-stubborn.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
      await stubborn.status;
    }
  },
});

Deno.test("killRun refuses a finished run and leaves a reused pid alone", async () => {
  await using sb = await makeSandbox();
  const finished = writeRun(sb.saseHome, {
    project: "p",
    timestamp: stampAt(0),
    meta: { name: "old" },
    done: doneJson(),
  });
  await assertRejects(
    () => killRun(finished, { env: sb.env }),
    SaseError,
    "already finished (completed)",
  );

  // A pid recorded an hour ago that now belongs to a process started since
  // is an unrelated process that reused the number: it must survive.
  const stranger = new Deno.Command("sleep", { args: ["60"] }).spawn();
  try {
    const stale = writeRun(sb.saseHome, {
      project: "p",
      timestamp: stampAt(1),
      meta: { name: "crashed", pid: stranger.pid, agent_pid: stranger.pid, status: "running" },
    });
    const past = new Date(Date.now() - 3_600_000);
    await Deno.utime(join(stale, "agent_meta.json"), past, past);
    const result = await killRun(stale, { env: sb.env });
    assertEquals([result.signalled, result.outcome], [[], "killed"]);
    if (LINUX) assert(processInfo(stranger.pid), "the stranger lives");
  } finally {
    stranger.kill("SIGKILL");
    await stranger.status;
  }
});

Deno.test({
  name: "killRun also stops what carries the run in its environment and a dead runner's helpers",
  ignore: !LINUX,
  async fn() {
    await using sb = await makeSandbox();
    const dir = writeRun(sb.saseHome, {
      project: "p",
      timestamp: stampAt(0),
      meta: { name: "stray", status: "running" },
    });
    // Detached, in no recorded pid or group: a jailed or setsid'd process of the run.
    const detached = new Deno.Command("setsid", {
      args: ["sleep", "60"],
      env: { SASE_ARTIFACTS_DIR: dir },
      stdout: "null",
    }).spawn();
    // Another run's process is left alone.
    const other = new Deno.Command("sleep", {
      args: ["60"],
      env: { SASE_ARTIFACTS_DIR: `${dir}-other` },
      stdout: "null",
    }).spawn();
    // A runner that died, leaving a helper in the group it led.
    const runner = new Deno.Command("setsid", {
      args: ["sh", "-c", "sleep 60 & exit 0"],
      stdout: "null",
    }).spawn();
    await runner.status;
    try {
      await waitForMembers(runner.pid, 1);
      assertEquals(processGroupMembers(runner.pid).length, 1);
      await Deno.writeTextFile(
        join(dir, "agent_meta.json"),
        JSON.stringify({ name: "stray", status: "running", pid: runner.pid }),
      );
      const result = await killRun(dir, { env: sb.env });
      assertEquals(result.outcome, "killed");
      assertEquals((await detached.status).signal, "SIGTERM");
      assertEquals(processGroupMembers(runner.pid), []);
      assert(processInfo(other.pid) !== null, "another run's process was stopped");
    } finally {
      for (const child of [detached, other]) {
        try {
          child.kill("SIGKILL");
        } catch {
          // Already gone.
        }
      }
      await Promise.all([detached.status, other.status]);
    }
  },
});
