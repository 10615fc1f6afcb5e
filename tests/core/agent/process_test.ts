import { assertEquals } from "../../_helpers/assert.ts";
import { runProcess } from "../../../core/agent/process.ts";

Deno.test("runProcess: output read after the exit does not re-arm the watchdog", async () => {
  // "two" arrives while "one" is still being handled, so it is read after the
  // child has exited; a watchdog re-armed by that read would fire a SIGTERM
  // at the (long gone) group half a second later.
  const signals: string[] = [];
  const lines: string[] = [];
  const exit = await runProcess({
    argv: ["sh", "-c", "echo one; sleep 0.1; echo two"],
    cwd: Deno.cwd(),
    env: { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin" },
    stallTimeoutMs: 500,
    killGraceMs: 50,
    signalGroup: (_pid, signal) => void signals.push(signal),
    async onLine(line) {
      lines.push(line);
      if (line === "one") await new Promise((done) => setTimeout(done, 300));
    },
  });
  await new Promise((done) => setTimeout(done, 900));
  assertEquals(exit.code, 0);
  assertEquals(exit.stalled, false);
  assertEquals(lines, ["one", "two"]);
  assertEquals(signals, ["SIGKILL"]);
});
