/**
 * Script chops end to end (automation guide scenarios 4-11): maintenance,
 * the script contract, resolution, timeouts, ambiguity, `run_every` and
 * concurrency, with real scripts and the real CLI.
 */

import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { readJsonFile, waitFor } from "../_helpers/runs.ts";
import { isProcessAlive } from "../../core/process_liveness.ts";
import { axeSandbox, chopRuns } from "./_axe.ts";

function lumberjack(name: string, chops: string, interval = 1, extra = ""): string {
  return `    ${name}:\n      interval: ${interval}\n${extra}      chops:\n${chops}`;
}

function chop(name: string, more = ""): string {
  return `        - name: ${name}\n          description: test chop ${name}\n${more}`;
}

/**
 * The test's axe configuration. Script chops run in the jail (README
 * "Axe"), which lets them write their lumberjack's directory only: the
 * scripts here report into the sandbox root, granted through the steps'
 * scope `sandbox.providers.workflow.write`.
 */
function config(root: string, lumberjacks: string[]): string {
  return `sandbox:\n  providers:\n    workflow:\n      write: ["${root}"]\n` +
    `axe:\n  chop_script_dirs: ["${root}/d"]\n  lumberjacks:\n${lumberjacks.join("")}`;
}

Deno.test("script contract: argv, context keys, SASE_CHOP_* env, output streamed before exit", async () => {
  await using axe = await axeSandbox("");
  const root = axe.sb.root;
  await axe.sb.write("home/.config/sase/sase.yml", config(root, [lumberjack("lj", chop("probe"))]));
  await axe.script(
    "d/probe",
    `#!/bin/sh
printf '%s\\n' "$@" > "${root}/argv"
cp "$2" "${root}/context.json"
env | grep '^SASE_CHOP_' | sort > "${root}/env"
echo "first line"
i=0
while [ ! -e "${root}/go" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done
echo "second line" >&2
`,
  );
  const running = axe.sase(["axe", "chop", "run", "probe", "-j"]);
  const entry = await waitFor("the run's log to show the first line", async () => {
    const [run] = await chopRuns(axe, "lj", "probe");
    if (!run) return undefined;
    const log = await Deno.readTextFile(axe.lj("lj", "chops", "probe", "runs", `${run.run_id}.log`))
      .catch(() => "");
    return log.includes("first line") ? run : undefined;
  });
  // Still running while its output is already in the log.
  const live = await readJsonFile(axe.lj("lj", "chops", "probe", "runs", `${entry.run_id}.json`));
  assertEquals(live?.status, "running");
  assertEquals(live?.finished_at, null);
  assert(isProcessAlive(Number(live?.pid)), "the script is not running");
  await Deno.writeTextFile(join(root, "go"), "");
  const result = await running;
  assertEquals(result.code, 0, result.stderr);
  const run = JSON.parse(result.stdout);
  assertEquals([run.status, run.source, run.exit_code, run.lumberjack_name], [
    "success",
    "manual",
    0,
    "lj",
  ]);
  const contextPath = axe.lj("lj", "tick", "context.json");
  assertEquals((await Deno.readTextFile(join(root, "argv"))).split("\n"), [
    "--context",
    contextPath,
    "",
  ]);
  const context = JSON.parse(await Deno.readTextFile(join(root, "context.json")));
  assertEquals(Object.keys(context).sort(), [
    "all_changespecs_path",
    "created_at",
    "filtered_changespecs_path",
    "lumberjack_name",
    "lumberjack_state_dir",
    "max_agent_runners",
    "max_hook_runners",
    "query",
    "verbose",
    "zombie_timeout_seconds",
  ]);
  assertEquals(context.lumberjack_name, "lj");
  assertEquals(context.lumberjack_state_dir, axe.lj("lj"));
  assertEquals([context.max_hook_runners, context.max_agent_runners], [3, 3]);
  assertEquals(context.zombie_timeout_seconds, 7200);
  assertEquals(context.all_changespecs_path, axe.lj("lj", "tick", "all_changespecs.json"));
  assertEquals(JSON.parse(await Deno.readTextFile(context.filtered_changespecs_path)), []);
  const env = await Deno.readTextFile(join(root, "env"));
  assertStringIncludes(env, "SASE_CHOP_LUMBERJACK=lj\n");
  assertStringIncludes(env, "SASE_CHOP_NAME=probe\n");
  assertStringIncludes(env, `SASE_CHOP_RUN_ID=${run.run_id}\n`);
  const log = await Deno.readTextFile(axe.lj("lj", "chops", "probe", "runs", `${run.run_id}.log`));
  assertEquals(log, "first line\nsecond line\n");
  assertEquals(run.output_bytes, new TextEncoder().encode(log).length);
});

