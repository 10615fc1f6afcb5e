/**
 * The sandbox that holds (README "Sandbox"), with the real jail: a fakey
 * agent tries to escape in every way the README lists, under `jail` mode
 * (every attempt fails; its own workspace edit succeeds; no process of the
 * run survives it, or `sase agent kill`) and under `permissions` mode (which
 * attempts succeed there, exactly as the README says). A repo-local
 * `sase.yml` can narrow the sandbox but not turn it off; the user's own
 * configuration can.
 */

import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { runSase } from "../_helpers/cli.ts";
import { attemptLine, localServer, viaProxy } from "../_helpers/local_server.ts";
import { processesWith, runProcesses } from "../_helpers/processes.ts";
import { allDone, killRunners, readJsonFile, runDirs, waitFor } from "../_helpers/runs.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { haveTool, needing } from "../_helpers/tools.ts";
import { git, makeGitRepo } from "../_helpers/git.ts";
import { shellQuote } from "../../core/self_command.ts";

const linuxOnly = Deno.build.os !== "linux";

/** A shell step recording whether `command` worked (and what it said) in `results/<name>`. */
function attempt(name: string, command: string): { shell: string } {
  return { shell: attemptLine(name, command) };
}

/** A Deno one-liner run by the agent (fakey's own runtime is on hand inside the jail too). */
function denoEval(code: string): string {
  return `${shellQuote(Deno.execPath())} eval --quiet ${shellQuote(code)}`;
}

interface Escape {
  sb: Sandbox;
  workspace: string;
  /** Another run's artifact directory. */
  otherRun: string;
  /** The `sleep` argument that marks the detached grandchild. */
  marker: string;
  script: string;
  env: Record<string, string>;
}

/**
 * Everything the escape needs: a fake SSH key in HOME, a finished run whose
 * records it will try to change, a fake API key of another provider in the
 * environment, and the script itself (which ends in failure, so the run's
 * error report shows what the jail denied).
 */
async function prepareEscape(sb: Sandbox, port: number, config = ""): Promise<Escape> {
  if (config) await sb.write("home/.config/sase/sase.yml", config);
  await sb.write("home/.ssh/id_rsa", "FAKE-PRIVATE-KEY\n");
  // The sandbox runtime's own convenience directory (left writable when it exists).
  await Deno.mkdir(join(sb.home, ".npm", "_logs"), { recursive: true });
  // Another provider's login.
  await sb.write("home/.claude/.credentials.json", "FAKE-CLAUDE-TOKEN\n");
  const workspace = await makeGitRepo(join(sb.root, "ws"), sb.env);
  await Deno.mkdir(join(workspace, "results"), { recursive: true });
  const env = { ...sb.env, ANTHROPIC_API_KEY: "sk-ant-FAKE-KEY" };
  const first = await runSase(["run", `#cd:${workspace} %n:first %m:fakey/reply hi`], {
    env,
    cwd: sb.cwd,
  });
  assertEquals(first.code, 0, first.stderr);
  const [otherRun] = await runDirs(sb);
  // What a planted hook would create, were it ever run.
  const owned = join(sb.root, "owned");
  const marker = `${5000 + Math.floor(Math.random() * 1000)}.${Math.floor(Math.random() * 1e6)}`;
  const steps = [
    attempt("read_ssh_key", `cat ${shellQuote(join(sb.home, ".ssh", "id_rsa"))}`),
    attempt("write_outside", `echo escaped > ${shellQuote(join(sb.root, "outside.txt"))}`),
    attempt("read_other_run", `cat ${shellQuote(join(otherRun, "agent_meta.json"))}`),
    attempt("write_other_run", `echo tampered >> ${shellQuote(join(otherRun, "agent_meta.json"))}`),
    attempt(
      "read_other_provider_state",
      `cat ${shellQuote(join(sb.home, ".claude", ".credentials.json"))}`,
    ),
    attempt("write_git_hook", `echo 'touch ${owned}' > .git/hooks/pre-commit`),
    attempt("write_git_config", `git config core.fsmonitor 'touch ${owned}'`),
    attempt("write_npm_logs", `echo log > ${shellQuote(join(sb.home, ".npm", "_logs", "x.log"))}`),
    attempt("commit_own_work", "echo mine > mine.txt && git add mine.txt && git commit -qm mine"),
    attempt(
      "write_inbox",
      `echo '{"forged":true}' >> ${
        shellQuote(join(sb.saseHome, "notifications", "notifications.jsonl"))
      }`,
    ),
    attempt("other_provider_key", "printenv ANTHROPIC_API_KEY"),
    attempt(
      "connect_local",
      denoEval(
        `const c = await Deno.connect({ hostname: "127.0.0.1", port: ${port} }); c.close();`,
      ),
    ),
    attempt(
      "fetch_local",
      denoEval(`const r = await fetch("http://127.0.0.1:${port}/"); console.log(await r.text());`),
    ),
    attempt(
      "fetch_outside",
      denoEval(
        `const r = await fetch("http://outside.invalid/"); if (!r.ok) throw new Error(String(r.status));`,
      ),
    ),
    // A path that would drive the terminal when printed.
    { shell: `touch "$(printf '%s/\\033[2Jred' ${shellQuote(sb.root)})"; true` },
    attempt(
      "detached",
      `setsid sleep ${marker} </dev/null >/dev/null 2>&1 & sleep 0.2; kill -0 $! && echo alive`,
    ),
    { write: "edited.txt", content: "the agent's own work\n" },
  ];
  const script = await sb.write(
    "escape.json",
    JSON.stringify({ steps, result: { error: "escape attempts done" } }),
  );
  return { sb, workspace, otherRun, marker, script, env };
}

