/**
 * `sase commit` end to end (handbook 13; the automation guide's acceptance
 * 17-21): the real CLI as a subprocess against a real clone of a bare
 * `origin`, in a throwaway home, with a ProjectSpec whose ChangeSpec the
 * runs record into.
 */

import { assert, assertEquals, assertMatch, assertStringIncludes } from "../_helpers/assert.ts";
import { type CliResult, runSase } from "../_helpers/cli.ts";
import { git, makeRepoWithOrigin } from "../_helpers/git.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { basename, join } from "node:path";
import { runDirs } from "../_helpers/runs.ts";

const HOST = Deno.hostname();

/** A checkout with origin, a project `proj` whose WORKSPACE_DIR it is, and ChangeSpec `feat`. */
async function setup(sb: Sandbox, extraSpecs = "") {
  const { work, origin } = await makeRepoWithOrigin(sb.root, sb.env, {
    "a.txt": "a\n",
    "gone.txt": "bye\n",
  });
  const projectFile = await sb.write(
    "home/.sase/projects/proj/proj.sase",
    `WORKSPACE_DIR: ${work}\n\n\nNAME: feat\nDESCRIPTION:\n  The feature.\nSTATUS: WIP\n${extraSpecs}`,
  );
  const artifacts = join(sb.root, "artifacts");
  await Deno.mkdir(artifacts);
  const agentEnv = {
    ...sb.env,
    SASE_ARTIFACTS_DIR: artifacts,
    SASE_AGENT_NAME: "bot",
    SASE_AGENT_PROJECT_FILE: projectFile,
    SASE_AGENT_CL_NAME: "feat",
  };
  return { work, origin, projectFile, artifacts, agentEnv };
}

const commit = (args: string[], env: Record<string, string>, cwd: string) =>
  runSase(["commit", ...args], { env, cwd });

