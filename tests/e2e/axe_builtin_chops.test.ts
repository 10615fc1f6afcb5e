/**
 * sase's built-in chops doing their real work, run the way an operator
 * runs them (`sase axe chop run NAME`): `%wait` release (automation guide
 * scenario 12), dead-claim release, and the error digest (scenario 25).
 */

import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { killRunners, readJsonFile, runDirs, waitFor } from "../_helpers/runs.ts";
import { axeSandbox } from "./_axe.ts";

/** The waiting run checks its dependencies once, then sleeps past the test: axe decides. */
const SLOW_WAITER = { SASE_WAIT_POLL_MS: "600000" };

async function choplog(stdout: string, axeDir: string): Promise<string> {
  const run = JSON.parse(stdout);
  return await Deno.readTextFile(
    join(
      axeDir,
      "lumberjacks",
      run.lumberjack_name,
      "chops",
      run.chop_name,
      "runs",
      `${run.run_id}.log`,
    ),
  );
}

Deno.test("wait_checks keeps a %wait parked while its dependency's newest run failed, then releases it", async () => {
  await using axe = await axeSandbox("", SLOW_WAITER);
  const launched = await axe.sase([
    "run",
    "%n:base %m:fakey/fail try\n---\n%n:next %w:base %m:fakey/reply after",
  ]);
  assertEquals(launched.code, 0, launched.stderr);
  const dirs = await runDirs(axe.sb);
  const next = dirs[1];
  try {
    await waitFor("base to fail", async () => {
      const done = await readJsonFile(join(dirs[0], "done.json"));
      return done?.outcome === "failed" ? done : undefined;
    });
    const parked = await axe.sase(["axe", "chop", "run", "wait_checks", "-j"]);
    assertEquals(parked.code, 0, parked.stderr);
    assertEquals(JSON.parse(parked.stdout).source, "manual");
    const parkedLog = await choplog(parked.stdout, axe.axeDir);
    assertStringIncludes(parkedLog, "inspected 1 waiting run(s); released 0, still parked 1");
    assertStringIncludes(parkedLog, "parked next (base: failed)");
    assertEquals(await readJsonFile(join(next, "ready.json")), undefined);

    // A later successful run of the same name satisfies the wait.
    const again = await axe.sase(["run", "%n:!base %m:fakey/reply again"]);
    assertEquals(again.code, 0, again.stderr);
    const released = await axe.sase(["axe", "chop", "run", "wait_checks", "-j"]);
    assertStringIncludes(
      await choplog(released.stdout, axe.axeDir),
      "released next (waited on base)",
    );
    const ready = await readJsonFile(join(next, "ready.json"));
    assertEquals(ready?.resolved_deps, ["base"]);
    // The parked run notices ready.json (its own next check is 10 minutes away) and runs.
    const done = await waitFor("next to run once released", async () => {
      const outcome = await readJsonFile(join(next, "done.json"));
      return outcome?.outcome ? outcome : undefined;
    });
    assertEquals(done.outcome, "completed");
    // A released run that ran is no longer waiting.
    const third = await axe.sase(["axe", "chop", "run", "wait_checks", "-j"]);
    assertStringIncludes(
      await choplog(third.stdout, axe.axeDir),
      "no-op: no run is waiting on a dependency",
    );
  } finally {
    await killRunners(await runDirs(axe.sb));
  }
});

Deno.test("wait_checks is workflow-aware: a completed workflow with a failed step agent blocks", async () => {
  await using axe = await axeSandbox("", SLOW_WAITER);
  const { sb } = axe;
  await sb.write(
    "work/xprompts/flaky.yml",
    [
      "steps:",
      "- name: review",
      "  for: { scenario: \"['fail', 'reply']\" }",
      "  agent: '%model:fakey/{{ scenario }} check {{ scenario }}'",
    ].join("\n"),
  );
  const run = await axe.sase(["run", `#cd:${sb.cwd} #!flaky`], { SASE_WAIT_POLL_MS: "100" });
  assertEquals(run.code, 0, run.stderr);
  const waiting = await axe.sase([
    "run",
    "-d",
    `#cd:${sb.cwd} %n:blocked %w:flaky %m:fakey/reply next`,
  ]);
  assertEquals(waiting.code, 0, waiting.stderr);
  const dirs = await runDirs(sb);
  const blocked = dirs[dirs.length - 1];
  try {
    await waitFor("the dependent to be parked", async () => {
      const meta = await readJsonFile(join(blocked, "agent_meta.json"));
      return (meta?.waiting_for as string[] | undefined)?.length ? meta : undefined;
    });
    const result = await axe.sase(["axe", "chop", "run", "wait_checks", "-j"]);
    assertEquals(result.code, 0, result.stderr);
    assertStringIncludes(
      await choplog(result.stdout, axe.axeDir),
      "parked blocked (flaky: its step agent flaky.review.1: failed)",
    );
    assertEquals(await readJsonFile(join(blocked, "ready.json")), undefined);
  } finally {
    await killRunners(await runDirs(sb));
  }
});

