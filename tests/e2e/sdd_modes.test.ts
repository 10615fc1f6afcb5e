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
  const checkJson = await run("init", "sdd", "--check", "-j");
  assertEquals(checkJson.code, 1);
  const report = JSON.parse(checkJson.stdout);
  assertEquals([report.check, report.drift, report.written], [true, true, []]);
  assertEquals(report.items[0], { path: join(repo, "sase.yml"), role: "config", state: "stale" });
  // sase.yml, sdd/README.md and the READMEs of tales, epics, legends, myths and research.
  assertEquals(report.items.length, 8);
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

Deno.test("a git checkout with an unclaimed origin resolves as bare_git: SDD and beads both use sdd/", async () => {
  await using sb = await makeSandbox();
  const repo = await makeGitRepo(join(sb.cwd, "proj"), sb.env, { "README.md": "# p\n" });
  const origin = join(sb.cwd, "origin.git");
  await git(sb.cwd, sb.env, "init", "-q", "--bare", origin);
  await git(repo, sb.env, "remote", "add", "origin", origin);
  await git(repo, sb.env, "push", "-q", "origin", "main");
  const run = (...args: string[]) => runSase(args, { env: sb.env, cwd: repo });

  const init = await run("bead", "init");
  assertEquals(init.code, 0, init.stderr);
  assertStringIncludes(init.stdout, join(repo, "sdd", "beads"));
  await sb.write("plans/p.md", "# Shared tale\n\nDo the thing.\n");
  assertEquals((await run("plan", "propose", join(sb.root, "plans/p.md"))).code, 0);
  const approved = await run("plan", "approve", "-k", "commit");
  assertEquals(approved.code, 0, approved.stderr);
  const tales = await run("sdd", "list", "-k", "tales", "-j");
  const listed = JSON.parse(tales.stdout);
  assertEquals(listed.root, join(repo, "sdd"));
  assertEquals(listed.files.length, 1);
  assertEquals(await Deno.stat(join(repo, ".sase", "sdd")).then(() => true, () => false), false);
});

Deno.test("local mode: .sase/sdd is a standalone repo the user's repository never sees", async () => {
  await using sb = await makeSandbox();
  // Local mode needs a project that does not resolve as bare_git (a git
  // checkout with an origin no plugin claims always uses sdd/, handbook 6.2).
  const repo = await makeGitRepo(join(sb.cwd, "proj"), sb.env, {
    "README.md": "# p\n",
    "sase.yml": "sdd:\n  version_controlled: false\n",
  });
  const run = (...args: string[]) => runSase(args, { env: sb.env, cwd: repo });

  const init = await run("bead", "init");
  assertEquals(init.code, 0, init.stderr);
  assertStringIncludes(init.stdout, join(repo, ".sase", "sdd", "beads"));
  const created = await run("bead", "create", "-t", "Local plan", "-T", "plan(x.md)");
  assertEquals(created.code, 0, created.stderr);
  assertEquals((await run("bead", "sync")).code, 0);
  await sb.write("plans/p.md", "# Local tale\n\nDo the thing.\n");
  assertEquals((await run("plan", "propose", join(sb.root, "plans/p.md"))).code, 0);
  const approved = await run("plan", "approve", "-k", "commit");
  assertEquals(approved.code, 0, approved.stderr);

  const sdd = join(repo, ".sase", "sdd");
  // The SDD tree is its own repository, holding the plan and (staged) bead state.
  assertEquals(
    (await git(sdd, sb.env, "rev-parse", "--show-toplevel")).trim(),
    await Deno.realPath(sdd),
  );
  assertStringIncludes(await git(sdd, sb.env, "log", "--format=%s"), "Approve tale Local tale");
  const tracked = await git(sdd, sb.env, "ls-files");
  assertStringIncludes(tracked, "beads/config.json");
  // The user's repository sees nothing of it, even after `git add -A` and a commit.
  assertEquals(await git(repo, sb.env, "status", "--porcelain"), "");
  await Deno.writeTextFile(join(repo, "README.md"), "# p\n\nchanged\n");
  await git(repo, sb.env, "add", "-A");
  await git(repo, sb.env, "commit", "-q", "-m", "user change");
  assertEquals(
    (await git(repo, sb.env, "ls-files")).trim().split("\n"),
    ["README.md", "sase.yml"],
  );
});