function ok(result: CliResult): void {
  assertEquals(result.code, 0, `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
}

async function readJson(path: string): Promise<Record<string, unknown>> {
  return JSON.parse(await Deno.readTextFile(path));
}

async function missing(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => false, () => true);
}

const subject = (cwd: string, sb: Sandbox, ref = "HEAD") =>
  git(cwd, sb.env, "log", "-1", "--format=%s", ref).then((s) => s.trim());

/** The COMMITS section of `name` in `file` (the lines after `COMMITS:` up to the next field). */
async function section(file: string, name: string, field: string): Promise<string[]> {
  const text = await Deno.readTextFile(file);
  const spec = text.slice(text.indexOf(`NAME: ${name}\n`));
  const lines = spec.split("\n");
  const start = lines.indexOf(`${field}:`);
  if (start < 0) return [];
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith(" ")) break;
    out.push(line);
  }
  return out;
}

Deno.test("acceptance 17: a commit is pushed with AGENT/MACHINE trailers, recorded as (1) and in commit_result.json", async () => {
  await using sb = await makeSandbox();
  const { work, origin, projectFile, artifacts, agentEnv } = await setup(sb);
  await Deno.writeTextFile(join(work, "a.txt"), "a changed\n");
  const result = await commit(["-m", "feat: x", "-t", "commit"], agentEnv, work);
  ok(result);
  // What reached origin: the message with the runtime trailers last.
  assertEquals(
    await git(origin, sb.env, "log", "-1", "--format=%B", "main"),
    `feat: x\n\nAGENT=bot\nMACHINE=${HOST}\n\n`,
  );
  const hash = (await git(origin, sb.env, "rev-parse", "--short", "main")).trim();
  const marker = await readJson(join(artifacts, "commit_result.json"));
  const diffPath = marker.diff_path as string;
  assertEquals(marker, {
    method: "create_commit",
    result: hash,
    commit_result: hash,
    message: `feat: x\n\nAGENT=bot\nMACHINE=${HOST}`,
    name: "",
    bead_id: "",
    changespec_name: null,
    commit_changespec_name: null,
    entry_id: "1",
    commit_entry_id: "1",
    diff_path: diffPath,
    commit_diff_path: diffPath,
  });
  // The pre-dispatch diff: ~/.sase/diffs/YYYYMM/<cl>-<YYMMDD_HHMMSS>.diff.
  assertMatch(diffPath, new RegExp(`^${sb.saseHome}/diffs/\\d{6}/feat-\\d{6}_\\d{6}\\.diff$`));
  assertStringIncludes(await Deno.readTextFile(diffPath), "+a changed");
  assertEquals(await section(projectFile, "feat", "COMMITS"), [
    "  (1) feat: x",
    `      | DIFF: ~${diffPath.slice(sb.home.length)}`,
  ]);
  const stamps = await section(projectFile, "feat", "TIMESTAMPS");
  assertEquals(stamps.length, 1);
  assertMatch(stamps[0], /^ {2}\[\d{6}_\d{6}\] COMMIT \(1\)$/);
  assert(await missing(join(artifacts, "commit_state.json")), "no checkpoint is left");
  assertStringIncludes(result.stdout, `committed ${hash}: feat: x`);
});

Deno.test("acceptance 18: -m with -M is a usage error; nothing staged fails with exit 1 and leaves nothing", async () => {
  await using sb = await makeSandbox();
  const { work, artifacts, agentEnv } = await setup(sb);
  const messageFile = join(sb.root, "msg.md");
  await Deno.writeTextFile(messageFile, "feat: from file\n");
  const both = await commit(["-m", "feat: x", "-M", messageFile], agentEnv, work);
  assertEquals(both.code, 2);
  assertStringIncludes(both.stderr, "-m/--message and -M/--message-file are mutually exclusive");

  const nothing = await commit(["-M", messageFile], agentEnv, work);
  assertEquals(nothing.code, 1, nothing.stderr);
  assertStringIncludes(nothing.stderr, "create_commit failed: No staged changes to commit");
  assert(await missing(join(artifacts, "commit_state.json")), "a failure leaves no checkpoint");
  assert(await missing(join(artifacts, "commit_result.json")), "nor a result marker");
  assertEquals(await subject(work, sb), "initial commit");

  const noFile = await commit(["-M", join(sb.root, "absent.md")], agentEnv, work);
  assertEquals(noFile.code, 1);
  assertStringIncludes(noFile.stderr, `message file not found: ${join(sb.root, "absent.md")}`);
});

Deno.test("acceptance 18: a method that disagrees with SASE_COMMIT_METHOD is refused unless the override is set", async () => {
  await using sb = await makeSandbox();
  const { work, origin, agentEnv } = await setup(sb);
  await Deno.writeTextFile(join(work, "a.txt"), "changed\n");
  const env = { ...agentEnv, SASE_COMMIT_METHOD: "create_proposal" };
  const refused = await commit(["-m", "feat: x", "-t", "commit"], env, work);
  assertEquals(refused.code, 1);
  assertStringIncludes(
    refused.stderr,
    "conflicting commit methods: -t/--type resolved to 'create_commit' but SASE_COMMIT_METHOD resolved to 'create_proposal'",
  );
  assertEquals(await git(work, sb.env, "status", "--porcelain"), " M a.txt\n");
  // The aliases agree with the full names.
  const same = await commit(["-m", "feat: x", "-t", "propose", "--json"], env, work);
  ok(same);
  assertEquals(JSON.parse(same.stdout).method, "create_proposal");
  await Deno.writeTextFile(join(work, "a.txt"), "changed again\n");
  const allowed = await commit(
    ["-m", "feat: y", "-t", "commit"],
    { ...env, SASE_COMMIT_METHOD_ALLOW_OVERRIDE: "1" },
    work,
  );
  ok(allowed);
  assertEquals(await subject(origin, sb, "main"), "feat: y");
});

Deno.test("acceptance 18: SASE_BEAD_ID lands in the first line and the bead is closed with its store committed", async () => {
  await using sb = await makeSandbox();
  const { work, origin, agentEnv } = await setup(sb);
  ok(await runSase(["bead", "init", "--prefix", "b"], { env: sb.env, cwd: work }));
  const created = await runSase(
    ["bead", "create", "-t", "Do x", "-T", "plan(sdd/tales/x.md)", "-j"],
    { env: sb.env, cwd: work },
  );
  ok(created);
  const id = JSON.parse(created.stdout).id as string;
  await git(work, sb.env, "add", "-A");
  await git(work, sb.env, "commit", "-qm", "chore: beads");
  await git(work, sb.env, "push", "-q", "origin", "main");
  await Deno.writeTextFile(join(work, "a.txt"), "done\n");
  ok(
    await commit(["-m", "feat: x\n\nwhy", "-f", "a.txt"], { ...agentEnv, SASE_BEAD_ID: id }, work),
  );
  assertEquals(await subject(origin, sb, "main"), `feat: x (${id})`);
  const shown = await runSase(["bead", "show", id, "-j"], { env: sb.env, cwd: work });
  assertEquals(JSON.parse(shown.stdout).status, "closed");
  // The closing events rode along with the commit (-f named only a.txt).
  const files = (await git(origin, sb.env, "show", "--name-only", "--format=", "main")).trim()
    .split("\n");
  assert(files.includes("a.txt"), files.join(","));
  assert(files.some((file) => file.startsWith("sdd/beads/")), files.join(","));
  assertEquals(await git(work, sb.env, "status", "--porcelain"), "");
});

Deno.test("acceptance 19: propose saves the diff, cleans the tree and adds (1a) ... - (!: NEW PROPOSAL) without trailers", async () => {
  await using sb = await makeSandbox();
  const { work, projectFile, artifacts, agentEnv } = await setup(sb);
  await Deno.writeTextFile(join(work, "a.txt"), "first\n");
  ok(await commit(["-m", "feat: first"], agentEnv, work));
  const head = await git(work, sb.env, "rev-parse", "HEAD");
  await Deno.writeTextFile(join(work, "a.txt"), "proposed\n");
  await Deno.writeTextFile(join(work, "new.txt"), "brand new\n");
  await Deno.remove(join(work, "gone.txt"));
  const result = await commit(["-t", "propose", "-m", "wip: try it"], agentEnv, work);
  ok(result);
  const marker = await readJson(join(artifacts, "commit_result.json"));
  const saved = marker.result as string;
  assertEquals(marker.method, "create_proposal");
  assertEquals(marker.diff_path, saved);
  assertEquals(marker.entry_id, "1a");
  assertEquals(marker.message, "wip: try it");
  assertMatch(saved, new RegExp(`^${sb.saseHome}/diffs/\\d{6}/feat-\\d{6}_\\d{6}\\.diff$`));
  const diff = await Deno.readTextFile(saved);
  for (const part of ["+proposed", "+++ b/new.txt", "--- a/gone.txt"]) {
    assertStringIncludes(diff, part);
  }
  assert(!/AGENT=|MACHINE=/.test(diff));
  assertEquals(await git(work, sb.env, "status", "--porcelain"), "");
  assertEquals(await git(work, sb.env, "rev-parse", "HEAD"), head);
  const commits = await section(projectFile, "feat", "COMMITS");
  assertEquals(commits.slice(-2), [
    "  (1a) wip: try it - (!: NEW PROPOSAL)",
    `      | DIFF: ~${saved.slice(sb.home.length)}`,
  ]);
  // The saved diff brings the proposal back.
  await git(work, sb.env, "apply", saved);
  assertEquals(await Deno.readTextFile(join(work, "new.txt")), "brand new\n");
});

/** A conflict: origin's main changed a.txt one way, the checkout the other. */
async function conflicted(sb: Sandbox) {
  const base = await setup(sb);
  const other = join(sb.root, "other");
  await git(sb.root, sb.env, "clone", "-q", base.origin, other);
  await Deno.writeTextFile(join(other, "a.txt"), "theirs\n");
  await git(other, sb.env, "commit", "-qam", "upstream: a");
  await git(other, sb.env, "push", "-q", "origin", "main");
  await Deno.writeTextFile(join(base.work, "a.txt"), "ours\n");
  const stopped = await commit(["-m", "feat: ours"], base.agentEnv, base.work);
  return { ...base, stopped };
}

Deno.test("acceptance 20: a conflict with origin/<default> exits 2 and keeps the checkpoint; --resume finishes once resolved", async () => {
  await using sb = await makeSandbox();
  const { work, origin, projectFile, artifacts, agentEnv, stopped } = await conflicted(sb);
  assertEquals(stopped.code, 2, stopped.stderr);
  assertStringIncludes(
    stopped.stderr,
    "create_commit hit a merge conflict: rebasing onto origin/main",
  );
  assertStringIncludes(stopped.stderr, "sase commit --resume");
  const checkpoint = join(artifacts, "commit_state.json");
  const state = await readJson(checkpoint);
  assertEquals([state.version, state.method, state.cl_name], [1, "create_commit", "feat"]);
  assertEquals(
    (state.payload as Record<string, unknown>).message,
    `feat: ours\n\nAGENT=bot\nMACHINE=${HOST}`,
  );
  assert(await missing(join(artifacts, "commit_result.json")), "nothing is reported as done");
  assertEquals(await subject(origin, sb, "main"), "upstream: a");

  // Markers still in the file: CONFLICT again, the checkpoint stays.
  const markers = await commit(["--resume"], agentEnv, work);
  assertEquals(markers.code, 2);
  assertStringIncludes(markers.stderr, "conflict markers are still in a.txt");
  // Resolved but not staged: still a conflict, with what to do.
  await Deno.writeTextFile(join(work, "a.txt"), "ours and theirs\n");
  const unstaged = await commit(["--resume"], agentEnv, work);
  assertEquals(unstaged.code, 2);
  assertStringIncludes(unstaged.stderr, "resolved files are not staged yet: a.txt");
  assert(!(await missing(checkpoint)));

  await git(work, sb.env, "add", "a.txt");
  const resumed = await commit(["--resume"], agentEnv, work);
  ok(resumed);
  assert(await missing(checkpoint), "the checkpoint is deleted");
  assertEquals(
    (await git(origin, sb.env, "log", "--format=%s", "main")).trim().split("\n"),
    ["feat: ours", "upstream: a", "initial commit"],
  );
  assertEquals(await git(origin, sb.env, "show", "main:a.txt"), "ours and theirs\n");
  const marker = await readJson(join(artifacts, "commit_result.json"));
  assertEquals(marker.result, (await git(origin, sb.env, "rev-parse", "--short", "main")).trim());
  assertEquals(marker.entry_id, "1");
  assertEquals((await section(projectFile, "feat", "COMMITS"))[0], "  (1) feat: ours");
  // Nothing left to resume.
  const again = await commit(["--resume"], agentEnv, work);
  assertEquals(again.code, 1);
  assertStringIncludes(again.stderr, `no commit checkpoint at ${checkpoint}`);
});

Deno.test("acceptance 20: --resume onto a foreign HEAD fails with exit 1", async () => {
  await using sb = await makeSandbox();
  const { work, artifacts, agentEnv, stopped } = await conflicted(sb);
  assertEquals(stopped.code, 2);
  // A new commit would land in the middle of the paused rebase: refused.
  const again = await commit(["-m", "feat: again"], agentEnv, work);
  assertEquals(again.code, 1);
  assertStringIncludes(again.stderr, `a rebase is in progress in ${work}`);
  await git(work, sb.env, "rebase", "--abort");
  await git(work, sb.env, "reset", "-q", "--hard", "origin/main");
  const foreign = await commit(["--resume"], agentEnv, work);
  assertEquals(foreign.code, 1);
  assertStringIncludes(
    foreign.stderr,
    "HEAD is 'upstream: a', not the checkpointed commit 'feat: ours'",
  );
  assert(!(await missing(join(artifacts, "commit_state.json"))), "kept for the user to inspect");
});

/** A `gh` on PATH that logs its argv (NUL-separated, one run per line) and prints a PR URL. */
async function ghStandIn(sb: Sandbox): Promise<{ bin: string; log: string }> {
  const bin = join(sb.root, "bin");
  const log = join(sb.root, "gh.log");
  await Deno.mkdir(bin);
  await Deno.writeTextFile(
    join(bin, "gh"),
    `#!/bin/sh\nfor a in "$@"; do printf '%s\\0' "$a" >> '${log}'; done\necho >> '${log}'\n` +
      `case "$1 $2" in\n  "pr create") echo https://github.com/o/r/pull/7 ;;\n  *) exit 1 ;;\nesac\n`,
    { mode: 0o755 },
  );
  return { bin, log };
}