async function result(escape: Escape, name: string): Promise<string> {
  return await Deno.readTextFile(join(escape.workspace, "results", name));
}

async function runEscape(escape: Escape) {
  const run = await runSase(
    ["run", `#cd:${escape.workspace} %n:escape %m:fakey/${escape.script} try everything`],
    { env: escape.env, cwd: escape.sb.cwd },
  );
  const dir = (await runDirs(escape.sb)).at(-1)!;
  return { run, dir };
}

Deno.test({
  name: "jail mode: every escape attempt fails, the workspace edit succeeds, nothing survives",
  ignore: linuxOnly,
  async fn() {
    await using sb = await makeSandbox();
    await using server = localServer();
    const escape = await prepareEscape(sb, server.port);
    const metaBefore = await Deno.readTextFile(join(escape.otherRun, "agent_meta.json"));
    const { run, dir } = await runEscape(escape);
    assertEquals(run.code, 1, run.stdout + run.stderr);

    assertStringIncludes(await result(escape, "read_ssh_key"), "failed");
    assert(!(await result(escape, "read_ssh_key")).includes("FAKE-PRIVATE-KEY"));
    assertStringIncludes(await result(escape, "write_outside"), "failed");
    assertEquals(await Deno.stat(join(sb.root, "outside.txt")).catch(() => null), null);
    assertStringIncludes(await result(escape, "read_other_run"), "failed");
    assertStringIncludes(await result(escape, "write_other_run"), "failed");
    assertEquals(await Deno.readTextFile(join(escape.otherRun, "agent_meta.json")), metaBefore);
    assertStringIncludes(await result(escape, "read_other_provider_state"), "failed");
    assert(!(await result(escape, "read_other_provider_state")).includes("FAKE-CLAUDE-TOKEN"));
    // Inside its workspace: no git hook or git config it could plant for sase to run later ...
    assertStringIncludes(await result(escape, "write_git_hook"), "failed");
    assertEquals(
      await Deno.stat(join(escape.workspace, ".git/hooks/pre-commit")).catch(() => null),
      null,
    );
    assertStringIncludes(await result(escape, "write_git_config"), "failed");
    assertEquals(
      (await Deno.readTextFile(join(escape.workspace, ".git/config"))).includes("fsmonitor"),
      false,
    );
    // ... but its own work it can commit. (The runtime leaves ~/.npm/_logs writable.)
    assertEquals(await result(escape, "write_npm_logs"), "succeeded ");
    assertEquals(await result(escape, "commit_own_work"), "succeeded ");
    assertEquals((await git(escape.workspace, sb.env, "log", "-1", "--format=%s")).trim(), "mine");
    assertStringIncludes(await result(escape, "write_inbox"), "failed");
    const inbox = await Deno.readTextFile(
      join(sb.saseHome, "notifications", "notifications.jsonl"),
    );
    assert(!inbox.includes("forged"), inbox);
    assertEquals(await result(escape, "other_provider_key"), "failed ");
    assertStringIncludes(await result(escape, "connect_local"), "failed");
    assertStringIncludes(await result(escape, "fetch_local"), "failed");
    assertStringIncludes(await result(escape, "fetch_outside"), "failed");
    assertEquals(server.hits(), 0);
    assertEquals(
      await Deno.readTextFile(join(escape.workspace, "edited.txt")),
      "the agent's own work\n",
    );

    // The run's error report names what the jail denied: paths and the host.
    const done = await readJsonFile(join(dir, "done.json"));
    assertEquals(done?.outcome, "failed");
    const report = await Deno.readTextFile(join(dir, "error_report.txt"));
    assertStringIncludes(report, "escape attempts done");
    assertStringIncludes(report, `the jail denied: `);
    assertStringIncludes(report, join(sb.root, "outside.txt"));
    assertStringIncludes(report, "notifications.jsonl");
    assertStringIncludes(report, "deny network-outbound outside.invalid:80");
    const record = await readJsonFile(join(dir, "sandbox.json"));
    assertEquals([record?.mode, record?.provider], ["jail", "fakey"]);
    assertEquals(record?.hosts, []);

    // `sase agent show` records the sandbox it had, and prints what was denied harmlessly.
    const shown = await runSase(["agent", "show", "escape", "-j"], {
      env: escape.env,
      cwd: sb.cwd,
    });
    const sandbox = JSON.parse(shown.stdout).sandbox;
    assertEquals([sandbox.mode, sandbox.reason], ["jail", "automatic: the jail works here"]);
    assertEquals(sandbox.write.slice(0, 2), [escape.workspace, dir]);
    assertEquals(sandbox.hosts, []);
    assert(sandbox.deny_read.includes(join(sb.home, ".ssh")));
    assert(sandbox.deny_read.includes(sb.saseHome));
    assert(sandbox.violations.includes(`deny openat ${join(sb.root, "outside.txt")}`));
    // sase's own Deno writing its module cache is not the agent's doing, and not reported.
    assert(!sandbox.violations.some((line: string) => line.includes(sb.env.DENO_DIR)));
    // The jail reports the path with its control characters already blanked out.
    assert(sandbox.violations.some((line: string) => line.endsWith("[2Jred")), shown.stdout);
    assert(!shown.stdout.includes("\\u001b"), "a control character in the record");
    const human = await runSase(["agent", "show", "escape"], { env: escape.env, cwd: sb.cwd });
    assertStringIncludes(human.stdout, "sandbox     jail (automatic: the jail works here)");
    assertStringIncludes(human.stdout, `denied      `);
    assertStringIncludes(human.stdout, "deny network-outbound outside.invalid:80");
    assert(!human.stdout.includes("\x1b"), "a control sequence reached the terminal");

    // Nothing of the run is left: not fakey, not the `sleep` it detached (which did run).
    assertEquals(await result(escape, "detached"), "succeeded alive");
    await waitFor("the run's processes to be gone", () =>
      Promise.resolve(
        processesWith(`sleep ${escape.marker}`).length === 0 && runProcesses(dir).length === 0
          ? true
          : undefined,
      ));
  },
});

