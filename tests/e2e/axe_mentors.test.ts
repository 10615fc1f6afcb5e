/**
 * Mentors end to end (automation guide scenario 24): the `mentors`
 * notification when no profile matches (once, across runs), a matching
 * profile's `profile[0/N]` registration, hidden `#mentor` agents (fakey)
 * whose JSON comments end them COMMENTED, and a newer commit killing
 * mentors still running on the older entry.
 */

import { join } from "node:path";
import { assert, assertEquals, assertMatch, assertStringIncludes } from "../_helpers/assert.ts";
import { runSase } from "../_helpers/cli.ts";
import { killRunners, readJsonFile, runDirs, waitFor } from "../_helpers/runs.ts";
import { axeProject, type AxeSandbox, axeSandbox, fieldLines } from "./_axe.ts";

const PROFILES = `mentor_profiles:
  - profile_name: py
    file_globs: ["*.py"]
    mentors:
      - mentor_name: style
        role: Python style expert
        focus_areas:
          - { focus_name: style, description: PEP 8 }
      - mentor_name: naming
        role: Naming expert
        focus_areas:
          - { focus_name: naming, description: names }
llm_provider:
  provider: fakey
`;

function project(axe: AxeSandbox, hooks: string[] = []) {
  return axeProject(axe, { hooks });
}

/** The project's checkout (its WORKSPACE_DIR). */
async function workDir(axe: AxeSandbox): Promise<string> {
  const text = await Deno.readTextFile(join(axe.sb.saseHome, "projects", "proj", "proj.sase"));
  return /^WORKSPACE_DIR: (.+)$/m.exec(text)![1];
}

async function chop(axe: AxeSandbox, name: string): Promise<string> {
  const result = await axe.sase(["axe", "chop", "run", name, "-j"]);
  assertEquals(result.code, 0, result.stderr);
  const run = JSON.parse(result.stdout);
  return await Deno.readTextFile(
    axe.lj(run.lumberjack_name, "chops", name, "runs", `${run.run_id}.log`),
  );
}

const mentorLines = (file: string) => fieldLines(file, "MENTORS");

async function mentorsNotifications(axe: AxeSandbox): Promise<Record<string, unknown>[]> {
  const listed = JSON.parse(
    (await axe.sase(["notify", "list", "-j", "-a", "-s", "mentors"])).stdout,
  );
  return Array.isArray(listed) ? listed : listed.notifications;
}

/**
 * A review or fix-hook agent's run belongs to project `proj` (its records
 * under `projects/proj/`) and works in a numbered checkout of proj
 * (`proj_<N>`), not of the `home` project a bare launch gets.
 */
function assertInProject(
  axe: AxeSandbox,
  dir: string,
  meta: Record<string, unknown> | undefined,
): void {
  assertEquals(meta?.project, "proj", JSON.stringify(meta));
  assert(dir.startsWith(join(axe.sb.saseHome, "projects", "proj") + "/"), dir);
  assertMatch(String(meta?.cwd).split("/").at(-1)!, /^proj_\d+$/);
}

Deno.test("no matching profile: one mentors notification once the hooks are ready, never again", async () => {
  await using axe = await axeSandbox(PROFILES);
  const { projectFile, commit } = await project(axe, ["true"]);
  await commit("notes.txt", "text\n", "docs: notes");
  // The hook has not run yet: no notification.
  await chop(axe, "mentor_checks");
  assertEquals(await mentorsNotifications(axe), []);
  await chop(axe, "hook_checks");
  await waitFor("the hook to pass", async () => {
    await chop(axe, "hook_checks");
    return (await Deno.readTextFile(projectFile)).includes(" PASSED ") ? true : undefined;
  });
  assertStringIncludes(await chop(axe, "mentor_checks"), "(1) no profile matched; notified");
  const rows = await mentorsNotifications(axe);
  assertEquals(rows.length, 1);
  assertEquals(rows[0].notes, ["Mentors complete for feat (1)", "no mentor profile matched"]);
  assertEquals(rows[0].action, "JumpToChangeSpec");
  assertEquals(await mentorLines(projectFile), []);
  // Another run (as after an axe restart) does not repeat it.
  await chop(axe, "mentor_checks");
  assertEquals((await mentorsNotifications(axe)).length, 1);
  const complete = await readJsonFile(
    join(axe.sb.saseHome, "notifications", "mentors_complete.json"),
  );
  assertEquals(Object.keys(complete ?? {}), [`${projectFile}|feat|1`]);
});