Deno.test("claim cleanup releases dead claims: orphan_cleanup only those of gone ChangeSpecs", async () => {
  await using axe = await axeSandbox("");
  const dead = 4_190_001;
  const deadToo = 4_190_002;
  const project = await axe.sb.write(
    "home/.sase/projects/proj/proj.sase",
    [
      "WORKSPACE_DIR: /nowhere/proj",
      "RUNNING:",
      `  #10 | ${dead} | run | gone_cl | 260101_120000`,
      `  #11 | ${deadToo} | run | live_cl | 260101_120000`,
      `  #12 | ${Deno.pid} | run | gone_cl | 260101_120000`,
      "",
      "NAME: live_cl",
      "STATUS: WIP",
      "",
    ].join("\n"),
  );
  const claims = () =>
    Deno.readTextFileSync(project).split("\n").filter((line) => line.startsWith("  #"));
  const orphan = await axe.sase(["axe", "chop", "run", "orphan_cleanup", "-j"]);
  assertEquals(orphan.code, 0, orphan.stderr);
  assertEquals(claims(), [
    `  #11 | ${deadToo} | run | live_cl | 260101_120000`,
    `  #12 | ${Deno.pid} | run | gone_cl | 260101_120000`,
  ]);
  const orphanLog = await choplog(orphan.stdout, axe.axeDir);
  assertStringIncludes(
    orphanLog,
    "orphan_cleanup: inspected 3 claim(s) in 1 project(s); released 1",
  );
  assertStringIncludes(orphanLog, `released proj #10 pid ${dead} (gone_cl)`);
  const stale = await axe.sase(["axe", "chop", "run", "stale_running_cleanup", "-j"]);
  assertEquals(stale.code, 0, stale.stderr);
  assertEquals(claims(), [`  #12 | ${Deno.pid} | run | gone_cl | 260101_120000`]);
  const again = await axe.sase(["axe", "chop", "run", "stale_running_cleanup", "-j"]);
  assertStringIncludes(
    await choplog(again.stdout, axe.axeDir),
    "no-op: no eligible claim has a dead process",
  );
});

Deno.test("error_digest writes the digest of new errors and one axe ViewErrorReport notification", async () => {
  await using axe = await axeSandbox("");
  const root = axe.sb.root;
  await axe.sb.write(
    "home/.config/sase/sase.yml",
    `axe:\n  chop_script_dirs: ["${root}/d"]\n  lumberjacks:\n    lj:\n      chops:\n        - name: broken\n          description: fails\n`,
  );
  await axe.script("d/broken", "#!/bin/sh\necho oops >&2\nexit 3\n");
  const nothing = await axe.sase(["axe", "chop", "run", "error_digest", "-j"]);
  assertEquals(nothing.code, 0, nothing.stderr);
  assertStringIncludes(await choplog(nothing.stdout, axe.axeDir), "no-op: none since ever");
  const broken = await axe.sase(["axe", "chop", "run", "broken"]);
  assertEquals(broken.code, 1);
  assertStringIncludes(broken.stderr, "chop 'broken' ended failure: exit code 3");
  const digest = await axe.sase(["axe", "chop", "run", "error_digest", "-j"]);
  assertEquals(digest.code, 0, digest.stderr);
  const digestDir = join(axe.axeDir, "shared", "error_digests");
  const files = [...Deno.readDirSync(digestDir)].map((entry) => entry.name)
    .filter((name) => name.startsWith("digest_"));
  assertEquals(files.length, 1);
  assert(/^digest_\d{6}_\d{6}\.txt$/.test(files[0]), files[0]);
  const path = join(digestDir, files[0]);
  const text = await Deno.readTextFile(path);
  assertStringIncludes(text, "1 error(s) since the first recorded error");
  assertStringIncludes(text, "1x lj/broken failure");
  assertStringIncludes(text, "lj/broken failure run ");
  assertStringIncludes(text, ": exit code 3");
  const listed = JSON.parse((await axe.sase(["notify", "list", "-j", "-s", "axe"])).stdout);
  const rows = Array.isArray(listed) ? listed : listed.notifications;
  assertEquals(rows.length, 1, JSON.stringify(listed));
  assertEquals(rows[0].action, "ViewErrorReport");
  assertEquals(rows[0].files, [path]);
  assertEquals(rows[0].action_data.error_report_path, path);
  // Nothing new: no second digest, no second notification.
  await axe.sase(["axe", "chop", "run", "error_digest"]);
  const after = JSON.parse((await axe.sase(["notify", "list", "-j", "-s", "axe"])).stdout);
  assertEquals((Array.isArray(after) ? after : after.notifications).length, 1);
});