Deno.test("resolution: chop_script_dirs first, then sase_chop_<name> on PATH, else missing_script", async () => {
  await using axe = await axeSandbox("");
  const root = axe.sb.root;
  await axe.sb.write("home/.config/sase/sase.yml", config(root, [lumberjack("lj", chop("probe"))]));
  await axe.script("bin/sase_chop_probe", "#!/bin/sh\necho from-path\n");
  await axe.script("d/probe", "#!/bin/sh\necho from-dirs\n");
  const path = { PATH: `${root}/bin:${axe.sb.env.PATH}` };
  const logOf = async (stdout: string) => {
    const run = JSON.parse(stdout);
    return await Deno.readTextFile(axe.lj("lj", "chops", "probe", "runs", `${run.run_id}.log`));
  };
  const fromDirs = await axe.sase(["axe", "chop", "run", "probe", "-j"], path);
  assertEquals(await logOf(fromDirs.stdout), "from-dirs\n");
  await Deno.remove(join(root, "d", "probe"));
  const fromPath = await axe.sase(["axe", "chop", "run", "probe", "-j"], path);
  assertEquals(fromPath.code, 0, fromPath.stderr);
  assertEquals(await logOf(fromPath.stdout), "from-path\n");
  // A non-executable file in the directory does not count.
  await axe.sb.write("d/probe", "#!/bin/sh\necho not-executable\n");
  const missing = await axe.sase(["axe", "chop", "run", "probe", "-j"]);
  assertEquals(missing.code, 1);
  assertStringIncludes(missing.stderr, "chop 'probe' ended missing_script");
  const run = JSON.parse(missing.stdout);
  assertEquals(run.status, "missing_script");
  assert(run.finished_at !== null);
  assertStringIncludes(run.error, "no sase_chop_probe beside sase or on PATH");
});

/** An unusual duration: the timeout test's child is the only `sleep` with it. */
const CHILD_SECONDS = 987;