async function ghCalls(log: string): Promise<string[][]> {
  const text = await Deno.readTextFile(log).catch(() => "");
  return text.split("\0\n").filter(Boolean).map((line) => line.split("\0"));
}

Deno.test("acceptance 21: a PR named after an existing ChangeSpec becomes feat_1, with BUG, a tag-free DESCRIPTION and the (1) [run] Initial Commit entry", async () => {
  await using sb = await makeSandbox();
  const { work, origin, projectFile, artifacts, agentEnv } = await setup(sb);
  const gh = await ghStandIn(sb);
  await Deno.writeTextFile(
    join(artifacts, "agent_meta.json"),
    JSON.stringify({ name: "bot", llm_provider: "claude", model: "opus" }),
  );
  await Deno.writeTextFile(join(work, "f.txt"), "f\n");
  const env = {
    ...agentEnv,
    PATH: `${gh.bin}:${sb.env.PATH}`,
    SASE_BUG_ID: "42",
    SASE_AGENT_CL_NAME: "",
    // No start time in the name: the CHAT drawer is the bare path (no duration).
    SASE_AGENT_CHAT_PATH: join(sb.home, ".sase", "chats", "bot.md"),
  };
  const result = await commit(
    ["-t", "pr", "-n", "feat", "-m", "feat: add f\n\nBody text.", "-s", "ready", "-v", "github"],
    env,
    work,
  );
  ok(result);
  const message = `feat: add f\n\nBody text.\n\nBUG=42\nAGENT=bot\nMACHINE=${HOST}`;
  assertEquals(await git(origin, sb.env, "log", "-1", "--format=%B", "feat_1"), `${message}\n\n`);
  assertEquals((await git(work, sb.env, "branch", "--show-current")).trim(), "feat_1");
  assertEquals(await ghCalls(gh.log), [[
    "pr",
    "create",
    "--title",
    "feat: add f",
    "--body",
    `${message}\n\n---\n**Model:** \`claude/opus\`\n**Agent:** \`bot\``,
  ]]);
  const text = await Deno.readTextFile(projectFile);
  assertStringIncludes(
    text,
    "NAME: feat_1\nDESCRIPTION:\n  feat: add f\n  \n  Body text.\nBUG: http://b/42\n" +
      "PR: https://github.com/o/r/pull/7\nSTATUS: Ready\n",
  );
  assert(!text.includes("STATUS: Reserved"), "the reservation was replaced");
  const marker = await readJson(join(artifacts, "commit_result.json"));
  assertEquals(
    [marker.method, marker.result, marker.name, marker.changespec_name, marker.entry_id],
    ["create_pull_request", "https://github.com/o/r/pull/7", "feat_1", "feat_1", null],
  );
  // Like the original, the new spec starts with `(1) [run] Initial Commit` and the run's drawers,
  // and the entry has its TIMESTAMPS event.
  assert(typeof marker.diff_path === "string" && marker.diff_path.startsWith(`${sb.home}/`));
  assertEquals(await section(projectFile, "feat_1", "COMMITS"), [
    "  (1) [run] Initial Commit",
    "      | CHAT: ~/.sase/chats/bot.md",
    `      | DIFF: ~${marker.diff_path.slice(sb.home.length)}`,
  ]);
  const stamps = await section(projectFile, "feat_1", "TIMESTAMPS");
  assertEquals(stamps.length, 1);
  assertMatch(stamps[0], /^ {2}\[\d{6}_\d{6}\] COMMIT \(1\)$/);
  // The new spec's DELTAS: its change against origin/main.
  assertEquals(await section(projectFile, "feat_1", "DELTAS"), ["  + f.txt", "      | LINES: +1"]);
});

