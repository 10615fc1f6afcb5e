/**
 * A jailed agent's `sase commit` (README "Sandbox" and "Commits"), with the
 * real jail: the agent's `sase` hands the command to its runner's broker,
 * which carries it out where it can push and write `SASE_HOME` — after
 * refusing what the agent may not ask for, and with a `precommit_command`
 * the agent planted in the workspace's `sase.yml` kept in a jail.
 */

import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { type CliResult, runSase } from "../_helpers/cli.ts";
import { git, makeRepoWithOrigin } from "../_helpers/git.ts";
import { runDirs } from "../_helpers/runs.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";

const linuxOnly = Deno.build.os !== "linux";
const NAME = "a jailed agent's sase commit goes through its runner";

/** A clone of a bare origin on branch `feat`, project `proj` with ChangeSpec `feat`. */
async function setup(sb: Sandbox) {
  const { work, origin } = await makeRepoWithOrigin(sb.root, sb.env, { "a.txt": "a\n" });
  await git(work, sb.env, "checkout", "-q", "-b", "feat");
  await git(work, sb.env, "push", "-q", "-u", "origin", "feat");
  const projectFile = await sb.write(
    "home/.sase/projects/proj/proj.sase",
    `WORKSPACE_DIR: ${work}\n\n\nNAME: feat\nDESCRIPTION:\n  The feature.\nSTATUS: WIP\n`,
  );
  return { work, origin, projectFile };
}

function ok(result: CliResult): void {
  assertEquals(result.code, 0, `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
}

/** Run a fakey agent in `work` (jailed: the sandbox mode is left automatic) doing `steps`. */
async function agentRun(sb: Sandbox, work: string, prompt: string, steps: unknown[]) {
  const script = await sb.write(`script-${crypto.randomUUID()}.json`, JSON.stringify({ steps }));
  const result = await runSase(["run"], {
    env: { ...sb.env, SASE_FAKEY_SCRIPT: script },
    cwd: work,
    stdin: `#cd:${work} %m:fakey/scripted ${prompt}\nplease edit`,
  });
  const dir = (await runDirs(sb)).at(-1)!;
  return { result, dir };
}

/** The lines of `field` of ChangeSpec `name` in `file`. */
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

const MESSAGE_FILE = '"$SASE_ARTIFACTS_DIR/commit_message.md"';

/** Steps that write `file`, then `sase commit -t <method>` it with `message` through `-M`. */
function commitSteps(file: string, method: string, message: string): unknown[] {
  return [
    { write: file, content: `${file} from the agent` },
    { shell: `printf '%s\\n' '${message}' > ${MESSAGE_FILE}` },
    { shell: `sase commit -t ${method} -M ${MESSAGE_FILE} -f ${file}` },
    { text: "done" },
  ];
}

/** A step recording `command`'s exit code and output in the run directory's `<name>.out`. */
function attempt(name: string, command: string): { shell: string } {
  return {
    shell: `( ${command} ) > "$SASE_ARTIFACTS_DIR/${name}.out" 2>&1; ` +
      `echo "exit $?" >> "$SASE_ARTIFACTS_DIR/${name}.out"`,
  };
}

Deno.test({
  name: `${NAME}: #commit is pushed and recorded; #propose saves the diff and cleans the tree`,
  ignore: linuxOnly,
  async fn() {
    await using sb = await makeSandbox();
    const { work, origin, projectFile } = await setup(sb);

    const committed = await agentRun(
      sb,
      work,
      "#commit",
      commitSteps("b.txt", "commit", "feat: by the jailed agent"),
    );
    ok(committed.result);
    const sandbox = JSON.parse(await Deno.readTextFile(join(committed.dir, "sandbox.json")));
    assertEquals(sandbox.mode, "jail");
    // Pushed to origin (outside the jail's reach), with the agent's trailer.
    const pushed = await git(origin, sb.env, "log", "-1", "--format=%B", "feat");
    assert(pushed.startsWith("feat: by the jailed agent\n"), pushed);
    assertStringIncludes(pushed, "\nAGENT=");
    assertEquals(
      (await git(origin, sb.env, "show", "--name-only", "--format=", "feat")).trim(),
      "b.txt",
    );
    // Recorded under SASE_HOME (hidden from the jail): COMMITS, DELTAS, the saved diff.
    const commits = await section(projectFile, "feat", "COMMITS");
    assertEquals(commits[0], "  (1) feat: by the jailed agent");
    const diff = commits.find((line) => line.startsWith("      | DIFF: ~"));
    assert(diff, commits.join("\n"));
    assertStringIncludes(
      await Deno.readTextFile(diff.replace("      | DIFF: ~", sb.home)),
      "+++ b/b.txt",
    );
    assertEquals(await section(projectFile, "feat", "DELTAS"), ["  + b.txt", "      | LINES: +1"]);
    // The run's result marker, and no checkpoint left anywhere.
    const result = JSON.parse(await Deno.readTextFile(join(committed.dir, "commit_result.json")));
    assertEquals([result.method, result.entry_id], ["create_commit", "1"]);
    const states = await Array.fromAsync(Deno.readDir(join(sb.saseHome, "commit_state")))
      .catch(() => []);
    assertEquals(states, []);
    assertEquals(await Deno.stat(join(committed.dir, "commit_state.json")).catch(() => null), null);

    const proposed = await agentRun(
      sb,
      work,
      "#propose",
      commitSteps("c.txt", "propose", "feat: maybe"),
    );
    ok(proposed.result);
    assertEquals(await git(work, sb.env, "status", "--porcelain"), "");
    const after = await section(projectFile, "feat", "COMMITS");
    const at = after.indexOf("  (1a) feat: maybe - (!: NEW PROPOSAL)");
    assert(at > 0, after.join("\n"));
    // Its CHAT drawer names the transcript the run left (SASE_AGENT_CHAT_PATH reached the broker).
    const chat = JSON.parse(await Deno.readTextFile(join(proposed.dir, "done.json"))).response_path;
    assert(
      after[at + 1].startsWith(`      | CHAT: ~${chat.slice(sb.home.length)} (`),
      after[at + 1],
    );
    const saved = after[at + 2].replace("      | DIFF: ~", sb.home);
    assert(saved.startsWith(join(sb.saseHome, "diffs")), saved);
    assertStringIncludes(await Deno.readTextFile(saved), "+++ b/c.txt");
    // Nothing of the proposal reached origin.
    assertEquals(
      (await git(origin, sb.env, "log", "-1", "--format=%s", "feat")).trim(),
      "feat: by the jailed agent",
    );
  },
});

