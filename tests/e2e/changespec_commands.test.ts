import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { runSase } from "../_helpers/cli.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";
import { git, makeGitRepo } from "../_helpers/git.ts";

Deno.test("changespec current finds the spec named by the workspace branch", async () => {
  await using sb = await makeSandbox();
  const repo = `${sb.root}/ws`;
  await makeGitRepo(repo, sb.env, { "README.md": "hi\n" });
  await git(repo, sb.env, "checkout", "-q", "-b", "feature_x");
  await sb.write("home/.sase/projects/other/other.sase", "NAME: feature_x\nSTATUS: WIP\n");
  await sb.write(
    "home/.sase/projects/mine/mine.sase",
    `WORKSPACE_DIR: ${repo}\n\nNAME: feature_x\nDESCRIPTION: The real one.\nSTATUS: Draft\n`,
  );
  const text = await runSase(["changespec", "current"], { env: sb.env, cwd: repo });
  assertEquals(text.code, 0, text.stderr);
  assertEquals(text.stdout, "NAME: feature_x\nDESCRIPTION: The real one.\nSTATUS: Draft\n");
  const json = JSON.parse(
    (await runSase(["changespec", "current", "-j"], { env: sb.env, cwd: repo })).stdout,
  );
  assertEquals([json.changespec.project, json.changespec.status], ["mine", "Draft"]);
  await git(repo, sb.env, "checkout", "-q", "-b", "unknown_branch");
  const missing = await runSase(["changespec", "current"], { env: sb.env, cwd: repo });
  assertEquals(missing.code, 1);
  assertStringIncludes(missing.stderr, "no ChangeSpec named 'unknown_branch'");
  const outside = await runSase(["changespec", "current"], { env: sb.env, cwd: sb.cwd });
  assertStringIncludes(outside.stderr, "is not inside a git workspace");
});

Deno.test("changespec set-status and show go through the state machine", async () => {
  await using sb = await makeSandbox();
  const path = await sb.write(
    "home/.sase/projects/p/p.sase",
    "NAME: a\nSTATUS: Mailed\n\n\nNAME: b\nSTATUS: Ready\n",
  );
  const bad = await runSase(["changespec", "set-status", "b", "Submitted"], { env: sb.env });
  assertEquals(bad.code, 1);
  assertStringIncludes(
    bad.stderr,
    "error: Invalid status transition for 'b': 'Ready' -> 'Submitted'. Allowed transitions from 'Ready': ['Mailed', 'Draft']",
  );
  const ok = await runSase(["changespec", "set-status", "a", "Submitted", "-j"], { env: sb.env });
  assertEquals(ok.code, 0, ok.stderr);
  assertEquals(JSON.parse(ok.stdout).archive, "to");
  assertEquals(Deno.readTextFileSync(path), "NAME: b\nSTATUS: Ready\n");
  const shown = await runSase(["changespec", "show", "a"], { env: sb.env });
  assert(shown.stdout.startsWith("NAME: a\nSTATUS: Submitted\nTIMESTAMPS:\n  ["));
});

Deno.test("changespec migrate-extension renames .gp files, is idempotent and refuses to overwrite", async () => {
  await using sb = await makeSandbox();
  const base = `${sb.saseHome}/projects`;
  await sb.write("home/.sase/projects/one/one.gp", "NAME: a\nSTATUS: WIP\n");
  await sb.write("home/.sase/projects/one/one-archive.gp", "NAME: z\nSTATUS: Submitted\n");
  await sb.write("home/.sase/projects/two/two.gp", "same\n");
  await sb.write("home/.sase/projects/two/two.sase", "same\n");
  await sb.write("home/.sase/projects/three/three.gp", "NAME: legacy\nSTATUS: WIP\n");
  await sb.write("home/.sase/projects/three/three.sase", "NAME: newer\nSTATUS: WIP\n");
  const legacySearch = JSON.parse(
    (await runSase(["changespec", "search", "-j", "&a"], { env: sb.env })).stdout,
  );
  assertEquals(legacySearch.count, 1);
  const first = await runSase(["changespec", "migrate-extension", "-j"], { env: sb.env });
  assertEquals(first.code, 1);
  assertEquals(
    first.stderr,
    "error: kept 1 legacy file: each differs from its .sase sibling\n" +
      "hint: compare the files, then rerun with --force to let the .gp copy win\n",
  );
  const actions = JSON.parse(first.stdout).actions.map((a: { from: string; action: string }) =>
    `${a.from.slice(base.length + 1)}:${a.action}`
  );
  assertEquals(actions, [
    "one/one-archive.gp:renamed",
    "one/one.gp:renamed",
    "three/three.gp:conflict",
    "two/two.gp:removed_duplicate",
  ]);
  assertEquals(Deno.readTextFileSync(`${base}/one/one.sase`), "NAME: a\nSTATUS: WIP\n");
  assertEquals(Deno.readTextFileSync(`${base}/three/three.sase`), "NAME: newer\nSTATUS: WIP\n");
  const again = await runSase(["changespec", "migrate-extension", "--projects-dir", base], {
    env: sb.env,
  });
  assertEquals(again.code, 1);
  const forced = await runSase(["changespec", "migrate-extension", "--force"], { env: sb.env });
  assertEquals(forced.code, 0, forced.stderr);
  assertEquals(Deno.readTextFileSync(`${base}/three/three.sase`), "NAME: legacy\nSTATUS: WIP\n");
  const done = await runSase(["changespec", "migrate-extension"], { env: sb.env });
  assertEquals([done.code, done.stdout.trim()], [0, `Nothing to migrate under ${base}.`]);
});

Deno.test("changespec -p takes a project name or alias; an unknown project is an error naming it", async () => {
  await using sb = await makeSandbox();
  const path = await sb.write(
    "home/.sase/projects/widgets/widgets.sase",
    "PROJECT_ALIASES: wdg\n\nNAME: a\nSTATUS: WIP\n",
  );
  await sb.write("home/.sase/projects/other/other.sase", "NAME: a\nSTATUS: Draft\n");
  const ambiguous = await runSase(["changespec", "show", "a"], { env: sb.env });
  assertEquals(ambiguous.code, 2);
  assertStringIncludes(ambiguous.stderr, "exists in several projects: other, widgets");
  for (const project of ["widgets", "wdg"]) {
    const shown = await runSase(["changespec", "show", "a", "-p", project], { env: sb.env });
    assertEquals([shown.code, shown.stdout], [0, "NAME: a\nSTATUS: WIP\n"], shown.stderr);
  }
  const set = await runSase(["changespec", "set-status", "a", "Ready", "-p", "wdg", "-j"], {
    env: sb.env,
  });
  assertEquals(set.code, 0, set.stderr);
  assertEquals(JSON.parse(set.stdout).project, "widgets");
  const before = await Deno.readTextFile(path);
  for (const args of [["show", "a"], ["set-status", "a", "Mailed"]]) {
    const unknown = await runSase(["changespec", ...args, "-p", "nosuch"], { env: sb.env });
    assertEquals([unknown.code, unknown.stdout], [1, ""]);
    assertStringIncludes(unknown.stderr, "error: no project named 'nosuch'\nhint: known projects:");
  }
  assertEquals(await Deno.readTextFile(path), before);
});
