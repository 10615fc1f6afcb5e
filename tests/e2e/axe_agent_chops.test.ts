/**
 * Agent chops end to end (automation guide scenarios 11 and 13): launched
 * through the `sase run` launcher in config order, deduplicated by prompt
 * hash, and capped by the cross-process agent runner pool (`-A`).
 */

import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { killRunners, readJsonFile, runDirs, waitFor } from "../_helpers/runs.ts";
import { isProcessAlive } from "../../core/process_liveness.ts";
import { axeSandbox, chopRuns } from "./_axe.ts";

const CONFIG = `axe:
  lumberjacks:
    lj:
      interval: 1
      chops:
${
  [1, 2, 3].map((n) =>
    `        - name: a${n}\n          description: agent ${n}\n          agent: job${n}\n` +
    // a1 runs once an hour: once its agent ends, the next chop in order gets the slot.
    (n === 1 ? `          run_every: "1h"\n` : "")
  ).join("")
}`;

Deno.test("with -A 1 at most one agent chop runs at a time, across processes, in config order", async () => {
  await using axe = await axeSandbox(CONFIG);
  for (const n of [1, 2, 3]) {
    await axe.sb.write(`work/xprompts/job${n}.md`, `%m:fakey/hang job ${n}\n`);
  }
  try {
    const start = await axe.sase(["axe", "start", "-A", "1"]);
    assertEquals(start.code, 0, start.stderr);
    const launched = (chop: string) => async () => {
      const runs = await chopRuns(axe, "lj", chop);
      return runs[0]?.status === "running" || runs.length === 0 ? undefined : runs;
    };
    const [first] = await waitFor("the first agent chop to launch", launched("a1"));
    assertEquals([first.status, first.source], ["agent_launched", "scheduled"]);
    const agentPid = Number(first.agent_pid);
    assert(isProcessAlive(agentPid));
    // Several more ticks: the pool stays full, a2 and a3 wait, a1 is not launched twice.
    await waitFor("three more cycles", async () => {
      const status = await readJsonFile(axe.lj("lj", "status.json"));
      return Number(status?.cycles) >= 4 ? status : undefined;
    });
    assertEquals((await chopRuns(axe, "lj", "a1")).length, 1);
    assertEquals(await chopRuns(axe, "lj", "a2"), []);
    assertEquals(await chopRuns(axe, "lj", "a3"), []);
    const log = await Deno.readTextFile(axe.lj("lj", "logs", "output.log"));
    assertStringIncludes(log, "a2: not launched - agent runner pool full (max_agent_runners 1)");
    // A second axe process (a foreground lumberjack with the same limit) sees the same pool.
    const foreground = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "--unstable-worker-options",
        new URL("../../main.ts", import.meta.url).pathname,
        "axe",
        "lumberjack",
        "run",
        "lj",
        "-A",
        "1",
      ],
      env: axe.sb.env,
      clearEnv: true,
      cwd: axe.sb.cwd,
      stdout: "null",
      stderr: "null",
    }).spawn();
    await waitFor("the foreground lumberjack to tick twice", async () => {
      const status = await readJsonFile(axe.lj("lj", "status.json"));
      return status?.pid === foreground.pid && Number(status?.cycles) >= 2 ? status : undefined;
    });
    foreground.kill("SIGTERM");
    assertEquals((await foreground.status).code, 0);
    assertEquals(await chopRuns(axe, "lj", "a2"), []);
    assertEquals(await chopRuns(axe, "lj", "a3"), []);
    // The same prompt is not launched twice while its agent runs (prompt-hash dedupe).
    const dupe = await axe.sase(["axe", "chop", "run", "a1"]);
    assertEquals(dupe.code, 1);
    assertStringIncludes(dupe.stderr, `still runs (pid ${agentPid})`);
    const slots = JSON.parse(await Deno.readTextFile(join(axe.axeDir, "shared", "runner_count")));
    assertEquals(slots.slots.map((slot: { pid: number; kind: string }) => [slot.kind, slot.pid]), [
      ["agent", agentPid],
    ]);
    const registry = await readJsonFile(axe.lj("lj", "agent_chops.json"));
    const records = registry?.agents as Record<string, unknown>[];
    assertEquals(records.map((record) => [record.chop, record.pid, record.run_id]), [
      ["a1", agentPid, first.run_id],
    ]);
    assertEquals(String(records[0].prompt_hash).length, 16);
    // Its agent ends: the slot frees and the next chop in order launches.
    Deno.kill(agentPid, "SIGKILL");
    const [second] = await waitFor("a2 to launch once the slot is free", launched("a2"));
    assertEquals(second.status, "agent_launched");
    assertEquals(await chopRuns(axe, "lj", "a3"), []);
    const now = (await readJsonFile(axe.lj("lj", "agent_chops.json")))?.agents as {
      chop: string;
      artifacts_dir: string;
    }[];
    const a2 = now.find((record) => record.chop === "a2")! as typeof now[number] & {
      prompt_hash: string;
    };
    const meta = await readJsonFile(join(a2.artifacts_dir, "agent_meta.json"));
    assertEquals(meta?.pid, second.agent_pid);
    // The agent's meta names the chop run that launched it (its SASE_CHOP_* variables).
    assertEquals(
      [meta?.chop_lumberjack, meta?.chop_name, meta?.chop_run_id, meta?.chop_prompt_hash],
      ["lj", "a2", second.run_id, a2.prompt_hash],
    );
  } finally {
    await axe.sase(["axe", "stop"]);
    await killRunners(await runDirs(axe.sb));
  }
});
