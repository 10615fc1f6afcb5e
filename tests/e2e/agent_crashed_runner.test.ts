/**
 * A runner killed outright (`kill -9`). In `permissions` mode its provider
 * keeps running with nobody to record the run: listing agents finds and
 * reaps it; `agent kill` stops it too. In `jail` mode the jail dies with its
 * runner, provider and all, and listing records the run. Real processes
 * throughout: the fakey `hang` scenario keeps a provider and its grandchild
 * alive until they are stopped.
 */

import { join } from "node:path";
import { assertEquals, assertMatch, assertStringIncludes } from "../_helpers/assert.ts";
import { runSase } from "../_helpers/cli.ts";
import { killRunners, readJsonFile, runDirs, waitFor } from "../_helpers/runs.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { processGroupMembers, processInfo } from "../../core/agent/index/liveness.ts";
import { runProcesses } from "../_helpers/processes.ts";

/** Only `permissions` mode lets a provider outlive its runner (the jail dies with it). */
async function permissionsMode(sb: Sandbox): Promise<void> {
  await sb.write("home/.config/sase/sase.yml", "sandbox:\n  mode: permissions\n");
}

/** Launch a hanging agent, wait until its provider and grandchild run, then SIGKILL its runner. */
async function crashRunner(sb: Sandbox, name: string) {
  const launched = await runSase(["run", "-d", `%n:${name} %m:fakey/hang hold on`], {
    env: sb.env,
    cwd: sb.cwd,
  });
  assertEquals(launched.code, 0, launched.stderr);
  const dir = (await runDirs(sb)).at(-1)!;
  const pids = await waitFor(`${name}'s provider and grandchild`, async () => {
    const text = await Deno.readTextFile(join(dir, "fakey_child.pid")).catch(() => undefined);
    const meta = await readJsonFile(join(dir, "agent_meta.json"));
    if (!text || typeof meta?.agent_pid !== "number" || typeof meta.pid !== "number") {
      return undefined;
    }
    return { runner: meta.pid, provider: meta.agent_pid, grandchild: Number(text.split("\n")[1]) };
  });
  Deno.kill(pids.runner, "SIGKILL");
  await waitFor(
    "the runner to die",
    () => Promise.resolve(processInfo(pids.runner) ? undefined : true),
  );
  // The provider outlives its runner: this is the case to reap.
  assertEquals(processGroupMembers(pids.provider).includes(pids.grandchild), true);
  return { dir, ...pids };
}

Deno.test({
  name: "agent list reaps a run whose runner was killed -9: provider stopped, recorded FAILED",
  ignore: Deno.build.os !== "linux",
  async fn() {
    await using sb = await makeSandbox();
    await permissionsMode(sb);
    let dirs: string[] = [];
    try {
      const crashed = await crashRunner(sb, "orphan");
      dirs = await runDirs(sb);
      const listed = await runSase(["agent", "list", "-j"], { env: sb.env, cwd: sb.cwd });
      assertEquals(listed.code, 0, listed.stderr);
      assertMatch(
        listed.stderr,
        /note: agent 'orphan' crashed \(its runner died\); recorded it as FAILED; stopped its provider processes still running \(pids \d+, \d+\)/,
      );
      const rows = JSON.parse(listed.stdout);
      assertEquals(rows.map((row: { name: string; status: string }) => [row.name, row.status]), [[
        "orphan",
        "FAILED",
      ]]);
      await waitFor(
        "the orphaned provider group to be gone",
        () =>
          Promise.resolve(processGroupMembers(crashed.provider).length === 0 ? true : undefined),
        10_000,
      );
      assertEquals(processInfo(crashed.grandchild), null);
      const done = await readJsonFile(join(crashed.dir, "done.json"));
      assertEquals(done?.outcome, "failed");
      assertEquals(
        done?.error,
        `crashed: its runner (pid ${crashed.runner}) died without finalizing the run`,
      );
      const meta = await readJsonFile(join(crashed.dir, "agent_meta.json"));
      assertEquals(meta?.status, "failed");
      // Reaped once: the next listing has nothing to say.
      const again = await runSase(["agent", "list"], { env: sb.env, cwd: sb.cwd });
      assertEquals(again.stderr, "");
      assertStringIncludes(again.stdout, "FAILED");
    } finally {
      await killRunners(dirs);
    }
  },
});

Deno.test({
  name: "agent kill stops a crashed run's orphaned provider and records it killed",
  ignore: Deno.build.os !== "linux",
  async fn() {
    await using sb = await makeSandbox();
    await permissionsMode(sb);
    let dirs: string[] = [];
    try {
      const crashed = await crashRunner(sb, "stray");
      dirs = await runDirs(sb);
      const kill = await runSase(["agent", "kill", "stray", "-j"], { env: sb.env, cwd: sb.cwd });
      assertEquals(kill.code, 0, kill.stderr);
      const result = JSON.parse(kill.stdout);
      assertEquals([result.outcome, result.wrote_done], ["killed", true]);
      assertEquals(processGroupMembers(crashed.provider), []);
      assertEquals(processInfo(crashed.grandchild), null);
      assertEquals((await readJsonFile(join(crashed.dir, "agent_meta.json")))?.status, "killed");
    } finally {
      await killRunners(dirs);
    }
  },
});

Deno.test({
  name: "jail mode: a runner killed -9 takes its jailed provider and grandchild with it",
  ignore: Deno.build.os !== "linux",
  async fn() {
    await using sb = await makeSandbox();
    let dirs: string[] = [];
    try {
      const launched = await runSase(["run", "-d", "%n:jailed %m:fakey/hang hold on"], {
        env: sb.env,
        cwd: sb.cwd,
      });
      assertEquals(launched.code, 0, launched.stderr);
      dirs = await runDirs(sb);
      const dir = dirs[0];
      const runner = await waitFor("the jailed provider and its grandchild", async () => {
        const meta = await readJsonFile(join(dir, "agent_meta.json"));
        const child = await Deno.readTextFile(join(dir, "fakey_child.pid")).catch(() => undefined);
        return child && typeof meta?.pid === "number" ? meta.pid : undefined;
      });
      assertEquals((await readJsonFile(join(dir, "sandbox.json")))?.mode, "jail");
      // The runner, the jail, fakey and its `sleep` grandchild.
      assertEquals(runProcesses(dir).length >= 3, true, String(runProcesses(dir)));
      Deno.kill(runner, "SIGKILL");
      await waitFor(
        "every process of the run to be gone",
        () => Promise.resolve(runProcesses(dir).length === 0 ? true : undefined),
        10_000,
      );
      const listed = await runSase(["agent", "list", "-j"], { env: sb.env, cwd: sb.cwd });
      assertEquals(listed.code, 0, listed.stderr);
      assertStringIncludes(listed.stderr, "note: agent 'jailed' crashed (its runner died)");
      assertEquals((await readJsonFile(join(dir, "done.json")))?.outcome, "failed");
      // Reaping also stops what the dead runner left in its group (the jail's proxy relays).
      await waitFor(
        "the dead runner's group to be empty",
        () => Promise.resolve(processGroupMembers(runner).length === 0 ? true : undefined),
        10_000,
      );
    } finally {
      await killRunners(dirs);
    }
  },
});
