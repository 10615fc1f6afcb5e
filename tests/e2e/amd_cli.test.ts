import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { makeGitRepo } from "../_helpers/git.ts";
import { join } from "node:path";

const PROVIDERS = ["CLAUDE.md", "GEMINI.md", "QWEN.md", "OPENCODE.md"];

function sase(sb: Sandbox, cwd: string, args: string[]) {
  return runSase(args, { env: sb.env, cwd });
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

async function project(sb: Sandbox, files: Record<string, string> = {}): Promise<string> {
  return await makeGitRepo(join(sb.root, "proj"), sb.env, { "README.md": "# p\n", ...files });
}

Deno.test("amd init: project shims import @AGENTS.md; --check reports drift, then is current", async () => {
  await using sb = await makeSandbox();
  const dir = await project(sb, { "AGENTS.md": "# Mine\n" });
  const check = await sase(sb, dir, ["amd", "init", "--check"]);
  assertEquals(check.code, 1);
  assertStringIncludes(check.stdout, `create ${join(dir, "CLAUDE.md")} (provider shim)`);
  assertEquals(await exists(join(dir, "CLAUDE.md")), false);
  const init = await sase(sb, dir, ["init", "amd"]);
  assertEquals(init.code, 0, init.stderr);
  for (const file of PROVIDERS) {
    assertEquals(await Deno.readTextFile(join(dir, file)), "@AGENTS.md\n");
  }
  assertEquals(
    await Deno.readTextFile(join(dir, "AGENTS.md")),
    "# Mine\n",
    "no title: AGENTS.md untouched",
  );
  const again = await sase(sb, dir, ["amd", "init", "-c"]);
  assertEquals(again.code, 0);
  assertStringIncludes(again.stdout, "AMD init is current");
});

Deno.test("amd init in the live home writes absolute imports", async () => {
  await using sb = await makeSandbox();
  await Deno.writeTextFile(join(sb.home, "AGENTS.md"), "# Home\n");
  const init = await sase(sb, sb.home, ["amd", "init"]);
  assertEquals(init.code, 0, init.stderr);
  for (const file of PROVIDERS) {
    assertEquals(await Deno.readTextFile(join(sb.home, file)), `@${sb.home}/AGENTS.md\n`);
  }
});

Deno.test("use_chezmoi: the chezmoi source gets .tpl shims; from the home only the source is written", async () => {
  await using sb = await makeSandbox();
  await Deno.writeTextFile(join(sb.configDir, "sase.yml"), "use_chezmoi: true\n");
  const source = join(sb.home, ".local", "share", "chezmoi", "home");
  await Deno.mkdir(join(source, "dot_config", "sase"), { recursive: true });
  await Deno.writeTextFile(
    join(source, "dot_config", "sase", "sase.yml"),
    "amd_h1_title: Dotfiles Agents\n",
  );
  const fromHome = await sase(sb, sb.home, ["amd", "init"]);
  assertEquals(fromHome.code, 0, fromHome.stderr);
  for (const file of PROVIDERS) {
    assertEquals(
      await Deno.readTextFile(join(source, `${file}.tpl`)),
      "@{{ .chezmoi.homeDir }}/AGENTS.md\n",
    );
    assertEquals(await exists(join(sb.home, file)), false, "the live home is not written");
  }
  const agents = await Deno.readTextFile(join(source, "AGENTS.md"));
  assert(agents.startsWith("# Dotfiles Agents\n"), "the source title comes from dot_config/sase");
  assertStringIncludes(agents, "<!-- sase-amd:short-memory:start -->");

  const dir = await project(sb, { "AGENTS.md": "# P\n" });
  const fromProject = await sase(sb, dir, ["amd", "init", "-j"]);
  const wire = JSON.parse(fromProject.stdout);
  assertEquals(wire.roots.map((r: { kind: string }) => r.kind), ["project", "chezmoi"]);
  assertEquals(await Deno.readTextFile(join(dir, "CLAUDE.md")), "@AGENTS.md\n");
});

Deno.test("exactly one custom provider file is migrated into AGENTS.md", async () => {
  await using sb = await makeSandbox();
  const dir = await project(sb, {
    "CLAUDE.md": "# Claude rules\n\nBe brief.\n",
    "GEMINI.md": "@AGENTS.md\n",
  });
  const init = await sase(sb, dir, ["amd", "init"]);
  assertEquals(init.code, 0, init.stderr);
  assertStringIncludes(init.stdout, "(migrated from CLAUDE.md)");
  assertEquals(await Deno.readTextFile(join(dir, "AGENTS.md")), "# Claude rules\n\nBe brief.\n");
  for (const file of PROVIDERS) {
    assertEquals(await Deno.readTextFile(join(dir, file)), "@AGENTS.md\n");
  }
});

Deno.test("several custom provider files block without writing anything", async () => {
  await using sb = await makeSandbox();
  const dir = await project(sb, { "CLAUDE.md": "claude rules\n", "GEMINI.md": "gemini rules\n" });
  const init = await sase(sb, dir, ["amd", "init"]);
  assertEquals(init.code, 1);
  assertStringIncludes(
    init.stderr,
    "several provider files hold custom instructions (CLAUDE.md, GEMINI.md) and there is no AGENTS.md; " +
      "AMD will not guess which one becomes AGENTS.md",
  );
  assertEquals(await exists(join(dir, "AGENTS.md")), false);
  assertEquals(await exists(join(dir, "QWEN.md")), false);
  assertEquals(await Deno.readTextFile(join(dir, "CLAUDE.md")), "claude rules\n");
});

Deno.test("a title only in the user config does not opt a project in; its own sase.yml does", async () => {
  await using sb = await makeSandbox();
  await Deno.writeTextFile(join(sb.configDir, "sase.yml"), "amd_h1_title: Global Title\n");
  const dir = await project(sb, {
    "memory/notes.md": "---\ntype: long\ndescription: Team notes\n---\nx\n",
    "memory/rules.md": "---\ntype: short\n---\nr\n",
  });
  assertEquals((await sase(sb, dir, ["amd", "init"])).code, 0);
  assertEquals(await exists(join(dir, "AGENTS.md")), false, "the global title is ignored");
  await Deno.writeTextFile(join(dir, "sase.yml"), "amd_h1_title: Local Title\n");
  assertEquals((await sase(sb, dir, ["amd", "init"])).code, 0);
  const agents = await Deno.readTextFile(join(dir, "AGENTS.md"));
  assert(agents.startsWith("# Local Title\n"), agents);
  assertStringIncludes(
    agents,
    "<!-- sase-amd:short-memory:start -->\n\n- @memory/sase.md\n- @memory/rules.md\n<!-- sase-amd:short-memory:end -->",
  );
  assertStringIncludes(agents, "**`memory/notes.md`**  \nTeam notes\n");
  // Text outside the markers is kept when the blocks are refreshed.
  await Deno.writeTextFile(join(dir, "AGENTS.md"), agents + "\n## My own section\n\nKeep me.\n");
  await Deno.writeTextFile(
    join(dir, "memory", "more.md"),
    "---\ntype: long\ndescription: More\n---\n",
  );
  assertEquals((await sase(sb, dir, ["amd", "init"])).code, 0);
  const refreshed = await Deno.readTextFile(join(dir, "AGENTS.md"));
  assertStringIncludes(refreshed, "**`memory/more.md`**  \nMore\n");
  assertStringIncludes(refreshed, "## My own section\n\nKeep me.\n");
});

Deno.test("amd list: scopes, titles, managed state, memory references and shims", async () => {
  await using sb = await makeSandbox();
  const dir = await project(sb, {
    "AGENTS.md": "# Root Rules\n\n@memory/a.md\nsee memory/b.md and memory/c.md\n",
    "CLAUDE.md": "@AGENTS.md\n",
    "GEMINI.md": "custom\n",
    "sub/AGENTS.md": "no title here\n",
    "node_modules/x/AGENTS.md": "# skipped\n",
  });
  await Deno.writeTextFile(join(sb.home, "AGENTS.md"), "# Home\n");
  const list = await sase(sb, dir, ["amd", "list", "-j"]);
  assertEquals(list.code, 0, list.stderr);
  const docs = JSON.parse(list.stdout).documents;
  assertEquals(docs.map((d: { scope: string; display: string }) => [d.scope, d.display]), [
    ["project", "AGENTS.md"],
    ["project-subdir", "sub/AGENTS.md"],
    ["home", "AGENTS.md"],
  ]);
  assertEquals(docs[0].title, "Root Rules");
  assertEquals(docs[0].managed, "custom");
  assertEquals([docs[0].short_refs, docs[0].long_refs], [1, 2]);
  assertEquals(docs[0].shims.map((s: { status: string }) => s.status), [
    "exact",
    "custom",
    "missing",
    "missing",
  ]);
  assertEquals(docs[1].title, null);
  const bare = await sase(sb, dir, ["amd"]);
  assertStringIncludes(bare.stdout, "project         AGENTS.md      Root Rules");
});