Deno.test("a *.py profile registers [0/2], runs two hidden review agents, and saves their comments", async () => {
  const answer = JSON.stringify({
    comments: [{
      focus_name: "style",
      file_path: "a.py",
      line_number: 1,
      description: "Add a docstring",
      severity: "suggestion",
    }],
  });
  const script = `steps:\n  - text: '${answer}'\n`;
  await using axe = await axeSandbox(PROFILES);
  const scriptPath = await axe.sb.write("mentor.yaml", script);
  axe.sb.env.SASE_FAKEY_SCRIPT = scriptPath;
  const { projectFile, commit } = await project(axe);
  await commit("a.py", "x = 1\n", "feat: a.py");
  try {
    assertStringIncludes(await chop(axe, "mentor_checks"), "registered (1) py");
    assertEquals(await mentorLines(projectFile), ["  (1) py[0/2]"]);
    await chop(axe, "mentor_checks");
    const running = await mentorLines(projectFile);
    assertEquals(running[0], "  (1) py[2/2]");
    assertMatch(running[1], /^ {6}\| \[\d{6}_\d{6}\] py:style - RUNNING$/);
    assertMatch(running[2], /^ {6}\| \[\d{6}_\d{6}\] py:naming - RUNNING$/);
    const finished = await waitFor("both mentors to finish", async () => {
      await chop(axe, "mentor_checks");
      const lines = await mentorLines(projectFile);
      return lines.some((line) => / - (RUNNING|STARTING)/.test(line)) ? undefined : lines;
    }, 60_000);
    assertMatch(finished[1], /^ {6}\| \[\d{6}_\d{6}\] py:style - COMMENTED - \(0h0m\d+s\)$/);
    const saved = [...Deno.readDirSync(join(axe.sb.saseHome, "mentors"))].map((e) => e.name);
    const outputs = saved.filter((name) => /^feat--py--style--\d{6}_\d{6}\.json$/.test(name));
    assertEquals(outputs.length, 1, saved.join(", "));
    const output = await readJsonFile(join(axe.sb.saseHome, "mentors", outputs[0]));
    assertEquals(output?.status, "COMMENTED");
    assertEquals(output?.comments, [{
      focus_name: "style",
      file_path: "a.py",
      line_number: 1,
      description: "Add a docstring",
      severity: "suggestion",
    }]);
    const snapshot = await readJsonFile(
      join(axe.sb.saseHome, "mentors", outputs[0].replace(".json", "-files.json")),
    );
    assertEquals(snapshot, { "a.py": "x = 1\n" });
    // The agents were hidden review agents running #mentor.
    const meta = await readJsonFile(join(String(output?.agent_dir), "agent_meta.json"));
    assertEquals([meta?.hidden, (meta?.flags as Record<string, unknown>)?.group], [true, "review"]);
    // They belong to the ChangeSpec's project and work in a checkout of it, not of `home`.
    assertInProject(axe, String(output?.agent_dir), meta);
    const raw = await Deno.readTextFile(join(String(output?.agent_dir), "raw_xprompt.md"));
    assertStringIncludes(raw, '#mentor(changespec="feat", profile="py", mentor="style"');
    const rows = await waitFor("the mentors notification", async () => {
      await chop(axe, "mentor_checks");
      const found = await mentorsNotifications(axe);
      return found.length ? found : undefined;
    });
    assertEquals(rows[0].notes, ["Mentors complete for feat (1)", "2 COMMENTED"]);
  } finally {
    await killRunners(await runDirs(axe.sb));
  }
});

Deno.test("a newer commit marks mentors still running on the older entry KILLED", async () => {
  await using axe = await axeSandbox(PROFILES);
  const scriptPath = await axe.sb.write("slow.yaml", `steps:\n  - shell: "sleep 60"\n`);
  axe.sb.env.SASE_FAKEY_SCRIPT = scriptPath;
  const { projectFile, commit } = await project(axe);
  await commit("a.py", "x = 1\n", "feat: a.py");
  try {
    await chop(axe, "mentor_checks");
    await chop(axe, "mentor_checks");
    assertMatch((await mentorLines(projectFile))[1], / py:style - RUNNING$/);
    await commit("a.py", "x = 2\n", "feat: again");
    const log = await chop(axe, "mentor_checks");
    assertStringIncludes(log, "py:style (1) -> KILLED");
    const lines = await mentorLines(projectFile);
    assertMatch(lines[1], /^ {6}\| \[\d{6}_\d{6}\] py:style - KILLED - \(!: newer commit 2\)$/);
    assertMatch(lines[2], / py:naming - KILLED - \(!: newer commit 2\)$/);
    assertEquals(lines[3], "  (2) py[0/2]");
  } finally {
    await killRunners(await runDirs(axe.sb));
  }
});