Deno.test({
  name: "permissions mode: only the environment is filtered; files and network are open",
  ignore: linuxOnly,
  async fn() {
    await using sb = await makeSandbox();
    await using server = localServer();
    const escape = await prepareEscape(sb, server.port, "sandbox:\n  mode: permissions\n");
    try {
      const { run, dir } = await runEscape(escape);
      assertEquals(run.code, 1, run.stdout + run.stderr);
      // What permissions mode leaves open (README "Sandbox"), attempt by attempt.
      assertEquals(await result(escape, "read_ssh_key"), "succeeded FAKE-PRIVATE-KEY");
      assertEquals(await Deno.readTextFile(join(sb.root, "outside.txt")), "escaped\n");
      assertStringIncludes(await result(escape, "read_other_run"), "succeeded");
      assertStringIncludes(await result(escape, "write_other_run"), "succeeded");
      assertEquals(
        await result(escape, "read_other_provider_state"),
        "succeeded FAKE-CLAUDE-TOKEN",
      );
      assertStringIncludes(await result(escape, "write_git_hook"), "succeeded");
      assertStringIncludes(await result(escape, "write_git_config"), "succeeded");
      assertStringIncludes(await result(escape, "commit_own_work"), "succeeded");
      assertStringIncludes(
        await Deno.readTextFile(join(escape.otherRun, "agent_meta.json")),
        "tampered",
      );
      assertStringIncludes(
        await Deno.readTextFile(join(sb.saseHome, "notifications", "notifications.jsonl")),
        '{"forged":true}',
      );
      assertStringIncludes(await result(escape, "connect_local"), "succeeded");
      assertEquals(await result(escape, "fetch_local"), "succeeded reached");
      assert(server.hits() >= 1);
      // What it still withholds: another provider's key.
      assertEquals(await result(escape, "other_provider_key"), "failed ");
      assertEquals(
        await Deno.readTextFile(join(escape.workspace, "edited.txt")),
        "the agent's own work\n",
      );
      const record = await readJsonFile(join(dir, "sandbox.json"));
      assertEquals([record?.mode, record?.write, record?.hosts], ["permissions", null, null]);
      // The detached grandchild outlives the agent's CLI, but not the run: it carries the run's dir.
      assertEquals(await result(escape, "detached"), "succeeded alive");
      await waitFor("the run to end", async () => await readJsonFile(join(dir, "done.json")));
      await waitFor(
        "the detached grandchild to be ended",
        () => Promise.resolve(processesWith(`sleep ${escape.marker}`).length === 0 || undefined),
      );
    } finally {
      for (const pid of processesWith(`sleep ${escape.marker}`)) Deno.kill(pid, "SIGKILL");
    }
  },
});