Deno.test("a commit on a ChangeSpec's branch refreshes its DELTAS; PLAN= and the plan drawer come from SASE_PLAN", async () => {
  await using sb = await makeSandbox();
  const { work, projectFile, artifacts } = await setup(sb);
  await git(work, sb.env, "checkout", "-q", "-b", "feat");
  const plan = join(work, "sdd", "tales", "202601", "p.md");
  await Deno.mkdir(join(plan, ".."), { recursive: true });
  await Deno.writeTextFile(plan, "---\nstatus: wip\ntier: tale\n---\n# Plan\n");
  await Deno.writeTextFile(join(work, "a.txt"), "a\nmore\n");
  await Deno.writeTextFile(join(work, "b.txt"), "b\n");
  await git(work, sb.env, "rm", "-q", "gone.txt");
  // No agent variables: the branch names the ChangeSpec, the workspace names the project.
  const env = { ...sb.env, SASE_PLAN: plan, SASE_ARTIFACTS_DIR: artifacts };
  ok(await commit(["-m", "feat: b", "-f", "a.txt", "-f", "b.txt", "-f", "gone.txt"], env, work));
  assertEquals(
    await git(work, sb.env, "log", "-1", "--format=%B"),
    `feat: b\n\nPLAN=sdd/tales/202601/p.md\nMACHINE=${HOST}\n\n`,
  );
  // The plan is done and committed with the change.
  assertEquals(
    await git(work, sb.env, "show", "HEAD:sdd/tales/202601/p.md"),
    "---\nstatus: done\ntier: tale\n---\n# Plan\n",
  );
  assertEquals(await section(projectFile, "feat", "DELTAS"), [
    "  ~ a.txt",
    "      | LINES: +1",
    "  + b.txt",
    "      | LINES: +1",
    "  - gone.txt",
    "      | LINES: -1",
    "  + sdd/tales/202601/p.md",
    "      | LINES: +5",
  ]);
  const commits = await section(projectFile, "feat", "COMMITS");
  assertEquals(commits.length, 4);
  assertEquals(commits.slice(0, 2), ["  (1) feat: b", "      PLAN=sdd/tales/202601/p.md"]);
  assertMatch(commits[2], /^ {6}\| DIFF: ~\/\.sase\/diffs\/\d{6}\/feat-\d{6}_\d{6}\.diff$/);
  assertEquals(commits[3], `      | PLAN: ${plan}`);
});

