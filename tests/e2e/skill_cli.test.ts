import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { makeGitRepo } from "../_helpers/git.ts";
import { join } from "node:path";

function sase(sb: Sandbox, args: string[], env: Record<string, string> = {}, cwd = sb.cwd) {
  return runSase(args, { env: { ...sb.env, ...env }, cwd });
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

/** The handbook's skill targets (7.15), written out here. */
function targets(home: string, skill: string): Record<string, string> {
  return {
    claude: join(home, ".claude", "skills", skill, "SKILL.md"),
    codex: join(home, ".codex", "skills", skill, "SKILL.md"),
    agy: join(home, ".gemini", "antigravity-cli", "skills", skill, "SKILL.md"),
    qwen: join(home, ".qwen", "skills", skill, "SKILL.md"),
    opencode: join(home, ".config", "opencode", "skills", skill, "SKILL.md"),
  };
}

const DIRECTIVE = (name: string) =>
  "Before doing anything else, run this command to record that you are using this skill:\n\n" +
  "```bash\n" +
  `sase skill use ${name} --reason "<one-line reason for using this skill>"\n` +
  "```\n\n";

Deno.test("skill init --dry-run lists every provider's file without writing; --force writes them", async () => {
  await using sb = await makeSandbox();
  const dry = await sase(sb, ["skill", "init", "--dry-run"]);
  assertEquals(dry.code, 0, dry.stderr);
  for (const [provider, path] of Object.entries(targets(sb.home, "sase_git_commit"))) {
    assertStringIncludes(dry.stdout, `missing ${provider.padEnd(8)} ${path}`);
    assertEquals(await exists(path), false, "a dry run writes nothing");
  }
  const hg = targets(sb.home, "sase_hg_commit");
  assertStringIncludes(dry.stdout, hg.agy);
  assert(!dry.stdout.includes(hg.claude), "a provider list limits the targets");

  const init = await sase(sb, ["init", "skills", "--force"]);
  assertEquals(init.code, 0, init.stderr);
  const commit = await Deno.readTextFile(targets(sb.home, "sase_git_commit").claude);
  assert(
    commit.startsWith(
      "---\nname: sase_git_commit\ndescription: Commit changes for git-based VCS via sase commit " +
        "(the only sanctioned commit path on git repos).\n---\n\n" + DIRECTIVE("sase_git_commit") +
        "Commit with `sase commit`",
    ),
    commit,
  );
  const plan = await Deno.readTextFile(targets(sb.home, "sase_plan").codex);
  assert(!plan.includes("sase skill use"), "log_skill_use: false omits the directive");
  assert(plan.startsWith("---\nname: sase_plan\n"), plan);

  const list = await sase(sb, ["skill", "list", "-j"]);
  const wire = JSON.parse(list.stdout);
  const statuses = wire.sources.flatMap((s: { targets: { status: string }[] }) =>
    s.targets.map((t) => t.status)
  );
  assert(statuses.length > 0);
  assertEquals(new Set(statuses), new Set(["current"]));
  assertEquals(wire.deploy_mode, "home");
});

Deno.test("editing a source makes its targets stale; init skips them without --force", async () => {
  await using sb = await makeSandbox();
  const source = join(sb.home, ".xprompts", "team_tool.md");
  await Deno.mkdir(join(source, ".."), { recursive: true });
  await Deno.writeTextFile(
    source,
    '---\nname: team_tool\nskill: ["claude", "codex", "nosuch"]\ndescription: Team tool\n---\n' +
      "Use the team tool from {{ provider_tool }} ({{ provider }}).\n",
  );
  assertEquals((await sase(sb, ["skill", "init", "-p", "claude"])).code, 0);
  const paths = targets(sb.home, "team_tool");
  assertEquals(await exists(paths.codex), false, "-p deploys one provider");
  assertEquals((await sase(sb, ["skill", "init"])).code, 0);
  assertStringIncludes(await Deno.readTextFile(paths.claude), "from Claude Code (claude).");
  assertStringIncludes(await Deno.readTextFile(paths.codex), "(codex).");

  const status = async () => {
    const wire = JSON.parse((await sase(sb, ["skill", "list", "-j"])).stdout);
    const mine = wire.sources.find((s: { name: string }) => s.name === "team_tool");
    return mine.targets.map((t: { provider: string; status: string }) =>
      `${t.provider}:${t.status}`
    );
  };
  assertEquals(await status(), ["claude:current", "codex:current"]);
  await Deno.writeTextFile(
    source,
    (await Deno.readTextFile(source)).replace("Use the", "Always use the"),
  );
  assertEquals(await status(), ["claude:stale", "codex:stale"]);

  const skipped = await sase(sb, ["skill", "init"]);
  assertEquals(skipped.code, 0, skipped.stderr);
  assertStringIncludes(
    skipped.stdout,
    `skipped claude ${paths.claude} (differs; pass --force to overwrite)`,
  );
  assertEquals(await status(), ["claude:stale", "codex:stale"]);
  assertEquals((await sase(sb, ["skill", "init", "--force"])).code, 0);
  assertEquals(await status(), ["claude:current", "codex:current"]);
  assertStringIncludes(await Deno.readTextFile(paths.claude), "Always use the team tool");
  const bad = await sase(sb, ["skill", "list", "-p", "nosuch"]);
  assertEquals(bad.code, 2);
  assertStringIncludes(bad.stderr, "unknown skill provider 'nosuch'");
});

Deno.test("skill use records an attributed row; skill log filters by runtime", async () => {
  await using sb = await makeSandbox();
  const work = await makeGitRepo(join(sb.root, "proj"), sb.env);
  const anonymous = await sase(sb, ["skill", "use", "sase_plan", "-r", "plan it"], {}, work);
  assertEquals(anonymous.code, 2);
  assertStringIncludes(anonymous.stderr, "skill uses require agent attribution");
  const blank = await sase(
    sb,
    ["skill", "use", "sase_plan", "-r", " "],
    { SASE_AGENT_NAME: "a" },
    work,
  );
  assertEquals(blank.code, 2);
  assertStringIncludes(blank.stderr, "reason must not be empty");

  const run = join(sb.root, "run");
  await Deno.mkdir(run);
  await Deno.writeTextFile(
    join(run, "agent_meta.json"),
    JSON.stringify({ name: "cdx-1", llm_provider: "codex" }),
  );
  const byCodex = await sase(sb, ["skill", "use", "sase_git_commit", "-r", "commit", "-j"], {
    SASE_ARTIFACTS_DIR: run,
  }, work);
  assertEquals(byCodex.code, 0, byCodex.stderr);
  const event = JSON.parse(byCodex.stdout).event;
  assertEquals([event.skill_name, event.agent_name, event.runtime], [
    "sase_git_commit",
    "cdx-1",
    "codex",
  ]);
  assertEquals(
    (await sase(
      sb,
      ["skill", "use", "sase_plan", "-r", "plan"],
      { SASE_AGENT_NAME: "cld-2" },
      work,
    )).code,
    0,
  );

  const rows = (await Deno.readTextFile(join(sb.saseHome, "projects", "proj", "skill_uses.jsonl")))
    .trim().split("\n").map((l) => JSON.parse(l));
  assertEquals(rows.map((r) => r.skill_name), ["sase_git_commit", "sase_plan"]);
  const codex = JSON.parse(
    (await sase(sb, ["skill", "log", "--runtime", "codex", "-j"], {}, work)).stdout,
  );
  assertEquals(codex.events.map((e: { agent_name: string }) => e.agent_name), ["cdx-1"]);
  const unknown = JSON.parse(
    (await sase(sb, ["skill", "log", "--runtime", "unknown", "-j"], {}, work)).stdout,
  );
  assertEquals(unknown.events.map((e: { agent_name: string }) => e.agent_name), ["cld-2"]);
  const summary = await sase(sb, ["skill", "log"], {}, work);
  assertStringIncludes(summary.stdout, "sase_git_commit  1     1");
});
