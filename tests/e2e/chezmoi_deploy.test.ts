/**
 * `use_chezmoi: true`: memory and skill initialization write the chezmoi
 * home source (`~/.local/share/chezmoi/home/`), commit there, and deploy
 * with the real `chezmoi apply --force`. Without chezmoi installed the
 * deploy fails with a clear error after the source files are written and
 * committed; with it, the live home gets the rendered files.
 */

import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { runSase } from "../_helpers/cli.ts";
import { git, makeGitRepo } from "../_helpers/git.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { haveTool, needing } from "../_helpers/tools.ts";

const HAVE_CHEZMOI = await haveTool("chezmoi");

/** A chezmoi source repository whose `.chezmoiroot` is `home`, and a project. */
async function setup(sb: Sandbox) {
  await Deno.writeTextFile(join(sb.configDir, "sase.yml"), "use_chezmoi: true\n");
  const repo = join(sb.home, ".local", "share", "chezmoi");
  await makeGitRepo(repo, sb.env, { ".chezmoiroot": "home\n", "home/.keep": "" });
  const source = join(repo, "home");
  const project = await makeGitRepo(join(sb.root, "proj"), sb.env);
  return { repo, source, project };
}

Deno.test(
  "use_chezmoi without chezmoi: memory init writes and commits the source, then says chezmoi is missing",
  {
    ignore: HAVE_CHEZMOI,
  },
  async () => {
    await using sb = await makeSandbox();
    const { repo, source, project } = await setup(sb);
    const result = await runSase(["memory", "init", "-C"], { env: sb.env, cwd: project });
    assertEquals(result.code, 1);
    assertStringIncludes(result.stderr, "use_chezmoi is true but `chezmoi` is not on PATH");
    assertEquals(
      await Deno.readTextFile(join(source, "CLAUDE.md.tpl")),
      "@{{ .chezmoi.homeDir }}/AGENTS.md\n",
    );
    assert(
      (await Deno.readTextFile(join(source, "memory", "sase.md"))).startsWith("---\ntype: short\n"),
    );
    assertEquals(
      (await git(repo, sb.env, "log", "-1", "--format=%s")).trim(),
      "chore: run sase init memory",
      "the home memory is committed in the chezmoi source",
    );
    assertEquals(await Deno.stat(join(sb.home, "memory")).then(() => true, () => false), false);
  },
);

Deno.test(
  needing(
    "use_chezmoi: memory and skill init deploy through chezmoi apply",
    "chezmoi",
    HAVE_CHEZMOI,
  ),
  {
    ignore: !HAVE_CHEZMOI,
  },
  async () => {
    await using sb = await makeSandbox();
    const { source, project } = await setup(sb);
    const memory = await runSase(["memory", "init", "-C"], { env: sb.env, cwd: project });
    assertEquals(memory.code, 0, memory.stderr);
    assertEquals(await Deno.readTextFile(join(sb.home, "CLAUDE.md")), `@${sb.home}/AGENTS.md\n`);
    assert(await Deno.stat(join(sb.home, "memory", "sase.md")));
    const skills = await runSase(["skill", "init", "-P"], { env: sb.env, cwd: project });
    assertEquals(skills.code, 0, skills.stderr);
    const target = join("dot_claude", "skills", "sase_plan", "SKILL.md");
    assertEquals(
      await Deno.readTextFile(join(sb.home, ".claude", "skills", "sase_plan", "SKILL.md")),
      await Deno.readTextFile(join(source, target)),
    );
  },
);