Deno.test({
  name: "jail mode: sase agent kill leaves no process of a running run, detached ones included",
  ignore: linuxOnly,
  async fn() {
    await using sb = await makeSandbox();
    const marker = `${6000 + Math.floor(Math.random() * 1000)}.5`;
    const script = await sb.write(
      "hold.json",
      JSON.stringify({
        steps: [{ shell: `setsid sleep ${marker} </dev/null >/dev/null 2>&1 &` }, { hang: true }],
      }),
    );
    let dirs: string[] = [];
    try {
      const launched = await runSase(["run", "-d", `%n:holder %m:fakey/${script} hold`], {
        env: sb.env,
        cwd: sb.cwd,
      });
      assertEquals(launched.code, 0, launched.stderr);
      dirs = await runDirs(sb);
      await waitFor(
        "the detached grandchild",
        () => Promise.resolve(processesWith(`sleep ${marker}`).length === 1 ? true : undefined),
      );
      const kill = await runSase(["agent", "kill", "holder", "-j"], { env: sb.env, cwd: sb.cwd });
      assertEquals(kill.code, 0, kill.stderr);
      assertEquals(JSON.parse(kill.stdout).outcome, "killed");
      await waitFor("every process of the run to be gone", () =>
        Promise.resolve(
          processesWith(`sleep ${marker}`).length === 0 && runProcesses(dirs[0]).length === 0
            ? true
            : undefined,
        ));
    } finally {
      await killRunners(dirs);
      for (const pid of processesWith(`sleep ${marker}`)) Deno.kill(pid, "SIGKILL");
    }
  },
});

/**
 * The names the sandbox runtime protects under its working directory
 * (shell start-up files, git, ripgrep and MCP configuration, editor and
 * Claude command directories), for which it makes an empty mount point on
 * the host when they are absent.
 */
const RUNTIME_PROTECTED_NAMES = [
  ".bashrc",
  ".bash_profile",
  ".zshrc",
  ".zprofile",
  ".profile",
  ".gitconfig",
  ".gitmodules",
  ".ripgreprc",
  ".mcp.json",
  ".vscode",
  ".idea",
  ".claude",
];