Deno.test("precommit_command runs before staging; a failing one stops the commit", async () => {
  await using sb = await makeSandbox();
  const { work, origin, agentEnv } = await setup(sb);
  await sb.write("home/.config/sase/sase.yml", "precommit_command: echo fixed > fixed.txt\n");
  await Deno.writeTextFile(join(work, "a.txt"), "x\n");
  ok(await commit(["-m", "feat: fmt"], agentEnv, work));
  assertEquals(
    (await git(origin, sb.env, "show", "--name-only", "--format=", "main")).trim().split("\n"),
    ["a.txt", "fixed.txt"],
  );
  await sb.write("home/.config/sase/sase.yml", "precommit_command: echo lint says no; exit 3\n");
  await Deno.writeTextFile(join(work, "a.txt"), "y\n");
  const failed = await commit(["-m", "feat: no"], agentEnv, work);
  assertEquals(failed.code, 1);
  assertStringIncludes(
    failed.stderr,
    "create_commit failed: precommit command failed (exit 3): echo lint says no; exit 3\nlint says no",
  );
  assertEquals(await subject(origin, sb, "main"), "feat: fmt");
  assertEquals(await git(work, sb.env, "status", "--porcelain"), " M a.txt\n");
});

Deno.test("sase commit -j reports the run with snake_case keys and the meta outputs", async () => {
  await using sb = await makeSandbox();
  const { work, agentEnv } = await setup(sb);
  await Deno.writeTextFile(join(work, "a.txt"), "j\n");
  const result = await commit(["-m", "feat: json", "-j"], agentEnv, work);
  ok(result);
  const out = JSON.parse(result.stdout);
  const hash = (await git(work, sb.env, "rev-parse", "--short", "HEAD")).trim();
  assertEquals(
    [out.schema_version, out.status, out.exit_code, out.resumed, out.result, out.entry_id],
    [1, "ok", 0, false, hash, "1"],
  );
  assertEquals(out.meta, {
    meta_commit_message: `feat: json\n\nAGENT=bot\nMACHINE=${HOST}`,
    meta_new_commit: hash,
    diff_path: out.diff_path,
  });
  assertEquals(out.checkpoint_path, null);
});

