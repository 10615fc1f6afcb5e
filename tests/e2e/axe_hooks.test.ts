/**
 * `hook_checks` end to end: a ChangeSpec's HOOKS run after a commit made
 * through `sase commit`, their drawers written into the ProjectSpec
 * (PASSED/FAILED with durations, the fix-hook hint, `!` and `$`
 * prefixes, the runner limit, dead and zombie runs).
 */

import { join } from "node:path";
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { waitFor } from "../_helpers/runs.ts";
import { isProcessAlive } from "../../core/process_liveness.ts";
import { axeProject, type AxeSandbox, axeSandbox, fieldLines } from "./_axe.ts";

const DRAWER = String.raw`      \| \(1\) \[\d{6}_\d{6}\]`;

/** `feat` with `hooks`, committed once (entry (1)) through `sase commit`. */
async function project(axe: AxeSandbox, hooks: string[], status = "Ready") {
  const made = await axeProject(axe, { hooks, status });
  await made.commit("a.txt", "a changed\n", "feat: x");
  return made;
}

/** The HOOKS lines of the project file. */
const hookLines = (file: string) => fieldLines(file, "HOOKS");

async function tick(axe: AxeSandbox): Promise<string> {
  const result = await axe.sase(["axe", "chop", "run", "hook_checks", "-j"]);
  assertEquals(result.code, 0, result.stderr);
  const run = JSON.parse(result.stdout);
  return await Deno.readTextFile(
    axe.lj("hooks", "chops", "hook_checks", "runs", `${run.run_id}.log`),
  );
}

/** Tick until no drawer is RUNNING; resolves to the HOOKS lines. */
function settle(axe: AxeSandbox, file: string): Promise<string[]> {
  return waitFor("every hook to finish", async () => {
    await tick(axe);
    const lines = await hookLines(file);
    return lines.some((line) => line.includes("RUNNING")) ? undefined : lines;
  }, 60_000);
}

Deno.test("hooks run after a sase commit: PASSED and FAILED drawers, the fix-hook hint unless '!'", async () => {
  await using axe = await axeSandbox("");
  const root = axe.sb.root;
  await axe.script("pass.sh", "#!/bin/sh\necho checked in $(basename $PWD)\n");
  await axe.script("fail.sh", "#!/bin/sh\necho broken >&2\nexit 2\n");
  const { work, projectFile } = await project(axe, [
    `${root}/pass.sh`,
    `${root}/fail.sh`,
    `!${root}/fail.sh --quiet`,
  ]);
  const first = await tick(axe);
  assertMatch(first, /hook_checks: changespecs=1 hooks=3 updates=0 started=3 waiting_for_runner=0/);
  const running = await hookLines(projectFile);
  assertEquals(running.length, 6);
  for (const index of [1, 3, 5]) {
    assertMatch(running[index], new RegExp(`^${DRAWER} RUNNING - \\(\\$: \\d+\\)$`));
  }
  const lines = await settle(axe, projectFile);
  assertEquals(lines[0], `  ${root}/pass.sh`);
  assertMatch(lines[1], new RegExp(`^${DRAWER} PASSED \\(\\d+s\\)$`));
  assertEquals(lines[2], `  ${root}/fail.sh`);
  assertMatch(
    lines[3],
    new RegExp(`^${DRAWER} FAILED \\(\\d+s\\) - \\(!: Hook Command Failed\\)$`),
  );
  assertEquals(lines[4], `  !${root}/fail.sh --quiet`);
  assertMatch(lines[5], new RegExp(`^${DRAWER} FAILED \\(\\d+s\\)$`));
  // The hooks ran in the project's workspace, and nothing runs again for (1).
  const logs = join(axe.axeDir, "hooks", "proj", "feat");
  const outputs = await Promise.all(
    [...Deno.readDirSync(logs)].filter((e) => e.name.endsWith(".log"))
      .map((e) => Deno.readTextFile(join(logs, e.name))),
  );
  assert(outputs.includes(`checked in ${work.split("/").at(-1)}\n`), JSON.stringify(outputs));
  assertMatch(await tick(axe), /no-op: no hook to complete or start/);
  assertEquals(await hookLines(projectFile), lines);
});

Deno.test("max_hook_runners holds hooks back; '$' hooks need no slot", async () => {
  await using axe = await axeSandbox("axe:\n  max_hook_runners: 1\n");
  const root = axe.sb.root;
  await axe.script("wait.sh", `#!/bin/sh\nwhile [ ! -e "${root}/go" ]; do sleep 0.1; done\n`);
  const { projectFile } = await project(axe, [
    `${root}/wait.sh one`,
    `${root}/wait.sh two`,
    `$${root}/wait.sh free`,
  ]);
  const first = await tick(axe);
  assertMatch(first, /started=2 waiting_for_runner=1/);
  const lines = await hookLines(projectFile);
  assertMatch(lines[1], /RUNNING/);
  assertEquals(lines[2], `  ${root}/wait.sh two`);
  assertMatch(lines[4], /RUNNING/);
  // Still full on the next tick.
  assertMatch(await tick(axe), /started=0 waiting_for_runner=1/);
  await Deno.writeTextFile(join(root, "go"), "");
  const settled = await settle(axe, projectFile);
  assertEquals(settled.filter((line) => / PASSED /.test(line)).length, 3, settled.join("\n"));
});

Deno.test("a hook whose process dies without an exit status is DEAD; one past the zombie timeout is killed as ZOMBIE", async () => {
  await using axe = await axeSandbox("axe:\n  zombie_timeout_seconds: 3\n");
  const root = axe.sb.root;
  await axe.script("sleepy.sh", "#!/bin/sh\nsleep 60\n");
  const { projectFile } = await project(axe, [`${root}/sleepy.sh a`, `${root}/sleepy.sh b`]);
  await tick(axe);
  const lines = await hookLines(projectFile);
  const pids = [lines[1], lines[3]].map((line) => Number(/\(\$: (\d+)\)/.exec(line)![1]));
  // The first one's process group dies before it can write an exit status.
  Deno.kill(-pids[0], "SIGKILL");
  await waitFor(
    "the killed hook to be gone",
    () => Promise.resolve(isProcessAlive(pids[0]) ? undefined : true),
  );
  await tick(axe);
  const dead = await hookLines(projectFile);
  assertMatch(
    dead[1],
    new RegExp(`^${DRAWER} DEAD - \\(!: Hook process ended without an exit status\\)$`),
  );
  assertMatch(dead[3], /RUNNING/);
  const zombie = await waitFor("the second hook to turn ZOMBIE", async () => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await tick(axe);
    const now = await hookLines(projectFile);
    return now[3].includes("ZOMBIE") ? now : undefined;
  });
  assertMatch(zombie[3], new RegExp(`^${DRAWER} ZOMBIE - \\(!: Running longer than 3s\\)$`));
  await waitFor(
    "the zombie's process to be killed",
    () => Promise.resolve(isProcessAlive(pids[1]) ? undefined : true),
  );
});

Deno.test("a WIP ChangeSpec starts no hooks", async () => {
  await using axe = await axeSandbox("");
  const { projectFile } = await project(axe, ["true"], "WIP");
  assertMatch(await tick(axe), /started=0/);
  assertEquals(await hookLines(projectFile), ["  true"]);
});
