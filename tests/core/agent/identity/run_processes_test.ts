/**
 * Finding a run's processes by the run directory in their environment, and
 * signalling those outside our own process group (what a jail left in a
 * session of its own) while sparing our group (the jail's proxy relays).
 */

import { assertEquals } from "../../../_helpers/assert.ts";
import { runProcesses, signalRunProcesses } from "../../../../core/agent/identity/run_processes.ts";

function sleeper(dir: string, ownSession: boolean): Deno.ChildProcess {
  return new Deno.Command("sleep", {
    args: ["30"],
    env: { SASE_ARTIFACTS_DIR: dir },
    detached: ownSession,
    stdout: "null",
    stderr: "null",
  }).spawn();
}

Deno.test({
  name: "signalRunProcesses ends the run's processes in other sessions, sparing our group",
  ignore: Deno.build.os !== "linux",
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "sase-run-" });
    const other = await Deno.makeTempDir({ prefix: "sase-other-run-" });
    const apart = sleeper(dir, true);
    const ours = sleeper(dir, false);
    const stranger = sleeper(other, true);
    try {
      // Our own environment does not name the run: only the children are found.
      assertEquals(runProcesses(dir).sort(), [apart.pid, ours.pid].sort());
      signalRunProcesses(dir, "SIGKILL");
      assertEquals((await apart.status).signal, "SIGKILL");
      assertEquals(runProcesses(dir), [ours.pid]);
      assertEquals(runProcesses(other), [stranger.pid]);
    } finally {
      for (const child of [ours, stranger]) {
        try {
          child.kill("SIGKILL");
        } catch {
          // Already gone.
        }
        await child.status;
      }
      await Deno.remove(dir, { recursive: true });
      await Deno.remove(other, { recursive: true });
    }
  },
});