Deno.test("comment_zombie_checks marks comment workflows older than the zombie timeout ZOMBIE", async () => {
  await using axe = await axeSandbox("axe:\n  zombie_timeout_seconds: 3600\n");
  const stamp = (hoursAgo: number) => {
    const d = new Date(Date.now() - hoursAgo * 3600_000);
    const p = (n: number) => String(n).padStart(2, "0");
    return `${p(d.getFullYear() % 100)}${p(d.getMonth() + 1)}${p(d.getDate())}_${p(d.getHours())}${
      p(d.getMinutes())
    }${p(d.getSeconds())}`;
  };
  const old = stamp(2);
  const fresh = stamp(0);
  const project = await axe.sb.write(
    "home/.sase/projects/proj/proj.sase",
    [
      "NAME: feat",
      "STATUS: Mailed",
      "COMMENTS:",
      `  [critique] ~/.sase/comments/a.json - (${old})`,
      `  [critique] ~/.sase/comments/b.json - (${fresh})`,
      "  [critique] ~/.sase/comments/c.json - (!: Unresolved Critique Comments)",
      `  [reviewer] ~/.sase/comments/d.json - (${old.replace("_", "")})`,
      "  [other] ~/.sase/comments/e.json",
      "",
    ].join("\n"),
  );
  const result = await axe.sase(["axe", "chop", "run", "comment_zombie_checks", "-j"]);
  assertEquals(result.code, 0, result.stderr);
  assertStringIncludes(
    await choplog(result.stdout, axe.axeDir),
    "comment_zombie_checks: changespecs=1 comments=5 zombies=2",
  );
  assertEquals((await Deno.readTextFile(project)).split("\n").slice(3, 8), [
    "  [critique] ~/.sase/comments/a.json - (!: ZOMBIE)",
    `  [critique] ~/.sase/comments/b.json - (${fresh})`,
    "  [critique] ~/.sase/comments/c.json - (!: Unresolved Critique Comments)",
    "  [reviewer] ~/.sase/comments/d.json - (!: ZOMBIE)",
    "  [other] ~/.sase/comments/e.json",
  ]);
  const again = await axe.sase(["axe", "chop", "run", "comment_zombie_checks", "-j"]);
  assertStringIncludes(
    await choplog(again.stdout, axe.axeDir),
    "no-op: no comment workflow past the zombie timeout",
  );
});

Deno.test("suffix_transforms settles older entries' markers and clears a terminal spec's live ones", async () => {
  await using axe = await axeSandbox("");
  const ts = "260101_120000";
  const project = await axe.sb.write(
    "home/.sase/projects/proj/proj.sase",
    [
      "NAME: feat",
      "STATUS: Ready",
      "COMMITS:",
      "  (1) first",
      "  (2) second",
      "  (2a) proposal - (!: NEW PROPOSAL)",
      "  (3) third",
      "  (3a) newer proposal - (!: NEW PROPOSAL)",
      "HOOKS:",
      "  just test",
      `      | (1) [${ts}] FAILED (3s) - (!: Hook Command Failed)`,
      `      | (3) [${ts}] FAILED (3s) - (!: Hook Command Failed)`,
      "",
      "",
      "NAME: done_one",
      "STATUS: Submitted",
      "COMMITS:",
      "  (1) only - (@: agent)",
      "HOOKS:",
      "  just lint",
      `      | (1) [${ts}] FAILED (1s) - (@: fix-hook 12)`,
      "COMMENTS:",
      "  [critique] ~/.sase/comments/x.json - (!: Unresolved Critique Comments)",
      "",
    ].join("\n"),
  );
  const result = await axe.sase(["axe", "chop", "run", "suffix_transforms", "-j"]);
  assertEquals(result.code, 0, result.stderr);
  assertStringIncludes(
    await choplog(result.stdout, axe.axeDir),
    "suffix_transforms: all_changespecs=2 filtered_changespecs=2 updates=5",
  );
  assertEquals(
    await Deno.readTextFile(project),
    [
      "NAME: feat",
      "STATUS: Ready",
      "COMMITS:",
      "  (1) first",
      "  (2) second",
      "  (2a) proposal",
      "  (3) third",
      "  (3a) newer proposal - (!: NEW PROPOSAL)",
      "HOOKS:",
      "  just test",
      `      | (1) [${ts}] FAILED (3s) - (Hook Command Failed)`,
      `      | (3) [${ts}] FAILED (3s) - (!: Hook Command Failed)`,
      "",
      "",
      "NAME: done_one",
      "STATUS: Submitted",
      "COMMITS:",
      "  (1) only",
      "HOOKS:",
      "  just lint",
      `      | (1) [${ts}] FAILED (1s) - (~@: fix-hook 12)`,
      "COMMENTS:",
      "  [critique] ~/.sase/comments/x.json",
      "",
    ].join("\n"),
  );
  const again = await axe.sase(["axe", "chop", "run", "suffix_transforms", "-j"]);
  assertStringIncludes(await choplog(again.stdout, axe.axeDir), "no-op: no stale suffix markers");
});