Deno.test("a diff that cannot be saved does not stop a commit: it is a warning and no DIFF drawer", async () => {
  await using sb = await makeSandbox();
  const { work, origin, projectFile, agentEnv } = await setup(sb);
  // ~/.sase/diffs is a file: nothing can be saved below it.
  await Deno.writeTextFile(join(sb.saseHome, "diffs"), "in the way\n");
  await Deno.writeTextFile(join(work, "a.txt"), "no diff\n");
  const result = await commit(["-m", "feat: no diff"], agentEnv, work);
  ok(result);
  assertStringIncludes(result.stderr, "warning: diff not saved:");
  assertEquals(await subject(origin, sb, "main"), "feat: no diff");
  assertEquals(await section(projectFile, "feat", "COMMITS"), ["  (1) feat: no diff"]);
});

Deno.test("a fakey agent launched with #commit, then #propose, lands its work through sase commit", async () => {
  await using sb = await makeSandbox();
  const { work, origin, projectFile } = await setup(sb);
  await git(work, sb.env, "checkout", "-q", "-b", "feat");
  // The agent's own `sase commit` writes SASE_HOME and pushes to origin: outside a jail.
  await sb.write("home/.config/sase/sase.yml", "sandbox:\n  mode: permissions\n");
  const messageFile = '"$SASE_ARTIFACTS_DIR/commit_message.md"';
  const agentRun = async (prompt: string, file: string, method: string, message: string) => {
    const steps = [
      { write: file, content: `${file} from the agent` },
      { shell: `printf '%s\\n' '${message}' > ${messageFile}` },
      { shell: `sase commit -t ${method} -M ${messageFile} -f ${file}` },
      { text: "done" },
    ];
    const script = await sb.write(`${method}.json`, JSON.stringify({ steps }));
    const result = await runSase(["run"], {
      env: { ...sb.env, SASE_FAKEY_SCRIPT: script },
      cwd: work,
      stdin: `#cd:${work} %m:fakey/scripted ${prompt}\nplease edit`,
    });
    ok(result);
  };
  await agentRun("#commit", "b.txt", "commit", "feat: by the agent");
  assertEquals(await subject(origin, sb, "feat"), "feat: by the agent");
  assertStringIncludes(await git(origin, sb.env, "log", "-1", "--format=%B", "feat"), "\nAGENT=");
  assertEquals((await section(projectFile, "feat", "COMMITS"))[0], "  (1) feat: by the agent");
  assertEquals(await section(projectFile, "feat", "DELTAS"), ["  + b.txt", "      | LINES: +1"]);

  await agentRun("#propose", "c.txt", "propose", "feat: maybe");
  assertEquals(await git(work, sb.env, "status", "--porcelain"), "");
  const commits = await section(projectFile, "feat", "COMMITS");
  const proposal = commits.indexOf("  (1a) feat: maybe - (!: NEW PROPOSAL)");
  assert(proposal > 0, commits.join("\n"));
  assert(commits[proposal + 1].startsWith("      | CHAT: ~/.sase/chats/"), commits.join("\n"));
  const saved = commits[proposal + 2].replace("      | DIFF: ~", sb.home);
  assertStringIncludes(await Deno.readTextFile(saved), "+++ b/c.txt");
});

Deno.test("--resume of a proposal interrupted before it was recorded: finished when its diff exists", async () => {
  await using sb = await makeSandbox();
  const { work, projectFile, artifacts, agentEnv } = await setup(sb);
  const diffPath = join(sb.saseHome, "diffs", "202601", "feat-260101_120000.diff");
  const checkpoint = join(artifacts, "commit_state.json");
  const write = () =>
    Deno.writeTextFile(
      checkpoint,
      JSON.stringify({
        version: 1,
        method: "create_proposal",
        payload: { message: "wip: saved", files: [] },
        cwd: work,
        cl_name: "feat",
        project_file: projectFile,
        diff_path: diffPath,
        completed_steps: [],
      }),
    );
  await write();
  const never = await commit(["--resume"], agentEnv, work);
  assertEquals(never.code, 1);
  assertStringIncludes(never.stderr, "the interrupted proposal was never saved");
  assert(await missing(checkpoint), "nothing is left to resume");
  assertEquals(await section(projectFile, "feat", "COMMITS"), []);

  await write();
  await sb.write(diffPath.slice(sb.root.length + 1), "diff --git a/x b/x\n");
  ok(await commit(["--resume"], agentEnv, work));
  assert(await missing(checkpoint));
  assertEquals(await section(projectFile, "feat", "COMMITS"), [
    "  (0a) wip: saved - (!: NEW PROPOSAL)",
    "      | DIFF: ~/.sase/diffs/202601/feat-260101_120000.diff",
  ]);
  const marker = await readJson(join(artifacts, "commit_result.json"));
  assertEquals([marker.result, marker.entry_id], [diffPath, "0a"]);
});

