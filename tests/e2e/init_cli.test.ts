import { assert, assertEquals, assertMatch, assertStringIncludes } from "../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { git, makeRepoWithOrigin } from "../_helpers/git.ts";
import { join } from "node:path";

function sase(sb: Sandbox, cwd: string, args: string[]) {
  return runSase(args, { env: sb.env, cwd });
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

Deno.test("sase init: -c lists all four in order and writes nothing; -y applies; then -c is current", async () => {
  await using sb = await makeSandbox();
  const { work, origin } = await makeRepoWithOrigin(join(sb.root, "repo"), sb.env);
  const check = await sase(sb, work, ["init", "-c"]);
  assertEquals(check.code, 1, check.stderr);
  assertMatch(
    check.stdout,
    /^amd: needs attention \(4 changes\)\n[\s\S]*^memory: needs attention[\s\S]*^sdd: needs attention[\s\S]*^skills: needs attention/m,
  );
  assertStringIncludes(check.stdout, `  create ${join(work, "CLAUDE.md")} (provider shim)`);
  for (
    const path of [
      join(work, "CLAUDE.md"),
      join(work, "AGENTS.md"),
      join(work, "sdd"),
      join(sb.home, ".claude"),
    ]
  ) {
    assertEquals(await exists(path), false, `-c wrote ${path}`);
  }

  const bare = await sase(sb, work, ["init"]);
  assertEquals(bare.code, 1);
  assertStringIncludes(
    bare.stdout,
    "4 initializers need attention; not a terminal, so nothing was run",
  );
  assertEquals(await exists(join(work, "CLAUDE.md")), false);

  const yes = await sase(sb, work, ["init", "--yes"]);
  assertEquals(yes.code, 0, yes.stderr + yes.stdout);
  assertMatch(yes.stdout, /^amd: done[\s\S]*^memory: done[\s\S]*^sdd: done[\s\S]*^skills: done/m);
  assertEquals(await Deno.readTextFile(join(work, "CLAUDE.md")), "@AGENTS.md\n");
  assert(await exists(join(work, "sdd", "README.md")));
  assert(await exists(join(sb.home, ".claude", "skills", "sase_plan", "SKILL.md")));
  assertEquals(
    (await git(origin, sb.env, "log", "-1", "--format=%s", "main")).trim(),
    "chore: run sase init memory",
    "memory deployed through commit and push",
  );

  const after = await sase(sb, work, ["init", "-c"]);
  assertEquals(after.code, 0, after.stdout);
  assertStringIncludes(
    after.stdout,
    "SASE is initialized: amd, memory, sdd and skills are current.",
  );
  const wire = JSON.parse((await sase(sb, work, ["init", "-c", "-j"])).stdout);
  assertEquals(wire.current, true);
  assertEquals(wire.initializers.map((i: { name: string }) => i.name), [
    "amd",
    "memory",
    "sdd",
    "skills",
  ]);
});

Deno.test("bare init: a global amd_h1_title is ignored, the project's own opts in", async () => {
  await using sb = await makeSandbox();
  await Deno.writeTextFile(join(sb.configDir, "sase.yml"), "amd_h1_title: Global Title\n");
  const { work } = await makeRepoWithOrigin(join(sb.root, "repo"), sb.env);
  assertEquals((await sase(sb, work, ["init", "-y"])).code, 0);
  const plain = await Deno.readTextFile(join(work, "AGENTS.md"));
  assert(!plain.includes("Global Title") && !plain.includes("sase-amd:"), plain);

  const { work: opted } = await makeRepoWithOrigin(join(sb.root, "opted"), sb.env, {
    "sase.yml": "amd_h1_title: Opted In\n",
  });
  const run = await sase(sb, opted, ["init", "-y"]);
  assertEquals(run.code, 0, run.stderr + run.stdout);
  const managed = await Deno.readTextFile(join(opted, "AGENTS.md"));
  assert(managed.startsWith("# Opted In\n"), managed);
  assertStringIncludes(managed, "<!-- sase-amd:short-memory:start -->\n\n- @memory/sase.md\n");
  assertEquals((await sase(sb, opted, ["init", "-c"])).code, 0);
});

Deno.test("bare init -y leaves a blocked initializer for the user and exits 1", async () => {
  await using sb = await makeSandbox();
  const { work } = await makeRepoWithOrigin(join(sb.root, "repo"), sb.env, {
    "AGENTS.md": "# Rules\n",
    "memory/orphan.md": "---\ntype: long\ndescription: O\n---\n",
  });
  const run = await sase(sb, work, ["init", "-y"]);
  assertEquals(run.code, 1);
  assertStringIncludes(run.stdout, "memory: blocked: project memory in");
  assertStringIncludes(run.stdout, "memory/orphan.md");
  assertStringIncludes(run.stdout, "not run (blocked): memory");
  assertStringIncludes(run.stdout, "sdd: done");
  assertEquals(await exists(join(work, "memory", "sase.md")), false);
});

Deno.test("flags after an initializer's name are that initializer's: sase init memory --check -j", async () => {
  await using sb = await makeSandbox();
  const { work } = await makeRepoWithOrigin(join(sb.root, "repo"), sb.env);
  const check = await sase(sb, work, ["init", "memory", "--check", "-j"]);
  assertEquals(check.code, 1, check.stderr);
  const wire = JSON.parse(check.stdout);
  assertEquals([wire.check, wire.drift], [true, true]);
  assertEquals(await exists(join(work, "AGENTS.md")), false);
  const misplaced = await sase(sb, work, ["init", "-y", "sdd"]);
  assertEquals(misplaced.code, 2);
  assertStringIncludes(misplaced.stderr, "-y/--yes belongs to bare `sase init`");
});
