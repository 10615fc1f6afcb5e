import { join } from "node:path";
import { assert, assertEquals } from "../../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../../_helpers/sandbox.ts";
import { readJsonFile } from "../../_helpers/runs.ts";
import { liveNameOwners, stopLaunchedAgents } from "../../../core/bead/work_agents.ts";
import { sandboxContext } from "../../_helpers/app.ts";

async function fakeRun(sb: Sandbox, stamp: string, meta: Record<string, unknown>, done = false) {
  const dir = join(sb.saseHome, "projects", "home", "artifacts", "ace-run", "202605", "01", stamp);
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(
    join(dir, "agent_meta.json"),
    JSON.stringify({ timestamp: stamp, ...meta }),
  );
  if (done) {
    await Deno.writeTextFile(join(dir, "done.json"), JSON.stringify({ outcome: "completed" }));
  }
  return dir;
}

Deno.test("bead work agents: live owners are reported; only this launch's live runs are stopped", async () => {
  await using sb = await makeSandbox();
  const runner = new Deno.Command("sleep", { args: ["30"], stdout: "null", stderr: "null" })
    .spawn();
  try {
    const since = "2026-05-01T10:00:00.000Z";
    const older = await fakeRun(sb, "20260501095900", { name: "e-1.1" });
    const mine = await fakeRun(sb, "20260501100001", { name: "e-1.2", pid: runner.pid });
    const finished = await fakeRun(sb, "20260501100002", { name: "e-1" }, true);
    const reservation = (dir: string, at: string) => ({
      timestamp: "x",
      project: "home",
      artifacts_dir: dir,
      reserved_at: at,
    });
    await Deno.writeTextFile(
      join(sb.saseHome, "agent_name_registry.json"),
      JSON.stringify({
        schema_version: 1,
        names: {
          "e-1.1": reservation(older, "2026-05-01T09:59:00.000Z"),
          "e-1.2": reservation(mine, "2026-05-01T10:00:01.000Z"),
          "e-1": reservation(finished, "2026-05-01T10:00:02.000Z"),
        },
      }),
    );
    const names = ["e-1.1", "e-1.2", "e-1.3", "e-1"];
    assertEquals(await liveNameOwners(sb.env, names), ["e-1.1", "e-1.2"]);
    assertEquals(await stopLaunchedAgents(sandboxContext(sb), names, since), ["e-1.2"]);
    const status = await runner.status;
    assert(!status.success, "the runner was signalled");
    assertEquals((await readJsonFile(join(mine, "done.json")))?.outcome, "killed");
    assertEquals(await readJsonFile(join(older, "done.json")), undefined);
    assertEquals(await liveNameOwners(sb.env, names), ["e-1.1"]);
  } finally {
    try {
      runner.kill("SIGKILL");
    } catch {
      // Already stopped.
    }
  }
});