Deno.test("config mentor-match traces each criterion against the regular commits under review", async () => {
  await using axe = await axeSandbox(PROFILES);
  await axe.sb.write(
    "home/.config/sase/sase.yml",
    PROFILES.replace(
      "llm_provider:",
      `  - profile_name: other
    projects: [elsewhere]
    file_globs: ["*"]
    mentors:
      - mentor_name: x
        role: r
        focus_areas: [{ focus_name: f, description: d }]
llm_provider:`,
    ),
  );
  const { commit } = await project(axe);
  await commit("a.py", "x = 1\n", "feat: a.py");
  const text = await axe.sase(["config", "mentor-match", "feat"]);
  assertEquals(text.code, 0, text.stderr);
  assertEquals(text.stdout.split("\n").slice(0, 7), [
    "feat (proj, Ready)",
    "entries under review: (1)",
    "changed paths: a.py",
    "MATCH  py",
    "  + file_globs: *.py matches a.py",
    "no match  other",
    "  - projects: project proj is not in [elsewhere]",
  ]);
  const json = JSON.parse((await axe.sase(["config", "mentor-match", "feat", "-j"])).stdout);
  assertEquals(
    json.profiles.map((
      p: { profile_name: string; matched: boolean },
    ) => [p.profile_name, p.matched]),
    [
      ["py", true],
      ["other", false],
    ],
  );
  // A profile in a project-local sase.yml applies only to that sase.yml's project.
  const local = `mentor_profiles:
  - profile_name: local_py
    file_globs: ["*.py"]
    mentors: [{ mentor_name: x, role: r, focus_areas: [{ focus_name: f, description: d }] }]
`;
  const work = await workDir(axe);
  await Deno.writeTextFile(join(work, "sase.yml"), local);
  const outside = join(axe.sb.root, "elsewhere");
  await Deno.mkdir(outside);
  await Deno.writeTextFile(join(outside, "sase.yml"), local);
  const inProject = await runSase(["config", "mentor-match", "feat", "-j"], {
    env: axe.sb.env,
    cwd: work,
  });
  const scoped = JSON.parse(inProject.stdout).profiles.find((p: { profile_name: string }) =>
    p.profile_name === "local_py"
  );
  assertEquals([scoped.matched, scoped.criteria[0].detail], [true, "project proj is listed"]);
  const elsewhere = JSON.parse(
    (await runSase(["config", "mentor-match", "feat", "-j"], { env: axe.sb.env, cwd: outside }))
      .stdout,
  ).profiles.find((p: { profile_name: string }) => p.profile_name === "local_py");
  assertEquals([elsewhere.matched, elsewhere.criteria[0].detail], [
    false,
    "a project-local profile whose sase.yml belongs to no known project",
  ]);
  const missing = await axe.sase(["config", "mentor-match", "nope"]);
  assertEquals(missing.code, 1);
  assertStringIncludes(missing.stderr, "nope");
});

Deno.test("a failing hook starts a fix-hook agent; mentors wait until the failure is handled", async () => {
  await using axe = await axeSandbox(PROFILES);
  const root = axe.sb.root;
  await axe.script("fail.sh", "#!/bin/sh\necho broken\nexit 1\n");
  const { projectFile, commit } = await project(axe, [`${root}/fail.sh`]);
  await commit("a.py", "x = 1\n", "feat: a.py");
  try {
    const hooks = async () =>
      (await Deno.readTextFile(projectFile)).split("\n")
        .filter((line) =>
          line.startsWith("      | (1)") && !line.includes(":style") && !line.includes(":naming")
        );
    await waitFor("the hook to fail", async () => {
      await chop(axe, "hook_checks");
      return (await hooks()).some((line) => line.includes("FAILED")) ? true : undefined;
    });
    assertMatch((await hooks())[0], /FAILED \(\d+s\) - \(!: Hook Command Failed\)$/);
    // Registered, but not started: the failure is not handled yet.
    await chop(axe, "mentor_checks");
    await chop(axe, "mentor_checks");
    assertEquals(await mentorLines(projectFile), ["  (1) py[0/2]"]);
    assertStringIncludes(await chop(axe, "workflow_checks"), "started fix-hook for");
    assertMatch((await hooks())[0], /FAILED \(\d+s\) - \(@: fix-hook \d+\)$/);
    const fixMeta = JSON.parse(
      await Deno.readTextFile(join(axe.axeDir, "fix_hook_runs.json")),
    );
    const [run] = Object.values(fixMeta) as { dir: string }[];
    const raw = await Deno.readTextFile(join(run.dir, "raw_xprompt.md"));
    assertStringIncludes(raw, '#fix_hook(changespec="feat", command=');
    await chop(axe, "mentor_checks");
    assertEquals(await mentorLines(projectFile), ["  (1) py[0/2]"]);
    await waitFor("the fix-hook agent to complete", async () => {
      await chop(axe, "workflow_checks");
      return (await hooks())[0].endsWith("- (fix-hook completed)") ? true : undefined;
    });
    assertInProject(axe, run.dir, await readJsonFile(join(run.dir, "agent_meta.json")));
    await chop(axe, "mentor_checks");
    const lines = await mentorLines(projectFile);
    assertEquals(lines[0], "  (1) py[2/2]");
    assertMatch(lines[1], / py:style - RUNNING$/);
  } finally {
    await killRunners(await runDirs(axe.sb));
  }
});