Deno.test("an agent run on a ChangeSpec gets its tracking variables: its commit records into that ChangeSpec with a CHAT drawer naming the run's chat file", async () => {
  await using sb = await makeSandbox();
  const { work, origin, projectFile } = await setup(sb);
  await git(work, sb.env, "checkout", "-q", "-b", "feat");
  await git(work, sb.env, "push", "-q", "-u", "origin", "feat");
  await git(work, sb.env, "checkout", "-q", "main");
  await sb.write("home/.config/sase/sase.yml", "sandbox:\n  mode: permissions\n");
  const messageFile = '"$SASE_ARTIFACTS_DIR/commit_message.md"';
  const steps = [
    { shell: 'env | grep "^SASE_AGENT_" | sort > "$SASE_ARTIFACTS_DIR/tracking.env"' },
    { write: "b.txt", content: "b from the agent" },
    { shell: `printf 'feat: on the spec\\n' > ${messageFile}` },
    { shell: `sase commit -t commit -M ${messageFile} -f b.txt` },
    { text: "done" },
  ];
  const script = await sb.write("tracked.json", JSON.stringify({ steps }));
  // A launcher's own tracking (an agent launching an agent) is not inherited.
  const stale = {
    SASE_AGENT_PROJECT_FILE: join(sb.root, "other.sase"),
    SASE_AGENT_CL_NAME: "other",
    SASE_AGENT_CHAT_PATH: join(sb.root, "other.md"),
  };
  const result = await runSase(["run"], {
    env: { ...sb.env, ...stale, SASE_FAKEY_SCRIPT: script },
    cwd: sb.root,
    stdin: "#git:feat %m:fakey/scripted #commit\nplease edit",
  });
  ok(result);
  const dir = (await runDirs(sb, "proj")).at(-1)!;
  const stamp = basename(dir);
  // The transcript the run leaves: SASE_HOME/chats/<YYYYMM>/<project>--ace_run--<YYmmdd_HHMMSS>.md (file-name parts use `_` for `-`).
  const chat = join(
    sb.saseHome,
    "chats",
    stamp.slice(0, 6),
    `proj--ace_run--${stamp.slice(2, 8)}_${stamp.slice(8, 14)}.md`,
  );
  assertEquals((await readJson(join(dir, "done.json"))).response_path, chat);
  const tracking = (await Deno.readTextFile(join(dir, "tracking.env"))).split("\n");
  for (
    const line of [
      `SASE_AGENT_CHAT_PATH=${chat}`,
      "SASE_AGENT_CL_NAME=feat",
      `SASE_AGENT_PROJECT_FILE=${projectFile}`,
    ]
  ) assert(tracking.includes(line), `${line} missing from:\n${tracking.join("\n")}`);
  assertEquals((await readJson(join(dir, "done.json"))).cl_name, "feat");

  assertEquals(await subject(origin, sb, "feat"), "feat: on the spec");
  const commits = await section(projectFile, "feat", "COMMITS");
  assertEquals(commits[0], "  (1) feat: on the spec");
  // The drawer names the chat file home-relative, with the run's duration so far.
  const drawer = `      | CHAT: ~${chat.slice(sb.home.length)} (`;
  assert(commits[1].startsWith(drawer) && /\(\d+(h\d+m|m)?\d*s\)$/.test(commits[1]), commits[1]);
  assert(commits[2].startsWith("      | DIFF: ~"), commits.join("\n"));
});

Deno.test("fakey answers the commit finalizer through sase commit: only its own file is pushed and recorded", async () => {
  await using sb = await makeSandbox();
  const { work, origin, projectFile } = await setup(sb);
  await git(work, sb.env, "checkout", "-q", "-b", "feat");
  await git(work, sb.env, "push", "-q", "-u", "origin", "feat");
  // The user's own change, there before the run: never the agent's to commit.
  await Deno.writeTextFile(join(work, "a.txt"), "the user's edit\n");
  const result = await runSase(["run"], {
    env: sb.env,
    cwd: work,
    stdin: `#cd:${work} %m:fakey/edit make a small change`,
  });
  ok(result);
  const pushed = await git(origin, sb.env, "log", "-1", "--format=%B", "feat");
  // sase commit's runtime trailers: the commit went through it, not git alone.
  assert(
    pushed.startsWith("fakey: commit my changes\n\nThe files this run changed.\n\nAGENT="),
    pushed,
  );
  assertStringIncludes(pushed, `\nMACHINE=${HOST}\n`);
  assertEquals(
    (await git(origin, sb.env, "show", "--name-only", "--format=", "feat")).trim(),
    "fakey_edit.txt",
  );
  assertEquals(
    (await section(projectFile, "feat", "COMMITS"))[0],
    "  (1) fakey: commit my changes",
  );
  assertEquals(await git(work, sb.env, "status", "--porcelain"), " M a.txt\n");
});