Deno.test({
  name: `${NAME}: refused out-of-bounds requests; a planted precommit_command stays jailed`,
  ignore: linuxOnly,
  async fn() {
    await using sb = await makeSandbox();
    const { work, origin, projectFile } = await setup(sb);
    const outside = join(sb.root, "outside");
    await Deno.mkdir(outside);
    // Readable inside the jail, but not one of the run's writable paths.
    const foreign = await sb.write("outside/message.md", "feat: from elsewhere\n");
    const pwned = join(outside, "pwned.txt");
    const steps = [
      { write: "b.txt", content: "b from the agent" },
      { shell: `printf 'feat: planted\\n' > ${MESSAGE_FILE}` },
      attempt("message_outside", `sase commit -M ${foreign} -f b.txt`),
      attempt("cwd_outside", `cd "$TMPDIR" && sase commit -M ${MESSAGE_FILE}`),
      attempt("other_provider", `sase commit -v hg -M ${MESSAGE_FILE} -f b.txt`),
      attempt("file_outside", `sase commit -M ${MESSAGE_FILE} -f ../outside/message.md`),
      // A repository of its own inside the workspace: git would take its config.
      attempt("nested_checkout", `mkdir sub && cd sub && git init -q && sase commit -m x`),
      // The workspace's sase.yml is the agent's to write: its precommit tries to escape.
      {
        write: "sase.yml",
        content: `precommit_command: "echo ran > precommit_ran.txt; echo escaped > ${pwned}"\n`,
      },
      attempt("planted_precommit", `sase commit -M ${MESSAGE_FILE} -f b.txt`),
      attempt("precommit_ran", "cat precommit_ran.txt"),
      // Left as it was found, so the run's own commit finalizer has nothing to do.
      { shell: "rm -rf sub sase.yml precommit_ran.txt b.txt" },
      { text: "done" },
    ];
    const { result, dir } = await agentRun(sb, work, "#commit", steps);
    ok(result);
    const out = (name: string) => Deno.readTextFile(join(dir, `${name}.out`));
    const refused = "error: the jail's broker refused: ";
    assertEquals(
      await out("message_outside"),
      `${refused}the message file ${foreign} is outside the run's writable paths\nexit 2\n`,
    );
    assertStringIncludes(await out("cwd_outside"), `${refused}it runs from `);
    assertStringIncludes(await out("cwd_outside"), `, outside the run's workspace ${work}\nexit 2`);
    assertEquals(
      await out("other_provider"),
      `${refused}\`-v\` is not a flag a jailed agent's \`sase commit\` may pass\nexit 2\n`,
    );
    assertEquals(
      await out("file_outside"),
      `${refused}-f ../outside/message.md is outside the run's workspace\nexit 2\n`,
    );
    assertEquals(
      await out("nested_checkout"),
      `${refused}${join(work, "sub", ".git")} is a checkout the agent made inside the workspace\n` +
        "exit 2\n",
    );
    // The precommit ran (in the workspace) but could not write outside it, so the commit stopped.
    const planted = await out("planted_precommit");
    assertStringIncludes(planted, "precommit command failed (exit ");
    assertStringIncludes(planted, `the jail denied: `);
    assertStringIncludes(planted, pwned);
    assertStringIncludes(planted, "exit 1\n");
    assertEquals(await out("precommit_ran"), "ran\nexit 0\n");
    assertEquals(await Deno.stat(pwned).catch(() => null), null);
    // Nothing was committed or recorded by any of them.
    assertEquals(
      (await git(origin, sb.env, "log", "-1", "--format=%s", "feat")).trim(),
      "initial commit",
    );
    assertEquals(await section(projectFile, "feat", "COMMITS"), []);
  },
});