Deno.test("the newer plans/<YYYYMM>/ layout: listed by tier, prompts under plans/<YYYYMM>/prompts/", async () => {
  await using sb = await makeSandbox();
  const root = join(sb.cwd, "sase--sdd");
  const put = (relpath: string, text: string) => sb.write(`work/sase--sdd/${relpath}`, text);
  // Shapes of the original's companion SDD repository: its root is the SDD root.
  await put(
    "plans/202607/fakey_provider.md",
    "---\nstatus: done\ncreate_time: 2026-07-10 16:56:47\nprompt: .sase/sdd/plans/202607/prompts/fakey_provider.md\nbead_id: sase-5o\ntier: epic\n---\n\n# Plan: fakey\n",
  );
  await put(
    "plans/202607/prompts/fakey_provider.md",
    "---\nplan: .sase/sdd/plans/202607/fakey_provider.md\n---\nBuild fakey.\n",
  );
  await put(
    "plans/202607/daemon_only_run.md",
    "---\ncreate_time: 2026-07-02 10:00:44\nstatus: done\nprompt: sdd/plans/202607/prompts/daemon_only_run.md\ntier: tale\n---\n# Plan: daemon only\n",
  );
  await put(
    "plans/202607/prompts/daemon_only_run.md",
    "---\nplan: sdd/plans/202607/daemon_only_run.md\n---\n Make -d the default.\n",
  );
  await put(
    "plans/202603/legacy.md",
    "---\ncreate_time: 2026-03-01 09:00:00\nstatus: done\n---\n# Old\n",
  );
  await put("plans/202605/perf_artifacts/bench.json", "{}\n");
  await put("tales/202605/t.md", "---\ntier: tale\n---\n# T\n");
  await put("legends/202605/l.md", "---\ntier: legend\nepic_count: 2\n---\n# L\n");
  const run = (...args: string[]) => runSase([...args, "-p", root], { env: sb.env, cwd: sb.cwd });

  const paths = async (kind: string) =>
    JSON.parse((await run("sdd", "list", "-k", kind, "-j")).stdout).files.map(
      (f: { path: string; tier: string | null }) => `${f.tier ?? "-"} ${f.path}`,
    );
  assertEquals(await paths("epics"), ["epic plans/202607/fakey_provider.md"]);
  assertEquals(await paths("tales"), [
    "tale plans/202603/legacy.md",
    "tale plans/202607/daemon_only_run.md",
    "tale tales/202605/t.md",
  ]);
  assertEquals(await paths("legends"), ["legend legends/202605/l.md"]);
  assertEquals(await paths("prompts"), [
    "- plans/202607/prompts/daemon_only_run.md",
    "- plans/202607/prompts/fakey_provider.md",
  ]);
  const table = await run("sdd", "list", "-k", "epics");
  assertStringIncludes(table.stdout, "epic  plans/202607/fakey_provider.md");

  const links = JSON.parse((await run("sdd", "links", "-j")).stdout).links;
  assertEquals(
    links.filter((row: { bidirectional: boolean }) => row.bidirectional).map(
      (row: { path: string }) => row.path,
    ),
    [
      "plans/202607/daemon_only_run.md",
      "plans/202607/fakey_provider.md",
      "plans/202607/prompts/daemon_only_run.md",
      "plans/202607/prompts/fakey_provider.md",
    ],
  );
  const validated = JSON.parse((await run("sdd", "validate", "-j")).stdout);
  assertEquals([validated.ok, validated.error_count], [true, 0]);
  assertEquals(
    validated.issues.map((i: { code: string; path: string }) => `${i.code} ${i.path}`),
    [
      "plan-tier-missing plans/202603/legacy.md",
      "unpaired-file legends/202605/l.md",
      "unpaired-file plans/202603/legacy.md",
      "unpaired-file tales/202605/t.md",
    ],
  );
});