Deno.test({
  name: "jail mode: nothing appears in the workspace or the run directory while the agent runs",
  ignore: linuxOnly,
  async fn() {
    await using sb = await makeSandbox();
    const workspace = await makeGitRepo(join(sb.root, "ws"), sb.env);
    await Deno.mkdir(join(workspace, "results"));
    const names = async (dir: string) =>
      (await Array.fromAsync(Deno.readDir(dir))).map((entry) => entry.name).sort();
    const before = await names(workspace);
    // What the agent sees of both directories while it runs (the runtime's
    // mount points are on the host, so they show inside the jail too).
    const script = await sb.write(
      "look.json",
      JSON.stringify({
        steps: [{
          shell: 'ls -A . > "results/ws_$SASE_AGENT_NAME"; ' +
            'ls -A "$SASE_ARTIFACTS_DIR" > "results/run_$SASE_AGENT_NAME"',
        }],
      }),
    );
    let dirs: string[] = [];
    try {
      // In the foreground from inside the workspace (the process's directory is
      // the checkout), and detached (the runner's directory is the run's).
      for (const [name, args] of [["fg", []], ["bg", ["-d"]]] as const) {
        const launched = await runSase(
          ["run", ...args, `#cd:${workspace} %n:${name} %m:fakey/${script} look`],
          { env: sb.env, cwd: workspace },
        );
        assertEquals(launched.code, 0, launched.stderr);
        dirs = await runDirs(sb);
        await allDone(dirs);
        const seen = await Deno.readTextFile(join(workspace, "results", `ws_${name}`));
        // The workspace holds what it held, and the run directory none of those names.
        assertEquals(seen.trim().split("\n").sort(), before);
        const run = (await Deno.readTextFile(join(workspace, "results", `run_${name}`)))
          .trim().split("\n");
        assertEquals(
          run.filter((entry) => RUNTIME_PROTECTED_NAMES.includes(entry)),
          [],
          run.join(),
        );
        assert(run.includes("agent_meta.json"), run.join());
      }
      assertEquals(await names(workspace), before);
    } finally {
      await killRunners(dirs);
    }
  },
});

Deno.test({
  name: "a repo-local sase.yml cannot turn the sandbox off or widen it, but may narrow it",
  ignore: linuxOnly,
  async fn() {
    await using sb = await makeSandbox();
    const workspace = join(sb.root, "ws");
    await Deno.mkdir(workspace);
    await Deno.writeTextFile(join(workspace, "secret.txt"), "project secret\n");
    await Deno.writeTextFile(
      join(sb.cwd, "sase.yml"),
      "sandbox:\n  mode: off\n  write: [/]\n  hosts: [example.com]\n  deny: [secret.txt]\n",
    );
    const script = await sb.write(
      "probe.json",
      JSON.stringify({
        steps: [
          { shell: `echo escaped > ${shellQuote(join(sb.root, "outside.txt"))}; true` },
          { shell: "cat secret.txt > seen.txt; true" },
        ],
      }),
    );
    const run = () =>
      runSase(["run", `#cd:${workspace} %m:fakey/${script} probe`], { env: sb.env, cwd: sb.cwd });
    const local = await run();
    assertEquals(local.code, 0, local.stderr);
    const localYml = join(sb.cwd, "sase.yml");
    assertStringIncludes(
      local.stderr,
      `${localYml}: sandbox.mode: off ignored: a repository's sase.yml may only make the ` +
        "sandbox stricter than jail",
    );
    assertStringIncludes(local.stderr, `${localYml}: sandbox.write ignored`);
    assertStringIncludes(local.stderr, `${localYml}: sandbox.hosts ignored`);
    const jailed = (await runDirs(sb)).at(-1)!;
    const record = await readJsonFile(join(jailed, "sandbox.json"));
    assertEquals([record?.mode, record?.hosts], ["jail", []]);
    assertEquals(await Deno.stat(join(sb.root, "outside.txt")).catch(() => null), null);
    // Its `deny` narrows: the agent cannot read the file it names.
    assertEquals(await Deno.readTextFile(join(workspace, "seen.txt")), "");

    // The user's own configuration can turn it off.
    await sb.write("home/.config/sase/sase.yml", "sandbox:\n  mode: off\n");
    await Deno.remove(join(sb.cwd, "sase.yml"));
    const off = await run();
    assertEquals(off.code, 0, off.stderr);
    const unconfined = await readJsonFile(join((await runDirs(sb)).at(-1)!, "sandbox.json"));
    assertEquals(unconfined?.mode, "off");
    assertEquals(
      unconfined?.reason,
      `sandbox.mode: off in ${join(sb.configDir, "sase.yml")}`,
    );
    assertEquals(await Deno.readTextFile(join(sb.root, "outside.txt")), "escaped\n");
    assertEquals(await Deno.readTextFile(join(workspace, "seen.txt")), "project secret\n");
  },
});

