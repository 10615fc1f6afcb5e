/**
 * The axe process model end to end (automation guide scenarios 1-3): one
 * orchestrator under concurrent starts, lumberjack Workers restarted after
 * a crash or a hang with the orchestrator unchanged, stop, and start after
 * `kill -9`.
 */

import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { readJsonFile, waitFor } from "../_helpers/runs.ts";
import { processesOfHome } from "../_helpers/processes.ts";
import { isProcessAlive } from "../../core/process_liveness.ts";
import { axeSandbox, pidIn, waitForRestarts } from "./_axe.ts";

const CONFIG = `axe:
  lumberjacks:
    quick:
      interval: 1
      chops: []
`;

/** Whether `pid` runs (a zombie waiting for its reaper counts as gone). */
const alive = isProcessAlive;

/** Whether some process holds an exclusive flock on `path` (util-linux `flock -n`). */
async function lockHeld(path: string): Promise<boolean> {
  const out = await new Deno.Command("flock", { args: ["-n", path, "true"] }).output();
  return !out.success;
}

Deno.test("five concurrent starts leave one orchestrator; every start reports its PID", async () => {
  await using axe = await axeSandbox(CONFIG);
  const results = await Promise.all(
    Array.from({ length: 5 }, () => axe.sase(["axe", "start", "-j"])),
  );
  for (const result of results) assertEquals(result.code, 0, result.stderr);
  const reports = results.map((result) => JSON.parse(result.stdout));
  const pids = new Set(reports.map((report) => report.pid));
  assertEquals(pids.size, 1, JSON.stringify(reports));
  assertEquals(reports.filter((report) => report.started).length, 1);
  const [pid] = pids;
  assertEquals(await pidIn(join(axe.axeDir, "orchestrator.pid")), pid);
  assert(await lockHeld(join(axe.axeDir, "orchestrator.lock")), "orchestrator.lock is not held");
  // Counted in this test's home only: other tests run orchestrators of their own meanwhile.
  assertEquals(processesOfHome("__axe-orchestrator", axe.sb.saseHome).length, 1);
  // A later start is a no-op that names the same process.
  const again = await axe.sase(["axe", "start"]);
  assertEquals(again.stdout.trim(), `axe is already running (PID ${pid})`);

  const status = JSON.parse((await axe.sase(["axe", "status", "-j"])).stdout);
  assertEquals([status.running, status.pid], [true, pid]);
  assertEquals(
    status.lumberjacks.map((lj: { name: string }) => lj.name).sort(),
    ["checks", "comments", "hooks", "housekeeping", "quick", "waits"],
  );

  const stop = await axe.sase(["axe", "stop"]);
  assertEquals(stop.code, 0, stop.stderr);
  assertEquals(stop.stdout.trim(), `axe stopped (PID ${pid})`);
  assert(!alive(pid), "the orchestrator still runs after stop");
  assertEquals(await pidIn(join(axe.axeDir, "orchestrator.pid")), undefined);
  assertEquals(await pidIn(axe.lj("quick", "pid")), undefined);
  assert(!await lockHeld(join(axe.axeDir, "orchestrator.lock")), "the lock outlived the stop");
  const second = await axe.sase(["axe", "stop"]);
  assertEquals([second.code, second.stdout.trim()], [0, "axe is not running"]);
  const stopped = JSON.parse((await axe.sase(["axe", "status", "-j"])).stdout);
  assertEquals([stopped.running, stopped.pid], [false, null]);
});

