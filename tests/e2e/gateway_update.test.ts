/**
 * The update worker behind `POST /api/v1/update/start` runs the handbook's
 * sequence: stop the running axe, sync the `sase` project's workspace, run
 * `chat_install.command` there, start axe again; a timed-out command fails
 * with exit 124 and axe is restarted all the same; without a `sase`
 * project nothing runs.
 */

import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { git, makeRepoWithOrigin } from "../_helpers/git.ts";
import { isProcessAlive } from "../../core/process_liveness.ts";
import { type AxeSandbox, axeSandbox, pidIn } from "./_axe.ts";
import { api, pair, type StartedGateway, startGateway } from "./_gateway.ts";

/** A `sase` project whose workspace is a clone of a bare origin; resolves to the clone. */
async function saseCheckout(axe: AxeSandbox): Promise<{ work: string; origin: string }> {
  const repo = await makeRepoWithOrigin(join(axe.sb.root, "sase-repo"), axe.sb.env);
  await axe.sb.write("home/.sase/projects/sase/sase.sase", `WORKSPACE_DIR: ${repo.work}\n`);
  return repo;
}

/** Start an update and poll it to its end; resolves to the finished job. */
async function runUpdate(gw: StartedGateway, token: string): Promise<Record<string, string>> {
  const started = await api(gw, token, "POST", "/api/v1/update/start", { schema_version: 1 });
  assertEquals(started.status, 200, JSON.stringify(started.json));
  assertEquals(started.json.job.status, "running", JSON.stringify(started.json));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const job = (await api(gw, token, "GET", `/api/v1/update/${started.json.job.job_id}`)).json.job;
    if (job.status !== "running") return job;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error("the update never finished");
}

const AXE = "axe:\n  lumberjacks:\n    quick:\n      interval: 1\n      chops: []\n";

Deno.test("update: axe is stopped, the sase workspace synced, the command run there, axe started again", async () => {
  await using axe = await axeSandbox("");
  const { work, origin } = await saseCheckout(axe);
  // Someone pushed since the checkout was made: the sync brings it in.
  const other = join(axe.sb.root, "other");
  await git(axe.sb.root, axe.sb.env, "clone", "-q", origin, other);
  await Deno.writeTextFile(join(other, "NEW.md"), "new\n");
  await git(other, axe.sb.env, "add", "NEW.md");
  await git(other, axe.sb.env, "commit", "-q", "-m", "new");
  await git(other, axe.sb.env, "push", "-q", "origin", "HEAD");
  const marker = join(axe.sb.root, "seen.txt");
  const script = await axe.script(
    "update.sh",
    `#!/bin/sh\n{ pwd; test -e NEW.md && echo synced || echo unsynced\n` +
      `  test -e "$SASE_HOME/axe/orchestrator.pid" && echo axe-running || echo axe-stopped; } > '${marker}'\n`,
  );
  await axe.sb.write(
    "home/.config/sase/sase.yml",
    `${AXE}chat_install:\n  command: "'${script}'"\n`,
  );
  const first = await axe.sase(["axe", "start", "-j"]);
  assertEquals(first.code, 0, first.stderr);
  const before = JSON.parse(first.stdout).pid as number;

  const gw = await startGateway(axe.sb.env);
  try {
    const { token } = await pair(gw);
    const job = await runUpdate(gw, token);
    assertEquals([job.status, job.message], ["succeeded", "update finished"]);
    // The command ran in the workspace, after the sync, while axe was stopped.
    assertEquals((await Deno.readTextFile(marker)).split("\n"), [
      work,
      "synced",
      "axe-stopped",
      "",
    ]);
    const log = await Deno.readTextFile(job.log_path_display);
    assertStringIncludes(log, `stopped axe (PID ${before})`);
    assertStringIncludes(log, `synced ${work}`);
    assert(!isProcessAlive(before), "the old orchestrator still runs");
    const after = await pidIn(join(axe.axeDir, "orchestrator.pid"));
    assert(after !== undefined && after !== before && isProcessAlive(after), `axe pid ${after}`);
    assertStringIncludes(log, `started axe (PID ${after}), attempt 1`);
  } finally {
    await gw.stop();
  }
});

Deno.test("update: a command past chat_install.timeout_seconds fails with exit 124 and axe still restarts; no sase project runs nothing", async () => {
  await using axe = await axeSandbox("");
  const marker = join(axe.sb.root, "ran.txt");
  const script = await axe.script("slow.sh", `#!/bin/sh\ntouch '${marker}'\nexec sleep 30\n`);
  await axe.sb.write(
    "home/.config/sase/sase.yml",
    `${AXE}chat_install:\n  command: "'${script}'"\n  timeout_seconds: 1\n  sync_workspace: false\n`,
  );
  const gw = await startGateway(axe.sb.env);
  try {
    const { token } = await pair(gw);
    // No project named sase: refused before anything runs.
    const refused = await api(gw, token, "POST", "/api/v1/update/start", { schema_version: 1 });
    assertEquals(refused.status, 200, JSON.stringify(refused.json));
    assertEquals([refused.json.job.status, refused.json.result.status], ["failed", "failed"]);
    assertStringIncludes(refused.json.job.message, "workspace_resolution_failed");
    assertEquals(await Deno.stat(marker).catch(() => null), null);

    await saseCheckout(axe);
    assertEquals((await axe.sase(["axe", "start"])).code, 0);
    const before = await pidIn(join(axe.axeDir, "orchestrator.pid"));
    const job = await runUpdate(gw, token);
    assertEquals(job.status, "failed");
    assertEquals(job.message, "update command timed out after 1s (exit 124)");
    assert(await Deno.stat(marker).then(() => true, () => false), "the command never ran");
    const after = await pidIn(join(axe.axeDir, "orchestrator.pid"));
    assert(after !== undefined && after !== before && isProcessAlive(after), `axe pid ${after}`);
  } finally {
    await gw.stop();
  }
});