Deno.test({
  name: "without bubblewrap, agents run in permissions mode and the launch says so once",
  ignore: linuxOnly,
  async fn() {
    await using sb = await makeSandbox();
    // A PATH with what a fakey run needs and none of the jail's programs.
    const bin = join(sb.root, "bin");
    await Deno.mkdir(bin);
    for (const tool of ["sh", "git", "cat"]) {
      const real = new TextDecoder().decode(
        (await new Deno.Command("/bin/sh", { args: ["-c", `command -v ${tool}`] }).output()).stdout,
      ).trim();
      await Deno.symlink(real, join(bin, tool));
    }
    const env = { ...sb.env, PATH: bin };
    const run = () => runSase(["run", `#cd:${sb.cwd} %m:fakey/reply hi`], { env, cwd: sb.cwd });
    const first = await run();
    assertEquals(first.code, 0, first.stderr);
    assertStringIncludes(
      first.stderr,
      "agents run in permissions mode because the jail is unavailable (bwrap not found on PATH " +
        "(apt-get install bubblewrap); socat not found on PATH (apt-get install socat); " +
        "rg not found on PATH (apt-get install ripgrep)): the agent can read and write every " +
        "file you can",
    );
    const record = await readJsonFile(join((await runDirs(sb)).at(-1)!, "sandbox.json"));
    assertEquals(record?.mode, "permissions");
    assertStringIncludes(String(record?.reason), "automatic: the jail is unavailable");
    const second = await run();
    assertEquals(second.code, 0, second.stderr);
    assertEquals(second.stderr.includes("permissions mode"), false, second.stderr);
    // Asked for by name, the jail it cannot have fails the launch instead.
    const user = await sb.write("home/.config/sase/sase.yml", "sandbox:\n  mode: jail\n");
    const required = await run();
    assertEquals(required.code, 1);
    assertStringIncludes(
      required.stderr,
      `sandbox.mode: jail in ${user} asks for the jail, which is unavailable here: bwrap not found`,
    );
  },
});

const curl = await haveTool("curl");

Deno.test({
  name: needing(
    "sandbox.hosts in the user's config lets the agent reach that host, and only it",
    "curl",
    curl,
  ),
  ignore: linuxOnly || !curl,
  async fn() {
    await using sb = await makeSandbox();
    await using server = localServer();
    await sb.write(
      "home/.config/sase/sase.yml",
      `sandbox:\n  providers:\n    fakey:\n      hosts: ["127.0.0.1:${server.port}"]\n`,
    );
    const workspace = join(sb.root, "ws");
    await Deno.mkdir(join(workspace, "results"), { recursive: true });
    const script = await sb.write(
      "reach.json",
      JSON.stringify({
        steps: [
          attempt("allowed", viaProxy(`http://127.0.0.1:${server.port}/`)),
          attempt("other_port", viaProxy(`http://127.0.0.1:${server.port + 1}/`)),
        ],
      }),
    );
    const run = await runSase(["run", `#cd:${workspace} %m:fakey/${script} reach`], {
      env: sb.env,
      cwd: sb.cwd,
    });
    assertEquals(run.code, 0, run.stderr);
    const read = (name: string) => Deno.readTextFile(join(workspace, "results", name));
    assertEquals(await read("allowed"), "succeeded reached");
    assertStringIncludes(await read("other_port"), "failed");
    assertEquals(server.hits(), 1);
    const record = await readJsonFile(join((await runDirs(sb)).at(-1)!, "sandbox.json"));
    assertEquals(record?.hosts, [`127.0.0.1:${server.port}`]);
    assertEquals(record?.violations, [
      `deny network-outbound 127.0.0.1:${server.port + 1} (host is not on the allow list)`,
    ]);
  },
});
