import { assert, assertEquals } from "../../../_helpers/assert.ts";
import {
  parseProcStat,
  processGroupMembers,
  processInfo,
  recordedProcess,
} from "../../../../core/agent/index/liveness.ts";

const LINUX = Deno.build.os === "linux";

Deno.test("parseProcStat: state, group and start time; zombies are dead", () => {
  const fields = (state: string) =>
    `4242 (sase (x) y) ${state} 1 777 777 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 1500 0 0`;
  assertEquals(parseProcStat(4242, fields("S"), 1_000_000), {
    pid: 4242,
    pgid: 777,
    startedAtMs: 1_000_000 + 15_000,
  });
  assertEquals(parseProcStat(4242, fields("Z"), 0), null);
  assertEquals(parseProcStat(4242, fields("R"), null)?.startedAtMs, null);
});

Deno.test({
  name: "recordedProcess: a process started after the record is a reused pid",
  ignore: !LINUX,
  fn() {
    const self = processInfo(Deno.pid);
    assert(self?.startedAtMs, "our own start time is known");
    assert(recordedProcess(Deno.pid, Date.now()), "recorded after we started");
    assertEquals(recordedProcess(Deno.pid, self.startedAtMs - 60_000), null, "recorded before");
    assert(recordedProcess(Deno.pid), "no record time: plain liveness");
    assertEquals(processInfo(0), null);
  },
});

Deno.test({
  name: "processGroupMembers lists a live group and nothing once it is gone",
  ignore: !LINUX,
  async fn() {
    const child = new Deno.Command("setsid", { args: ["sh", "-c", "sleep 30 & sleep 30"] }).spawn();
    try {
      let members: number[] = [];
      for (let i = 0; i < 100 && members.length < 2; i++) {
        members = processGroupMembers(child.pid);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert(members.length >= 2, `group has members: ${members}`);
      Deno.kill(-child.pid, "SIGKILL");
      await child.status;
      for (let i = 0; i < 100 && processGroupMembers(child.pid).length > 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assertEquals(processGroupMembers(child.pid), []);
    } finally {
      try {
        Deno.kill(-child.pid, "SIGKILL");
      } catch {
        // Gone.
      }
    }
  },
});