/** Whether any process's command line is `command` (arguments joined by spaces). */
async function processesRunning(command: string): Promise<boolean> {
  for await (const entry of Deno.readDir("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    const line = await Deno.readTextFile(`/proc/${entry.name}/cmdline`).catch(() => "");
    if (line.split("\0").filter(Boolean).join(" ") === command) return true;
  }
  return false;
}

Deno.test("a chop past its timeout is killed with its children and ends timeout", async () => {
  await using axe = await axeSandbox("");
  const root = axe.sb.root;
  await axe.sb.write(
    "home/.config/sase/sase.yml",
    config(root, [lumberjack("lj", chop("slow", '          timeout: "1s"\n'))]),
  );
  await axe.script(
    "d/slow",
    // The jail runs it in a pid namespace of its own, so its child is found by its command line.
    `#!/bin/sh\nsleep ${CHILD_SECONDS} &\necho started\nwait\n`,
  );
  const result = await axe.sase(["axe", "chop", "run", "slow", "-j"]);
  assertEquals(result.code, 1);
  const run = JSON.parse(result.stdout);
  assertEquals(run.status, "timeout");
  assert(run.finished_at !== null);
  assertEquals(run.error, "timed out after 1s");
  assert(!isProcessAlive(run.pid), "the script outlived its timeout");
  await waitFor(
    "the script's child to be killed",
    async () => (await processesRunning(`sleep ${CHILD_SECONDS}`)) ? undefined : true,
  );
});

Deno.test("a chop name in two lumberjacks needs -L; -L records a manual run under that one", async () => {
  await using axe = await axeSandbox("");
  const root = axe.sb.root;
  await axe.sb.write(
    "home/.config/sase/sase.yml",
    config(root, [lumberjack("lj1", chop("c")), lumberjack("lj2", chop("c"))]),
  );
  await axe.script("d/c", "#!/bin/sh\necho ran\n");
  const ambiguous = await axe.sase(["axe", "chop", "run", "c"]);
  assertEquals(ambiguous.code, 2);
  assertStringIncludes(
    ambiguous.stderr,
    "chop 'c' is configured in several lumberjacks: lj1, lj2",
  );
  assertStringIncludes(ambiguous.stderr, "-L/--lumberjack");
  const picked = await axe.sase(["axe", "chop", "run", "c", "-L", "lj1", "-j"]);
  assertEquals(picked.code, 0, picked.stderr);
  const runs = await chopRuns(axe, "lj1", "c");
  assertEquals(runs.length, 1);
  assertEquals([runs[0].source, runs[0].lumberjack_name], ["manual", "lj1"]);
  assertEquals(await chopRuns(axe, "lj2", "c"), []);
  const wrong = await axe.sase(["axe", "chop", "run", "c", "-L", "nope"]);
  assertEquals(wrong.code, 1);
  assertStringIncludes(wrong.stderr, "no lumberjack named 'nope'");
});

Deno.test("twelve runs keep the newest ten in index.json and on disk", async () => {
  await using axe = await axeSandbox("");
  const root = axe.sb.root;
  await axe.sb.write("home/.config/sase/sase.yml", config(root, [lumberjack("lj", chop("p"))]));
  await axe.script("d/p", "#!/bin/sh\necho x\n");
  const ids: string[] = [];
  for (let index = 0; index < 12; index++) {
    const result = await axe.sase(["axe", "chop", "run", "p", "-j"]);
    assertEquals(result.code, 0, result.stderr);
    ids.push(JSON.parse(result.stdout).run_id);
  }
  const index = JSON.parse(await Deno.readTextFile(axe.lj("lj", "chops", "p", "index.json")));
  assertEquals(index, ids.slice(2).reverse());
  const files = [...Deno.readDirSync(axe.lj("lj", "chops", "p", "runs"))].map((e) => e.name).sort();
  assertEquals(files, ids.slice(2).flatMap((id) => [`${id}.json`, `${id}.log`]).sort());
});

Deno.test("maintenance: status exit codes, the marker, paused ticks and stale markers", async () => {
  await using axe = await axeSandbox("");
  const root = axe.sb.root;
  await axe.sb.write("home/.config/sase/sase.yml", config(root, [lumberjack("lj", chop("p"))]));
  await axe.script("d/p", "#!/bin/sh\necho x\n");
  const marker = join(axe.axeDir, "maintenance.json");
  assertEquals((await axe.sase(["axe", "maintenance", "status"])).code, 1);
  const noReason = await axe.sase(["axe", "maintenance", "enter"]);
  assertEquals(noReason.code, 2);
  assertStringIncludes(noReason.stderr, "required option '-r, --reason <text>' not specified");
  const entered = await axe.sase(["axe", "maintenance", "enter", "-r", "plugin update"]);
  assertEquals(entered.code, 0, entered.stderr);
  const written = JSON.parse(await Deno.readTextFile(marker));
  assertEquals(Object.keys(written).sort(), ["pid", "reason", "started_at"]);
  assertEquals([written.reason, written.pid], ["plugin update", Deno.pid]);
  const status = await axe.sase(["axe", "maintenance", "status"]);
  assertEquals(status.code, 0);
  assertStringIncludes(status.stdout, `(PID ${Deno.pid}): plugin update`);

  await axe.sase(["axe", "start"]);
  const paused = await waitFor("three paused cycles", async () => {
    const value = await readJsonFile(axe.lj("lj", "status.json"));
    return Number(value?.cycles) >= 3 ? value : undefined;
  });
  assertEquals(paused.state, "maintenance");
  assertEquals(await chopRuns(axe, "lj", "p"), []);
  assertEquals(
    (await axe.sase(["axe", "maintenance", "exit"])).stdout.trim(),
    "maintenance exited",
  );
  assertEquals((await axe.sase(["axe", "maintenance", "status"])).code, 1);
  await waitFor("a chop run after maintenance", async () => {
    const runs = await chopRuns(axe, "lj", "p");
    return runs.length > 0 ? runs : undefined;
  });

  const stale = [
    JSON.stringify({
      reason: "dead owner",
      pid: 2 ** 22 + 7,
      started_at: new Date().toISOString(),
    }),
    "{not json",
    JSON.stringify({
      reason: "old",
      pid: Deno.pid,
      started_at: new Date(Date.now() - 25 * 3600 * 1000).toISOString(),
    }),
  ];
  for (const text of stale) {
    // Whole, as `maintenance enter` writes it: a tick never sees it half-written.
    await Deno.writeTextFile(`${marker}.tmp`, text);
    await Deno.rename(`${marker}.tmp`, marker);
    await waitFor(
      `the next tick to clear ${text}`,
      async () => await Deno.stat(marker).then(() => undefined, () => true),
    );
  }
  // Whichever lumberjack ticks first clears a marker, and says so in its own log (after
  // removing it).
  const log = await waitFor("the last clearing logged", async () => {
    const logs = await Promise.all(
      [...Deno.readDirSync(join(axe.axeDir, "lumberjacks"))].map((entry) =>
        Deno.readTextFile(axe.lj(entry.name, "logs", "output.log")).catch(() => "")
      ),
    );
    const text = logs.join("");
    return text.includes("(older than 24 hours)") ? text : undefined;
  });
  assertStringIncludes(log, "cleared stale maintenance marker (owner pid");
  assertStringIncludes(log, "cleared stale maintenance marker (malformed marker)");
  assertStringIncludes(log, "cleared stale maintenance marker (older than 24 hours)");
});

Deno.test("run_every runs a chop once over many ticks and records chop_timestamps.json", async () => {
  await using axe = await axeSandbox("");
  const root = axe.sb.root;
  await axe.sb.write(
    "home/.config/sase/sase.yml",
    config(root, [lumberjack("lj", chop("hourly", '          run_every: "1h"\n'))]),
  );
  await axe.script("d/hourly", "#!/bin/sh\necho hourly\n");
  await axe.sase(["axe", "start"]);
  await waitFor("five cycles", async () => {
    const value = await readJsonFile(axe.lj("lj", "status.json"));
    return Number(value?.cycles) >= 5 ? value : undefined;
  });
  const runs = await chopRuns(axe, "lj", "hourly");
  assertEquals(runs.length, 1);
  const stamps = await readJsonFile(axe.lj("lj", "chop_timestamps.json"));
  assertEquals(Object.keys(stamps ?? {}), ["hourly"]);
  assertEquals(stamps?.hourly, runs[0].finished_at);
});

Deno.test("script chops of one tick run concurrently", async () => {
  await using axe = await axeSandbox("");
  const root = axe.sb.root;
  await axe.sb.write(
    "home/.config/sase/sase.yml",
    config(root, [lumberjack("lj", chop("a") + chop("b"), 3600)]),
  );
  await axe.script("d/a", "#!/bin/sh\nsleep 2\n");
  await axe.script("d/b", "#!/bin/sh\nsleep 2\n");
  await axe.sase(["axe", "start"]);
  const [a, b] = await waitFor("both runs to finish", async () => {
    const [a] = await chopRuns(axe, "lj", "a");
    const [b] = await chopRuns(axe, "lj", "b");
    return a?.status === "success" && b?.status === "success" ? [a, b] : undefined;
  });
  // Each started before the other finished: they ran side by side.
  assert(String(a.started_at) < String(b.finished_at), JSON.stringify([a, b]));
  assert(String(b.started_at) < String(a.finished_at), JSON.stringify([a, b]));
});
