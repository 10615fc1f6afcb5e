/**
 * A workflow runner killed outright (kill -9) in the middle of a step: its
 * state file still says which step was running, `sase agent show` tells
 * where it stopped, and `sase agent kill` leaves no process of its steps —
 * bash steps' process groups and agent steps' providers alike.
 */

import { join } from "node:path";
import { assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { runSase } from "../_helpers/cli.ts";
import { killRunners, readJsonFile, runDirs, waitFor } from "../_helpers/runs.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { runProcesses } from "../../core/agent/identity/run_processes.ts";

function alive(pid: number): boolean {
  try {
    Deno.kill(pid, "SIGCONT");
    return true;
  } catch {
    return false;
  }
}

async function gone(pids: number[]): Promise<void> {
  await waitFor(
    `processes ${pids.join(", ")} to end`,
    () => Promise.resolve(pids.some(alive) ? undefined : true),
  );
}

/** Launch `#!<name>` detached and kill -9 its runner once `ready` holds; resolves to its dir. */
async function launchAndCrash(
  sb: Sandbox,
  name: string,
  ready: (dir: string) => Promise<boolean>,
): Promise<string> {
  const launched = await runSase(["run", "-d", `#cd:${sb.cwd} #!${name}`], {
    env: sb.env,
    cwd: sb.cwd,
  });
  assertEquals(launched.code, 0, launched.stderr);
  const [dir] = await runDirs(sb);
  await waitFor("the step to be running", async () => (await ready(dir)) ? true : undefined);
  const runner = (await readJsonFile(join(dir, "agent_meta.json")))!.pid as number;
  Deno.kill(runner, "SIGKILL");
  await gone([runner]);
  return dir;
}

const LONG_WORKFLOW = [
  "steps:",
  "- { name: prepare, bash: echo ok=1 }",
  "- name: build",
  "  bash: |",
  '    sleep 300 & echo $! > "$SASE_ARTIFACTS_DIR/sleeper"',
  "    wait",
  "- { name: publish, bash: echo never }",
].join("\n");

/** `#!long` launched detached, its runner killed -9 while `build` runs; resolves to its dir. */
async function crashMidBashStep(sb: Sandbox): Promise<string> {
  await sb.write("work/xprompts/long.yml", LONG_WORKFLOW);
  const exists = (path: string) => Deno.stat(path).then(() => true, () => false);
  const dir = await launchAndCrash(
    sb,
    "long",
    async (at) => await exists(join(at, "step_pgids.json")) && await exists(join(at, "sleeper")),
  );
  const state = await readJsonFile(join(dir, "workflow_state.json"));
  assertEquals(
    (state!.steps as { name: string; status: string }[]).map((step) => [step.name, step.status]),
    [["prepare", "completed"], ["build", "in_progress"], ["publish", "pending"]],
  );
  assertEquals([state!.current_step, state!.current_step_index], ["build", 1]);
  return dir;
}

/** `sase agent kill long` records the kill, and `agent show` says where the run stopped. */
async function killAndShow(sb: Sandbox): Promise<void> {
  const killed = await runSase(["agent", "kill", "long", "-j"], { env: sb.env, cwd: sb.cwd });
  assertEquals(killed.code, 0, killed.stderr);
  assertEquals(JSON.parse(killed.stdout).outcome, "killed");
  const show = await runSase(["agent", "show", "long"], { env: sb.env, cwd: sb.cwd });
  assertStringIncludes(show.stdout, "stopped in step 'build' (it was running)");
  const detail = JSON.parse(
    (await runSase(["agent", "show", "long", "-j"], { env: sb.env, cwd: sb.cwd })).stdout,
  );
  assertEquals([detail.agent.status, detail.workflow.stopped_at], ["KILLED", "build"]);
}

Deno.test("kill -9 mid bash step (permissions mode): the state says which step ran; sase agent kill leaves no orphan", async () => {
  await using sb = await makeSandbox();
  await sb.write("home/.config/sase/sase.yml", "sandbox:\n  mode: permissions\n");
  let dir = "";
  try {
    dir = await crashMidBashStep(sb);
    const sleeper = Number(await Deno.readTextFile(join(dir, "sleeper")));
    const [group] = JSON.parse(await Deno.readTextFile(join(dir, "step_pgids.json"))) as number[];
    // Without the jail the step's processes outlive their runner...
    assertEquals(alive(sleeper), true);
    await killAndShow(sb);
    // ...until the kill: no process of the step's group is left.
    await gone([sleeper, group]);
  } finally {
    if (dir) await killRunners([dir]);
  }
});

Deno.test({
  name: "kill -9 mid bash step (jail): the step's processes die with its runner; kill records it",
  ignore: Deno.build.os !== "linux",
  async fn() {
    await using sb = await makeSandbox();
    let dir = "";
    try {
      dir = await crashMidBashStep(sb);
      assertEquals((await readJsonFile(join(dir, "sandbox.json")))?.mode, "jail");
      await waitFor(
        "every process of the run to end with its runner",
        () => Promise.resolve(runProcesses(dir).length === 0 ? true : undefined),
        10_000,
      );
      await killAndShow(sb);
    } finally {
      if (dir) await killRunners([dir]);
    }
  },
});

/** A workflow whose one agent step hangs, launched detached; its runner is then killed -9. */
async function crashMidAgentStep(sb: Sandbox): Promise<{ dir: string; child: string }> {
  await sb.write(
    "work/xprompts/waiting.yml",
    "steps:\n- { name: think, agent: '%model:fakey/hang think hard' }\n",
  );
  const dir = await launchAndCrash(sb, "waiting", async () => {
    for (const run of await runDirs(sb)) {
      if (await Deno.stat(join(run, "fakey_child.pid")).then(() => true, () => false)) {
        return true;
      }
    }
    return false;
  });
  return { dir, child: (await runDirs(sb)).find((run) => run !== dir)! };
}

/** What `sase agent kill` of the crashed workflow records, and where `agent show` says it stopped. */
async function assertKilledAtThink(sb: Sandbox, child: string): Promise<void> {
  assertEquals((await readJsonFile(join(child, "done.json")))?.outcome, "killed");
  const detail = JSON.parse(
    (await runSase(["agent", "show", "waiting", "-j"], { env: sb.env, cwd: sb.cwd })).stdout,
  );
  assertEquals(detail.workflow.stopped_at, "think");
  assertEquals(detail.workflow.steps[0].agents, ["waiting.think"]);
}

Deno.test("kill -9 mid agent step (permissions mode): sase agent kill stops the orphaned provider", async () => {
  await using sb = await makeSandbox();
  // Without the jail nothing ties the provider to its dead runner: kill must find it.
  await sb.write("home/.config/sase/sase.yml", "sandbox:\n  mode: permissions\n");
  try {
    const { child } = await crashMidAgentStep(sb);
    const pids = (await Deno.readTextFile(join(child, "fakey_child.pid"))).trim().split("\n")
      .map(Number);
    assertEquals(pids.every(alive), true);
    const killed = await runSase(["agent", "kill", "waiting"], { env: sb.env, cwd: sb.cwd });
    assertEquals(killed.code, 0, killed.stderr);
    await gone(pids);
    await assertKilledAtThink(sb, child);
  } finally {
    await killRunners(await runDirs(sb));
  }
});

Deno.test({
  name: "kill -9 mid agent step (jail): the step agent dies with its runner; kill records it",
  ignore: Deno.build.os !== "linux",
  async fn() {
    await using sb = await makeSandbox();
    try {
      const { child } = await crashMidAgentStep(sb);
      assertEquals((await readJsonFile(join(child, "sandbox.json")))?.mode, "jail");
      await waitFor(
        "every process of the step agent to end with its runner",
        () => Promise.resolve(runProcesses(child).length === 0 ? true : undefined),
        10_000,
      );
      const killed = await runSase(["agent", "kill", "waiting"], { env: sb.env, cwd: sb.cwd });
      assertEquals(killed.code, 0, killed.stderr);
      await assertKilledAtThink(sb, child);
    } finally {
      await killRunners(await runDirs(sb));
    }
  },
});
