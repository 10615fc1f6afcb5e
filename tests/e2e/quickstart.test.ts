/**
 * The "[01] Hello, SASE — Your First 15 Minutes" journey, step by step, with
 * the offline `fakey` provider standing in for a real agent CLI.
 */

import { join } from "node:path";
import { assert, assertEquals, assertMatch, assertStringIncludes } from "../_helpers/assert.ts";
import { runSase } from "../_helpers/cli.ts";
import { git, makeGitRepo } from "../_helpers/git.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";

Deno.test("Hello, SASE: version, doctor, a first agent, its record, an edit, an xprompt, beads", async () => {
  await using sb = await makeSandbox();
  await sb.write("home/.config/sase/sase.yml", "llm_provider:\n  provider: fakey\n");
  const repo = await makeGitRepo(join(sb.root, "hello"), sb.env, {
    "README.md": "# hello\n\nA tiny project.\n",
  });
  const sase = async (...args: string[]) => {
    const result = await runSase(args, { env: sb.env, cwd: repo });
    assertEquals(result.code, 0, `sase ${args.join(" ")}: ${result.stderr}`);
    return result.stdout;
  };

  // Step 1: the CLI is installed.
  assertMatch(await sase("version"), /sase \d+\.\d+\.\d+/);

  // Step 2: the doctor finds a usable provider (fakey, chosen in sase.yml).
  const doctor = JSON.parse(await sase("doctor", "-j", "-C", "llm"));
  const llm = doctor.checks.find((check: { id: string }) => check.id === "llm.default");
  assertEquals(llm.status, "OK", JSON.stringify(llm));
  assertStringIncludes(llm.summary, "fakey");

  // Step 3: a safe, read-only first agent in an explicit workspace.
  const reply = await sase(
    "run",
    `#cd:${repo} summarize what this repository does; do not change files`,
  );
  assertStringIncludes(reply, "Hello from fakey. You asked: summarize what this repository does");
  const listed = await sase("agent", "list");
  assertMatch(listed, /\b0\s+hello\s+DONE\s+reply\s+fakey/);
  const [first] = JSON.parse(await sase("agent", "list", "-j"));
  assertEquals([first.name, first.status], ["0", "DONE"]);
  // The durable record: prompt, reply, artifacts dir, status and workspace path.
  const shown = JSON.parse(await sase("agent", "show", "0", "-j"));
  assertEquals([shown.agent.status, shown.agent.workspace_dir], ["DONE", repo]);
  assertStringIncludes(shown.prompt, "summarize what this repository does");
  assertStringIncludes(shown.reply_tail, "Hello from fakey.");
  assert(await Deno.stat(join(shown.agent.artifacts_dir, "done.json")).then(() => true));
  assertEquals(shown.artifacts[0].kind, "chat");
  assertStringIncludes(await sase("agent", "show", "0"), repo);
  assertEquals((await git(repo, sb.env, "status", "--porcelain")).trim(), "");

  // Step 5: a tiny edit; the agent commits its change (the commit finalizer sees to it).
  await sase("run", `#cd:${repo} %m:fakey/edit make a tiny documentation-only improvement`);
  assertEquals((await git(repo, sb.env, "status", "--porcelain")).trim(), "");
  assertStringIncludes(await git(repo, sb.env, "log", "--stat", "-1"), "fakey_edit.txt");

  // Step 6: the prompt, reused as an xprompt.
  await Deno.mkdir(join(repo, "xprompts"));
  await Deno.writeTextFile(
    join(repo, "xprompts", "docstring.md"),
    "Add a one-line docstring to the most recently edited Python function in this repo.\n",
  );
  const viaXPrompt = await sase("run", `#cd:${repo} #docstring`);
  assertStringIncludes(viaXPrompt, "You asked: Add a one-line docstring");
  // The user's own xprompt file was there before the run: it stays theirs, uncommitted.
  assertEquals(
    await git(repo, sb.env, "status", "--porcelain", "--untracked-files=all"),
    "?? xprompts/docstring.md\n",
  );
  assert(!(await git(repo, sb.env, "log", "--stat")).includes("docstring.md"));
  assertEquals(JSON.parse(await sase("agent", "list", "-j")).length, 3);

  // Step 7: beads.
  assertStringIncludes(await sase("bead", "onboard"), "sase bead");
  await sase("bead", "init");
  assertStringIncludes(
    await sase("bead", "create", "-t", "Document the API", "-T", "plan(sdd/tales/202611/api.md)"),
    "Created hello-1",
  );
  // Ready work is open (or triaged ready) with every dependency closed (handbook 9.3.3).
  assertStringIncludes(await sase("bead", "ready"), "hello-1");
  await sase("bead", "update", "hello-1", "-s", "ready");
  assertStringIncludes(await sase("bead", "ready"), "hello-1");
  assertStringIncludes(await sase("bead", "show", "hello-1"), "Document the API");
});
