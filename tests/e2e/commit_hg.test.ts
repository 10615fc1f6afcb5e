/**
 * `sase commit` end to end in a Mercurial workspace: the real CLI as a
 * subprocess, a real `hg` with the site's wrapper scripts and extension
 * stood in by the test (tests/providers/vcs/_hg.ts), recording into a
 * ProjectSpec's ChangeSpec.
 */

import { assertEquals, assertMatch, assertStringIncludes } from "../_helpers/assert.ts";
import { runSase } from "../_helpers/cli.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { hgAvailable, hgWorkspace } from "../providers/vcs/_hg.ts";
import { join } from "node:path";

const HOST = Deno.hostname();

async function setup(sb: Sandbox) {
  const ws = await hgWorkspace(sb, { site: true });
  const projectFile = await sb.write(
    "home/.sase/projects/proj/proj.sase",
    `WORKSPACE_DIR: ${ws.repo}\n\n\nNAME: my_cl\nDESCRIPTION:\n  The change.\nSTATUS: WIP\n`,
  );
  const env = {
    ...ws.env,
    SASE_AGENT_NAME: "bot",
    SASE_AGENT_PROJECT_FILE: projectFile,
    SASE_AGENT_CL_NAME: "my_cl",
  };
  return { ...ws, projectFile, env };
}

/** The lines of `field` in spec `name` of `file`. */
async function section(file: string, name: string, field: string): Promise<string[]> {
  const text = await Deno.readTextFile(file);
  const lines = text.slice(text.indexOf(`NAME: ${name}\n`)).split("\n");
  const start = lines.indexOf(`${field}:`);
  if (start < 0) return [];
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith(" ")) break;
    out.push(line);
  }
  return out;
}

Deno.test({
  name:
    "sase commit in an hg workspace: hg commit --name + mail, exit 0, the COMMITS entry; nothing to commit exits 1",
  ignore: !hgAvailable,
  async fn() {
    await using sb = await makeSandbox();
    const ws = await setup(sb);
    await Deno.writeTextFile(join(ws.repo, "a.txt"), "a\nfrom sase\n");
    const result = await runSase(["commit", "-m", "feat: hg x"], { env: ws.env, cwd: ws.repo });
    assertEquals(result.code, 0, result.stderr);
    const node = (await ws.hg("log", "-r", ".", "-T", "{node|short}")).trim();
    assertEquals(
      await ws.hg("log", "-r", ".", "-T", "{desc}"),
      `feat: hg x\n\nAGENT=bot\nMACHINE=${HOST}`,
    );
    assertEquals(await ws.named(), [["my_cl", node]]);
    assertEquals(await ws.mailed(), ["my_cl"]);
    assertStringIncludes(result.stdout, `committed ${node}: feat: hg x`);
    const commits = await section(ws.projectFile, "my_cl", "COMMITS");
    assertEquals(commits[0], "  (1) feat: hg x");
    assertMatch(commits[1], /^ {6}\| DIFF: ~\/\.sase\/diffs\/\d{6}\/my_cl-\d{6}_\d{6}\.diff$/);
    assertEquals(commits.length, 2);
    const diff = await Deno.readTextFile(join(sb.home, commits[1].split("~/")[1]));
    assertStringIncludes(diff, "+from sase");
    assertMatch(
      (await section(ws.projectFile, "my_cl", "TIMESTAMPS"))[0],
      /^ {2}\[\d{6}_\d{6}\] COMMIT \(1\)$/,
    );

    const nothing = await runSase(["commit", "-m", "feat: none"], { env: ws.env, cwd: ws.repo });
    assertEquals(nothing.code, 1, nothing.stderr);
    assertStringIncludes(nothing.stderr, "create_commit failed: No staged changes to commit");
    assertEquals(await ws.mailed(), ["my_cl"]);
    assertEquals((await section(ws.projectFile, "my_cl", "COMMITS")).length, 2);
  },
});

Deno.test({
  name:
    "sase commit -t propose in an hg workspace: the diff saved, sase_hg_clean run, (1a) recorded",
  ignore: !hgAvailable,
  async fn() {
    await using sb = await makeSandbox();
    const ws = await setup(sb);
    await Deno.writeTextFile(join(ws.repo, "a.txt"), "a\nfirst\n");
    const first = await runSase(["commit", "-m", "feat: first"], { env: ws.env, cwd: ws.repo });
    assertEquals(first.code, 0, first.stderr);
    await Deno.writeTextFile(join(ws.repo, "n.txt"), "proposed\n");
    const result = await runSase(["commit", "-t", "propose", "-m", "feat: idea"], {
      env: ws.env,
      cwd: ws.repo,
    });
    assertEquals(result.code, 0, result.stderr);
    assertEquals(await ws.hg("status"), "");
    const clean = await ws.recorded();
    assertEquals(clean.length, 1);
    assertEquals(clean[0][0], "sase_hg_clean");
    assertMatch(clean[0][1], /^my_cl-\d{6}_\d{6}$/);
    const commits = await section(ws.projectFile, "my_cl", "COMMITS");
    const proposal = commits.indexOf("  (1a) feat: idea - (!: NEW PROPOSAL)");
    assertEquals(proposal, 2, commits.join("\n"));
    const drawer = commits[proposal + 1];
    assertMatch(drawer, /^ {6}\| DIFF: ~\/\.sase\/diffs\/\d{6}\/my_cl-\d{6}_\d{6}\.diff$/);
    assertStringIncludes(drawer, `/${clean[0][1]}.diff`);
    const saved = await Deno.readTextFile(join(sb.home, drawer.split("~/")[1]));
    assertStringIncludes(saved, "diff --git a/n.txt b/n.txt\nnew file mode 100644");
    // Nothing was committed for the proposal.
    assertEquals((await ws.named()).length, 1);
  },
});

Deno.test({
  name:
    "sase commit -t pr in an hg workspace fails with 'unsupported' (handbook: not supported natively), changing nothing",
  ignore: !hgAvailable,
  async fn() {
    await using sb = await makeSandbox();
    const ws = await setup(sb);
    await Deno.writeTextFile(join(ws.repo, "a.txt"), "a\npr attempt\n");
    const before = await Deno.readTextFile(ws.projectFile);
    const result = await runSase(["commit", "-t", "pr", "-n", "feat", "-m", "feat: pr"], {
      env: { ...ws.env, SASE_AGENT_CL_NAME: "" },
      cwd: ws.repo,
    });
    assertEquals(result.code, 1, result.stderr);
    assertStringIncludes(result.stderr, "the hg VCS provider does not support createPullRequest");
    assertEquals(await ws.named(), []);
    assertEquals(await ws.mailed(), []);
    // The work is still there, uncommitted, and no ChangeSpec (or reservation) was written.
    assertEquals((await ws.hg("status")).trim(), "M a.txt");
    assertEquals(await Deno.readTextFile(ws.projectFile), before);
  },
});