Deno.test("repair-links -w never rewrites a file that is not UTF-8; it reports it and exits 1", async () => {
  await using sb = await makeSandbox();
  const repo = await makeGitRepo(join(sb.cwd, "proj"), sb.env, {
    "sase.yml": "sdd:\n  version_controlled: true\n",
  });
  const latin1 = new Uint8Array([
    ...new TextEncoder().encode("# Caf"),
    0xe9,
    ...new TextEncoder().encode(" plan\n"),
  ]);
  await sb.write("work/proj/sdd/prompts/202605/cafe.md", "Plan the caf\u00e9.\n");
  await Deno.mkdir(join(repo, "sdd/tales/202605"), { recursive: true });
  await Deno.writeFile(join(repo, "sdd/tales/202605/cafe.md"), latin1);
  await sb.write("work/proj/sdd/prompts/202605/ok.md", "Plan ok.\n");
  await sb.write("work/proj/sdd/tales/202605/ok.md", "# Ok\n");
  const run = (...args: string[]) => runSase(args, { env: sb.env, cwd: repo });

  const result = await run("sdd", "repair-links", "-w");
  assertEquals(result.code, 1, result.stdout);
  assertStringIncludes(
    result.stdout,
    "error tales/202605/cafe.md [not-utf8] skipped: not valid UTF-8 (first bad byte at offset 5)",
  );
  assertEquals(await Deno.readFile(join(repo, "sdd/tales/202605/cafe.md")), latin1);
  assertEquals(
    await Deno.readTextFile(join(repo, "sdd/prompts/202605/cafe.md")),
    "Plan the caf\u00e9.\n",
  );
  // The rest of the tree is still repaired.
  assertEquals(
    await Deno.readTextFile(join(repo, "sdd/tales/202605/ok.md")),
    "---\nprompt: sdd/prompts/202605/ok.md\n---\n# Ok\n",
  );
  const json = JSON.parse((await run("sdd", "repair-links", "-j")).stdout);
  assertEquals(Object.keys(json).sort(), [
    "fixes",
    "issues",
    "root",
    "schema_version",
    "write",
    "written",
  ]);
  assertEquals(json.issues.map((i: { code: string; path: string }) => [i.code, i.path]), [
    ["not-utf8", "tales/202605/cafe.md"],
  ]);
});

Deno.test("text from SDD files reaches the terminal inert; JSON keeps it exact", async () => {
  await using sb = await makeSandbox();
  const repo = await makeGitRepo(join(sb.cwd, "proj"), sb.env, {
    "sase.yml": "sdd:\n  version_controlled: true\n",
  });
  // A link value carrying an OSC 52 clipboard write and a title change.
  const evil = "sdd/tales/202605/x\u001b]52;c;ZXZpbA==\u0007\u001b]0;owned\u0007.md";
  await sb.write(
    "work/proj/sdd/prompts/202605/x.md",
    `---\nplan: "${evil.replaceAll("\u001b", "\\e").replaceAll("\u0007", "\\a")}"\n---\nX\n`,
  );
  const run = (...args: string[]) => runSase(args, { env: sb.env, cwd: repo });
  for (const args of [["sdd", "validate"], ["sdd", "links"], ["validate"]]) {
    const result = await run(...args);
    assert(
      !result.stdout.includes("\u001b"),
      `${args.join(" ")}: ${JSON.stringify(result.stdout)}`,
    );
    assert(!result.stdout.includes("\u0007"), args.join(" "));
  }
  assertStringIncludes((await run("sdd", "validate")).stdout, "x^[]52;c;ZXZpbA==^G^[]0;owned^G.md");
  const json = JSON.parse((await run("sdd", "links", "-j")).stdout);
  assertEquals(json.links[0].target, evil);
  const top = JSON.parse((await run("validate", "-j")).stdout);
  assertEquals(Object.keys(top).sort(), [
    "checks",
    "drifted",
    "mode",
    "ok",
    "root",
    "schema_version",
    "sdd",
  ]);
  assertEquals(top.checks.map((c: { name: string; status: string }) => [c.name, c.status]), [
    ["init_sdd", "fail"],
    ["sdd_validate", "fail"],
  ]);
});