/** The nanosecond timestamps in `path`, one a line. */
async function stamps(path: string): Promise<bigint[]> {
  const text = await Deno.readTextFile(path);
  return text.split("\n").filter((line) => line !== "").map((line) => BigInt(line));
}

Deno.test({
  name: `${NAME}: a process the agent left running is paused while its commit runs, then resumed`,
  ignore: linuxOnly,
  async fn() {
    await using sb = await makeSandbox();
    const { work, origin } = await setup(sb);
    const log = '"$SASE_ARTIFACTS_DIR/writer.log"';
    // Detached in the jail, it keeps rewriting a file under .git and logs each time.
    const loop = `echo $$ > "$SASE_ARTIFACTS_DIR/writer.pid"; ` +
      `while :; do date +%s%N >> ${log}; date > .git/probe; sleep 0.005; done`;
    const steps = [
      { write: "b.txt", content: "b from the agent" },
      // The commit's precommit (run inside the brokered commit) logs its start and end.
      {
        write: "sase.yml",
        content: 'precommit_command: "date +%s%N >> precommit.log; sleep 1; ' +
          'date +%s%N >> precommit.log"\n',
      },
      { shell: `printf 'feat: while a writer runs\\n' > ${MESSAGE_FILE}` },
      { shell: `setsid bash -c '${loop}' </dev/null >/dev/null 2>&1 &` },
      { shell: `until [ -s ${log} ]; do sleep 0.01; done` },
      attempt("commit", `sase commit -M ${MESSAGE_FILE} -f b.txt`),
      // It goes on writing after the commit (bounded: a writer never resumed fails the test).
      {
        shell: `n=$(wc -l < ${log}); i=0; ` +
          `while [ "$(wc -l < ${log})" -le "$n" ] && [ $i -lt 3000 ]; do sleep 0.01; i=$((i+1)); done; ` +
          `kill "$(cat "$SASE_ARTIFACTS_DIR/writer.pid")"; ` +
          `mv precommit.log "$SASE_ARTIFACTS_DIR/"; rm -f sase.yml .git/probe`,
      },
      { text: "done" },
    ];
    const { result, dir } = await agentRun(sb, work, "#commit", steps);
    ok(result);
    assertEquals(
      (await Deno.readTextFile(join(dir, "commit.out"))).endsWith("exit 0\n"),
      true,
      await Deno.readTextFile(join(dir, "commit.out")),
    );
    assertEquals(
      (await git(origin, sb.env, "log", "-1", "--format=%s", "feat")).trim(),
      "feat: while a writer runs",
    );
    const [start, end] = await stamps(join(dir, "precommit.log"));
    assert(end > start);
    const written = await stamps(join(dir, "writer.log"));
    // Running before the commit, silent while it ran, running again after.
    assert(written.some((stamp) => stamp < start));
    assertEquals(written.filter((stamp) => stamp >= start && stamp <= end), []);
    assert(written.some((stamp) => stamp > end));
  },
});

Deno.test({
  name: `${NAME}: the .git it must find is the one the run's first attempt found`,
  ignore: linuxOnly,
  async fn() {
    await using sb = await makeSandbox();
    const { work, origin } = await setup(sb);
    await sb.write(
      "home/.config/sase/sase.yml",
      "llm_provider:\n  retry:\n    fakey:\n      max_retries: 1\n      wait_times: [0]\n",
    );
    // The first attempt adds a `commondir` to .git (git then reads its config through it) and
    // fails with a retryable error; the retry asks for a commit.
    const script = await sb.write(
      "retry-script.json",
      JSON.stringify({
        steps: [
          { write: "b.txt", content: "b from the agent" },
          { shell: `printf 'feat: after a swap\\n' > ${MESSAGE_FILE}` },
          {
            shell: `if [ -e "$SASE_ARTIFACTS_DIR/first.done" ]; then ` +
              `( sase commit -M ${MESSAGE_FILE} -f b.txt ) > "$SASE_ARTIFACTS_DIR/second.out" 2>&1; ` +
              `echo "exit $?" >> "$SASE_ARTIFACTS_DIR/second.out"; rm -f .git/commondir b.txt; ` +
              `else touch "$SASE_ARTIFACTS_DIR/first.done"; printf '.\\n' > .git/commondir; fi`,
          },
        ],
        result: { error: "API Error: 500 FAKEY-RETRYABLE" },
        exit_code: 1,
      }),
    );
    await runSase(["run"], {
      env: { ...sb.env, SASE_FAKEY_SCRIPT: script },
      cwd: work,
      stdin: `#cd:${work} %m:fakey/scripted #commit\nplease edit`,
    });
    const dir = (await runDirs(sb)).at(-1)!;
    assertEquals(
      await Deno.readTextFile(join(dir, "second.out")),
      `error: the jail's broker refused: ${
        join(work, ".git")
      } is not the one the run started with\nexit 2\n`,
    );
    assertEquals(
      (await git(origin, sb.env, "log", "-1", "--format=%s", "feat")).trim(),
      "initial commit",
    );
  },
});
