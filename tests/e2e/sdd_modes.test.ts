/**
 * SDD end to end through the real CLI in temp git repos: version-controlled
 * mode (init, a prompt + tale pair, list, links, validate, broken links,
 * warnings, repair) and local mode (the standalone SDD repo).
 */

import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { git, makeGitRepo } from "../_helpers/git.ts";

const PROMPT_A = "---\nplan: sdd/tales/202605/a.md\n---\nBuild A.\n";
const TALE_A = "---\ntier: tale\nprompt: sdd/prompts/202605/a.md\n---\n# A\n";

Deno.test("version-controlled mode: init, pair, list, links, validate, break, warn, repair", async () => {
  await using sb = await makeSandbox();
  const repo = await makeGitRepo(join(sb.cwd, "proj"), sb.env, {
    "sase.yml": "# project settings\nname: demo # keep me\n",
  });
  const run = (...args: string[]) => runSase(args, { env: sb.env, cwd: repo });

  const check = await run("init", "sdd", "--check");
  assertEquals(check.code, 1);
  assertStringIncludes(check.stdout, "sdd.version_controlled is not true");
  assertEquals((await run("sdd", "init")).code, 0);
  const config = await Deno.readTextFile(join(repo, "sase.yml"));
  assertStringIncludes(config, "# project settings\nname: demo # keep me\n");
  assertStringIncludes(config, "sdd:\n  version_controlled: true");
  assertEquals((await run("sdd", "init", "-c")).code, 0);
  await Deno.writeTextFile(join(repo, "sdd", "tales", "README.md"), "edited\n");
  const drift = await run("sdd", "init", "--check", "-p", "sdd");
  assertEquals(drift.code, 1);
  assertStringIncludes(drift.stdout, "stale");
  assertEquals((await run("init", "sdd", "-p", "sdd")).code, 0);

  await sb.write("work/proj/sdd/prompts/202605/a.md", PROMPT_A);
  await sb.write("work/proj/sdd/tales/202605/a.md", TALE_A);
  const list = JSON.parse((await run("sdd", "list", "-j")).stdout);
  assertEquals(list.files.map((f: { path: string }) => f.path), [
    "prompts/202605/a.md",
    "tales/202605/a.md",
  ]);
  assertEquals((await run("sdd", "list", "-k", "myths")).code, 2);
  const links = JSON.parse((await run("sdd", "links", "-j")).stdout).links;
  assert(links.every((row: { bidirectional: boolean }) => row.bidirectional));
  const clean = await run("sdd", "validate");
  assertEquals(clean.code, 0);
  assertStringIncludes(clean.stdout, "SDD validation passed: 2 files, 0 errors, 0 warnings");

  // Break the reverse link: the error names both files.
  await sb.write(
    "work/proj/sdd/tales/202605/other.md",
    "---\ntier: tale\nprompt: sdd/prompts/202605/zz.md\n---\n",
  );
  await sb.write(
    "work/proj/sdd/prompts/202605/zz.md",
    "---\nplan: sdd/tales/202605/other.md\n---\n",
  );
  await sb.write("work/proj/sdd/tales/202605/a.md", TALE_A.replace("a.md", "zz.md"));
  const broken = await run("sdd", "validate");
  assertEquals(broken.code, 1);
  assertStringIncludes(
    broken.stdout,
    "[link-reverse] prompts/202605/a.md links `plan: sdd/tales/202605/a.md`, but tales/202605/a.md links `prompt: sdd/prompts/202605/zz.md`",
  );
  await sb.write("work/proj/sdd/tales/202605/a.md", TALE_A);
  await Deno.remove(join(repo, "sdd/tales/202605/other.md"));
  await Deno.remove(join(repo, "sdd/prompts/202605/zz.md"));

  // An unpaired pair: hidden warnings by default, shown with -W, errors with --strict.
  await sb.write("work/proj/sdd/tales/202605/b.md", "# B\n");
  await sb.write("work/proj/sdd/prompts/202605/b.md", "Build B.\n");
  const warned = await run("sdd", "validate");
  assertEquals(warned.code, 0);
  assert(!warned.stdout.includes("unpaired-file"));
  assertStringIncludes(warned.stdout, "2 warnings (use --show-warnings to display)");
  const shown = await run("sdd", "validate", "-W");
  assertStringIncludes(shown.stdout, "warning tales/202605/b.md [unpaired-file]");
  const strict = await run("sdd", "validate", "--strict", "-j");
  assertEquals(strict.code, 1);
  assertEquals(JSON.parse(strict.stdout).error_count, 2);

  const dry = await run("sdd", "repair-links");
  assertStringIncludes(dry.stdout, "would set plan: sdd/tales/202605/b.md in prompts/202605/b.md");
  assertEquals(await Deno.readTextFile(join(repo, "sdd/tales/202605/b.md")), "# B\n");
  assertEquals((await run("sdd", "repair-links", "-w")).code, 0);
  assertEquals(
    await Deno.readTextFile(join(repo, "sdd/tales/202605/b.md")),
    "---\nprompt: sdd/prompts/202605/b.md\n---\n# B\n",
  );
  const repaired = await run("validate");
  assertEquals(repaired.code, 0, repaired.stdout);
  assertStringIncludes(repaired.stdout, "sdd validate: 4 files, 0 errors, 0 warnings");
  // Version-controlled mode leaves the files for `sase commit`.
  assertStringIncludes(await git(repo, sb.env, "status", "--porcelain"), "?? sdd/");
});

Deno.test("local mode: missing tree is invalid-root; repair commits in the standalone repo", async () => {
  await using sb = await makeSandbox();
  const repo = await makeGitRepo(join(sb.cwd, "proj"), sb.env);
  const run = (...args: string[]) => runSase(args, { env: sb.env, cwd: repo });
  const missing = await run("sdd", "validate", "-j");
  assertEquals(missing.code, 1);
  assertEquals(JSON.parse(missing.stdout).issues[0].code, "invalid-root");

  const root = join(repo, ".sase", "sdd");
  await sb.write("work/proj/.sase/sdd/prompts/202605/c.md", "Build C.\n");
  await sb.write("work/proj/.sase/sdd/epics/202605/c.md", "---\ntier: epic\n---\n# C\n");
  await git(root, sb.env, "init", "-q");
  assertEquals((await run("sdd", "repair-links", "-w")).code, 0);
  assertEquals(
    await Deno.readTextFile(join(root, "prompts/202605/c.md")),
    "---\nplan: .sase/sdd/epics/202605/c.md\n---\nBuild C.\n",
  );
  assertStringIncludes(await git(root, sb.env, "log", "--oneline"), "Repair SDD prompt/plan links");
  assertEquals((await git(root, sb.env, "status", "--porcelain")).trim(), "");
  assertEquals(await Deno.readTextFile(join(root, ".gitignore")), "beads.db*\n*.lock\n");
  // The project's own status does not list the nested SDD repo.
  assertEquals((await git(repo, sb.env, "status", "--porcelain")).trim(), "");
  const result = await run("sdd", "validate", "--strict");
  assertEquals(result.code, 0, result.stdout);
  const validate = await run("validate");
  assertStringIncludes(validate.stdout, "SKIP init sdd");
});