Deno.test("after kill -9 of the orchestrator, start clears its stale files and starts anew", async () => {
  await using axe = await axeSandbox(CONFIG);
  const first = JSON.parse((await axe.sase(["axe", "start", "-j"])).stdout);
  await waitFor("the quick lumberjack's pid file", () => pidIn(axe.lj("quick", "pid")));
  Deno.kill(first.pid, "SIGKILL");
  await waitFor("the orchestrator to die", () => Promise.resolve(alive(first.pid) ? undefined : 1));
  // Its pid file is stale now: status says stopped, start replaces it.
  assertEquals(await pidIn(join(axe.axeDir, "orchestrator.pid")), first.pid);
  assertEquals(JSON.parse((await axe.sase(["axe", "status", "-j"])).stdout).running, false);
  const second = JSON.parse((await axe.sase(["axe", "start", "-j"])).stdout);
  assertEquals(second.started, true);
  assert(second.pid !== first.pid);
  assertEquals(await pidIn(join(axe.axeDir, "orchestrator.pid")), second.pid);
});

Deno.test("a lumberjack Worker that throws is restarted in the same orchestrator and counted", async () => {
  await using axe = await axeSandbox(CONFIG);
  const { pid } = JSON.parse((await axe.sase(["axe", "start", "-j"])).stdout);
  const status = axe.lj("quick", "status.json");
  await waitFor("quick's status.json", () => readJsonFile(status));
  // status.json turned into a directory: the Worker's next status write throws.
  await Deno.remove(status);
  await Deno.mkdir(join(status, "blocker"), { recursive: true });
  await waitFor("the crash to be logged", async () => {
    const log = await Deno.readTextFile(join(axe.axeDir, "logs", "axe.log"));
    return log.includes("lumberjack quick failed:") ? log : undefined;
  }, 60_000);
  await Deno.remove(status, { recursive: true });
  const restarts = await waitForRestarts(axe, "quick", 1);
  assert(restarts >= 1);
  const fresh = await waitFor("quick to tick again", async () => {
    const value = await readJsonFile(status);
    return value && Number(value.cycles) >= 2 && Number(value.restarts) >= 1 ? value : undefined;
  }, 60_000);
  assertEquals(fresh.pid, pid);
  assertEquals(await pidIn(join(axe.axeDir, "orchestrator.pid")), pid);
  assert(alive(pid));
  const errors = JSON.parse(
    await Deno.readTextFile(join(axe.axeDir, "shared", "error_digests", "recent_errors.json")),
  );
  assert(
    errors.some((error: { kind: string; lumberjack: string }) =>
      error.kind === "lumberjack_restart" && error.lumberjack === "quick"
    ),
    JSON.stringify(errors),
  );
});

Deno.test("a hung lumberjack Worker (no heartbeat) is terminated and restarted", async () => {
  await using axe = await axeSandbox(CONFIG, { SASE_AXE_HEARTBEAT_TIMEOUT: "2" });
  const { pid } = JSON.parse((await axe.sase(["axe", "start", "-j"])).stdout);
  await waitFor("quick's status.json", () => readJsonFile(axe.lj("quick", "status.json")));
  // A FIFO as the maintenance marker: the tick's read blocks its thread for good.
  const marker = join(axe.axeDir, "maintenance.json");
  const mkfifo = await new Deno.Command("mkfifo", { args: [marker] }).output();
  assert(mkfifo.success);
  const log = await waitFor("the hang to be detected", async () => {
    const text = await Deno.readTextFile(join(axe.axeDir, "logs", "axe.log"));
    return text.includes("lumberjack quick hung (no heartbeat for 2s)") ? text : undefined;
  }, 60_000);
  assertStringIncludes(log, "restart 1 in 1s");
  await waitForRestarts(axe, "quick", 1);
  // Release every blocked reader (they read an empty, malformed marker) and drop the FIFO.
  await new Deno.Command("sh", { args: ["-c", `printf '' > '${marker}'`] }).output();
  await Deno.remove(marker).catch(() => {});
  await waitFor("quick to tick again after the restart", async () => {
    const value = await readJsonFile(axe.lj("quick", "status.json"));
    return value && Number(value.restarts) >= 1 && Number(value.cycles) >= 2 ? value : undefined;
  }, 60_000);
  assertEquals(await pidIn(join(axe.axeDir, "orchestrator.pid")), pid);
  assert(alive(pid));
});