Deno.test("-c/--checkout-target: the PR's saved diff runs from the branch point (default HEAD~1); a target that does not resolve fails with exit 1 and changes nothing", async () => {
  await using sb = await makeSandbox();
  const { work, origin, artifacts, agentEnv } = await setup(sb);
  const gh = await ghStandIn(sb);
  const env = { ...agentEnv, PATH: `${gh.bin}:${sb.env.PATH}`, SASE_AGENT_CL_NAME: "" };
  const pr = (name: string, file: string, extra: string[]) =>
    commit(["-t", "pr", "-n", name, "-m", `feat: ${file}`, "-v", "github", ...extra], env, work);
  const savedDiff = async () =>
    await Deno.readTextFile(
      (await readJson(join(artifacts, "commit_result.json"))).diff_path as string,
    );
  // A stacked branch: one commit already on top of main.
  await git(work, sb.env, "checkout", "-q", "-b", "base");
  await Deno.writeTextFile(join(work, "base.txt"), "base\n");
  await git(work, sb.env, "add", "base.txt");
  await git(work, sb.env, "commit", "-q", "-m", "base work");

  // Default HEAD~1: read after the PR's commit, so the diff is that commit alone.
  await Deno.writeTextFile(join(work, "one.txt"), "one\n");
  ok(await pr("one", "one", []));
  const one = await savedDiff();
  assertStringIncludes(one, "diff --git a/one.txt b/one.txt");
  assert(!one.includes("base.txt"), "HEAD~1 leaves the earlier commit out");

  // An explicit target: everything the branch has since origin/main.
  await Deno.writeTextFile(join(work, "two.txt"), "two\n");
  ok(await pr("two", "two", ["-c", "origin/main"]));
  const two = await savedDiff();
  for (const file of ["base.txt", "one.txt", "two.txt"]) {
    assertStringIncludes(two, `diff --git a/${file} b/${file}`);
  }

  // A target that names no commit: exit 1, the work back on the branch it came from, uncommitted.
  await Deno.writeTextFile(join(work, "three.txt"), "three\n");
  const before = (await git(work, sb.env, "rev-parse", "HEAD")).trim();
  const bad = await pr("three", "three", ["-c", "no/such-ref"]);
  assertEquals(bad.code, 1, bad.stderr);
  assertStringIncludes(
    bad.stderr,
    "create_pull_request failed: github pull request: checkout target 'no/such-ref' does not resolve to a commit",
  );
  assertStringIncludes(bad.stderr, "nothing was committed");
  assertEquals((await git(work, sb.env, "branch", "--show-current")).trim(), "two");
  assertEquals((await git(work, sb.env, "rev-parse", "HEAD")).trim(), before);
  assertEquals(await git(work, sb.env, "status", "--porcelain"), "A  three.txt\n");
  assertEquals(await git(work, sb.env, "branch", "--list", "three"), "");
  assertEquals(await git(origin, sb.env, "branch", "--list", "three"), "");
  // gh opened the two good PRs only.
  const created = (await ghCalls(gh.log)).filter(([a, b]) => `${a} ${b}` === "pr create");
  assertEquals(created.map((call) => call[3]), ["feat: one", "feat: two"]);
});

/** The git commands a run started, as GIT_TRACE logged them (`git <args>`). */
async function tracedGit(trace: string): Promise<string[]> {
  return (await Deno.readTextFile(trace)).split("\n")
    .map((line) => line.match(/trace: built-in: (git .*)$/)?.[1])
    .filter((command): command is string => command !== undefined);
}

Deno.test("a commit asks git each fact about the checkout once", async () => {
  await using sb = await makeSandbox();
  const { work, origin, agentEnv } = await setup(sb);
  await Deno.writeTextFile(join(work, "a.txt"), "a changed\n");
  const trace = join(sb.root, "git-trace.log");
  ok(await commit(["-m", "feat: once", "-t", "commit"], { ...agentEnv, GIT_TRACE: trace }, work));
  assertEquals(await subject(origin, sb, "main"), "feat: once");
  const ran = await tracedGit(trace);
  const count = (command: string) => ran.filter((c) => c === command).length;
  assertEquals(count("git rev-parse --show-toplevel"), 1);
  assertEquals(count("git rev-parse --abbrev-ref HEAD"), 1);
  assertEquals(count("git symbolic-ref refs/remotes/origin/HEAD"), 1);
  // The origin URL read to pick the provider already says that origin exists.
  assertEquals(count("git config --get remote.origin.url"), 1);
  assertEquals(count("git remote get-url origin"), 0);
  // The DELTAS' name-status and line stats come from one diff.
  assertEquals(count("git diff --raw --numstat -z origin/main...HEAD"), 1);
  assertEquals(ran.filter((c) => /^git diff --(name-status|numstat) /.test(c)), []);
});

Deno.test("after a precommit command the dispatch reads the checkout afresh: a branch it switched to is the one pushed", async () => {
  await using sb = await makeSandbox();
  const { work, origin, agentEnv } = await setup(sb);
  await sb.write("home/.config/sase/sase.yml", "precommit_command: git checkout -q -b side\n");
  await Deno.writeTextFile(join(work, "a.txt"), "on side\n");
  ok(await commit(["-m", "feat: side"], agentEnv, work));
  assertEquals(await subject(origin, sb, "side"), "feat: side");
  assertEquals(await subject(origin, sb, "main"), "initial commit");
});
