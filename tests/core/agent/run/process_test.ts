import { assertEquals } from "../../../_helpers/assert.ts";
import {
  runProcess,
  type TimerId,
  type WatchdogTimers,
} from "../../../../core/agent/run/process.ts";
import { waitFor } from "../../../_helpers/runs.ts";

const PATH_ENV = { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin" };

/** Real timers that remember which are still armed. */
function trackedTimers() {
  const armed = new Set<TimerId>();
  const timers: WatchdogTimers = {
    set(callback, ms) {
      const id = setTimeout(() => {
        armed.delete(id);
        callback();
      }, ms);
      armed.add(id);
      return id;
    },
    clear(id) {
      if (id === undefined) return;
      clearTimeout(id);
      armed.delete(id);
    },
  };
  return { timers, armed };
}

Deno.test("runProcess: output read after the exit does not re-arm the watchdog", async () => {
  // "two" comes in a later chunk than "one" (the pause), and the handler of
  // "one" holds the stdout pump until the runner has seen the exit (its
  // SIGKILL of the leftover group is that event), so "two" is certainly read
  // afterwards. A watchdog re-armed by that read would leave a timer armed.
  const signals: string[] = [];
  const lines: string[] = [];
  const { timers, armed } = trackedTimers();
  const exit = await runProcess({
    argv: ["sh", "-c", "echo one; sleep 0.3; echo two"],
    cwd: Deno.cwd(),
    env: PATH_ENV,
    stallTimeoutMs: 60_000,
    timers,
    signalGroup: (_pid, signal) => void signals.push(signal),
    async onLine(line) {
      lines.push(line);
      if (line === "one") {
        await waitFor(
          "the exit to be handled",
          () => Promise.resolve(signals.includes("SIGKILL") ? true : undefined),
        );
      }
    },
  });
  assertEquals([exit.code, exit.stalled], [0, false]);
  assertEquals(lines, ["one", "two"]);
  assertEquals(signals, ["SIGKILL"]);
  assertEquals(armed.size, 0, "a watchdog timer is still armed after the run");
});

Deno.test("runProcess: stderr output alone keeps the watchdog quiet", async () => {
  // Only stderr for 3 s, a line every 100 ms, under a 2 s stall timeout: a
  // watchdog that ignored stderr would kill it at 2 s.
  const signals: string[] = [];
  const exit = await runProcess({
    argv: [
      "sh",
      "-c",
      "i=0; while [ $i -lt 30 ]; do echo tick $i >&2; sleep 0.1; i=$((i+1)); done",
    ],
    cwd: Deno.cwd(),
    env: PATH_ENV,
    stallTimeoutMs: 2_000,
    killGraceMs: 100,
    signalGroup: (_pid, signal) => void signals.push(signal),
    onLine() {},
  });
  assertEquals([exit.code, exit.stalled], [0, false]);
  assertEquals(signals, ["SIGKILL"]);
  assertEquals(exit.stderr.trim().split("\n").at(-1), "tick 29");
});

Deno.test("runProcess: silence past the stall timeout kills the group and reports it", async () => {
  const signals: string[] = [];
  const exit = await runProcess({
    argv: ["sh", "-c", "echo started; exec sleep 60"],
    cwd: Deno.cwd(),
    env: PATH_ENV,
    stallTimeoutMs: 1_000,
    killGraceMs: 100,
    onLine() {},
    signalGroup(pid, signal) {
      signals.push(signal);
      try {
        Deno.kill(-pid, signal);
      } catch {
        // Already gone.
      }
    },
  });
  assertEquals(exit.stalled, true);
  assertEquals(exit.signal, "SIGTERM");
  assertEquals(signals[0], "SIGTERM");
});
