import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { join } from "node:path";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { which } from "../../core/fs/which.ts";

/** A PATH holding only git, so no agent CLI can be found. */
async function gitOnlyPath(sb: Sandbox): Promise<string> {
  const bin = join(sb.root, "bin");
  await Deno.mkdir(bin);
  const git = await which("git", Deno.env.get("PATH"));
  if (git) await Deno.symlink(git, join(bin, "git"));
  return bin;
}

Deno.test("doctor -j: schema_version 1, WARN for llm with no agent CLI, exit 0; 1 under --strict", async () => {
  await using sb = await makeSandbox();
  const env = { ...sb.env, PATH: await gitOnlyPath(sb) };
  const result = await runSase(["doctor", "-j"], { env, cwd: sb.cwd });
  assertEquals(result.code, 0, result.stderr);
  const report = JSON.parse(result.stdout);
  assertEquals(report.schema_version, 1);
  assertEquals(report.status, "WARN");
  assertEquals(Object.keys(report.counts), ["OK", "WARN", "ERROR", "SKIP"]);
  assertEquals(report.selected_checks, []);
  const llm = report.checks.filter((check: { group: string }) => check.group === "llm");
  assert(llm.length >= 2);
  for (const check of llm) assertEquals(check.status, "WARN");
  for (const check of report.checks) {
    if (check.status === "WARN" || check.status === "ERROR") {
      assert(check.next_steps.length > 0, `${check.id} has a next step`);
    }
  }
  const strict = await runSase(["doctor", "-j", "--strict"], { env, cwd: sb.cwd });
  assertEquals(strict.code, 1);
});

Deno.test("doctor -C selects a group or a check; unknown selection is a usage error", async () => {
  await using sb = await makeSandbox();
  const env = { ...sb.env, PATH: await gitOnlyPath(sb) };
  const group = JSON.parse(
    (await runSase(["doctor", "-j", "-C", "runtime"], { env, cwd: sb.cwd })).stdout,
  );
  assertEquals(group.checks.map((check: { id: string }) => check.id), [
    "runtime.deno",
    "runtime.platform",
  ]);
  assertEquals(group.status, "OK");
  const one = JSON.parse(
    (await runSase(["doctor", "-j", "-C", "llm.default", "-C", "vcs.git"], { env, cwd: sb.cwd }))
      .stdout,
  );
  assertEquals(one.checks.map((check: { id: string }) => check.id), ["vcs.git", "llm.default"]);
  const bad = await runSase(["doctor", "-C", "nope"], { env, cwd: sb.cwd });
  assertEquals(bad.code, 2);
  assertStringIncludes(bad.stderr, "unknown check or group: nope");
});

Deno.test("doctor reports a broken config as ERROR, exit 1, with the file named", async () => {
  await using sb = await makeSandbox();
  const path = await sb.write("home/.config/sase/sase.yml", "axe: [unclosed\n");
  const result = await runSase(["doctor", "-C", "config"], { env: sb.env, cwd: sb.cwd });
  assertEquals(result.code, 1);
  assertStringIncludes(result.stdout, "ERROR config.load");
  assertStringIncludes(result.stdout, path);
  assertStringIncludes(result.stdout, "next:");
});

Deno.test("doctor -L lists check ids, deep ones marked; -D runs them", async () => {
  await using sb = await makeSandbox();
  const list = await runSase(["doctor", "-L"], { env: sb.env, cwd: sb.cwd });
  assertEquals(list.code, 0);
  assertStringIncludes(list.stdout, "state.disk");
  assertStringIncludes(list.stdout, "deep");
  const shallow = JSON.parse(
    (await runSase(["doctor", "-j"], { env: sb.env, cwd: sb.cwd })).stdout,
  );
  assertEquals(shallow.checks.some((check: { id: string }) => check.id === "state.disk"), false);
  const deep = JSON.parse(
    (await runSase(["doctor", "-j", "-D"], { env: sb.env, cwd: sb.cwd })).stdout,
  );
  assertEquals(deep.deep, true);
  assert(deep.checks.some((check: { id: string }) => check.id === "state.disk"));
});

Deno.test("doctor flags legacy .gp projects with the migrate command", async () => {
  await using sb = await makeSandbox();
  await sb.write("home/.sase/projects/old/old.gp", "PROJECT_NAME: old\n");
  const result = JSON.parse(
    (await runSase(["doctor", "-j", "-C", "projects"], { env: sb.env, cwd: sb.cwd })).stdout,
  );
  assertEquals(result.checks[0].status, "WARN");
  assertStringIncludes(result.checks[0].next_steps[0], "sase changespec migrate-extension");
});

Deno.test("llm.default makes the launch's own selection: an active override wins, an expired one is left alone", async () => {
  await using sb = await makeSandbox();
  const env = { ...sb.env, PATH: await gitOnlyPath(sb) };
  const overridePath = await sb.write(
    "home/.sase/llm_override.json",
    JSON.stringify({ provider: "fakey", model: "reply", expires_at: null }),
  );
  const active = JSON.parse(
    (await runSase(["doctor", "-j", "-C", "llm.default"], { env, cwd: sb.cwd })).stdout,
  );
  assertEquals(active.checks[0].status, "OK");
  assertEquals(active.checks[0].data.selection, "override");
  const expired = JSON.stringify({ provider: "fakey", model: "reply", expires_at: 1 });
  await Deno.writeTextFile(overridePath, expired);
  const stale = JSON.parse(
    (await runSase(["doctor", "-j", "-C", "llm.default"], { env, cwd: sb.cwd })).stdout,
  );
  assertEquals(stale.checks[0].status, "WARN");
  assertEquals(await Deno.readTextFile(overridePath), expired, "doctor never writes state");
});

/** The sandbox's environment without the GIT_* identity variables it normally sets. */
function withoutGitIdentity(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(([key]) => !/^GIT_(AUTHOR|COMMITTER)_/.test(key)),
  );
}

Deno.test("vcs.identity warns that commits will fail without a git identity, and names it once set", async () => {
  await using sb = await makeSandbox();
  // git may invent an identity from the host name; `useConfigOnly` (a setting many users
  // choose) makes "no identity configured" fail the same way on every machine.
  await sb.write("home/.gitconfig", "[user]\n\tuseConfigOnly = true\n");
  const env = withoutGitIdentity(sb.env);
  const missing = await runSase(["doctor", "-j", "-C", "vcs.identity"], { env, cwd: sb.cwd });
  assertEquals(missing.code, 0, missing.stderr);
  const check = JSON.parse(missing.stdout).checks[0];
  assertEquals([check.id, check.status], ["vcs.identity", "WARN"]);
  assertStringIncludes(check.summary, "commits by sase (and by agents) will fail");
  assertStringIncludes(check.next_steps[0], "git config --global user.email");
  const human = await runSase(["doctor", "-C", "vcs.identity"], { env, cwd: sb.cwd });
  assertStringIncludes(human.stdout, "WARN  vcs.identity: git has no user identity");

  await sb.write(
    "home/.gitconfig",
    "[user]\n\tuseConfigOnly = true\n\tname = Ada Lovelace\n\temail = ada@example.invalid\n",
  );
  const set = JSON.parse(
    (await runSase(["doctor", "-j", "-C", "vcs.identity"], { env, cwd: sb.cwd })).stdout,
  ).checks[0];
  assertEquals([set.status, set.summary], ["OK", "commits as Ada Lovelace <ada@example.invalid>"]);
  // The GIT_* variables a user exports win over the config, as they do for `git commit`.
  const exported = JSON.parse(
    (await runSase(["doctor", "-j", "-C", "vcs.identity"], { env: sb.env, cwd: sb.cwd })).stdout,
  ).checks[0];
  assertEquals(exported.summary, "commits as Sase Test <test@example.invalid>");
});

Deno.test("with no agent CLI installed, both llm checks point at the offline fakey provider", async () => {
  await using sb = await makeSandbox();
  const env = { ...sb.env, PATH: await gitOnlyPath(sb) };
  const report = JSON.parse(
    (await runSase(["doctor", "-j", "-C", "llm"], { env, cwd: sb.cwd })).stdout,
  );
  assertEquals(report.checks.map((check: { id: string }) => check.id), [
    "llm.registry",
    "llm.default",
  ]);
  for (const check of report.checks) {
    assertEquals(check.status, "WARN", check.id);
    const offline = check.next_steps.find((step: string) => step.includes("`fakey` provider"));
    assert(offline, `${check.id} mentions fakey: ${JSON.stringify(check.next_steps)}`);
    assertStringIncludes(offline, "`sase run '%model:fakey/reply Hello'`");
  }
  // The step it suggests really works offline.
  const run = await runSase(["run", "%model:fakey/reply Hello"], { env, cwd: sb.cwd });
  assertEquals(run.code, 0, run.stderr);
  assertEquals(run.stdout, "Hello from fakey. You asked: Hello\n");
});

Deno.test("the compact report counts checks in the singular and the plural", async () => {
  await using sb = await makeSandbox();
  const one = await runSase(["doctor", "-C", "vcs.git"], { env: sb.env, cwd: sb.cwd });
  assertEquals(one.code, 0, one.stderr);
  assertEquals(one.stdout.split("\n").slice(0, 2), ["vcs", "  OK    1 check"]);
  const two = await runSase(["doctor", "-C", "runtime"], { env: sb.env, cwd: sb.cwd });
  assertEquals(two.stdout.split("\n").slice(0, 2), ["runtime", "  OK    2 checks"]);
  const store = join(sb.saseHome, "notifications", "notifications.jsonl");
  const record = (id: string) =>
    JSON.stringify({ id, timestamp: "2026-01-02T03:04:05Z", sender: "test", notes: ["hi"] });
  await sb.write("home/.sase/notifications/notifications.jsonl", `${record("a")}\n{torn`);
  const summary = async () =>
    JSON.parse(
      (await runSase(["doctor", "-j", "-C", "state.notifications"], { env: sb.env, cwd: sb.cwd }))
        .stdout,
    ).checks[0].summary;
  assertEquals(await summary(), `1 unreadable line in ${store}`);
  await Deno.writeTextFile(store, `${record("a")}\n`);
  assertEquals(await summary(), "1 notification readable");
  await Deno.writeTextFile(store, `${record("a")}\n${record("b")}\n`);
  assertEquals(await summary(), "2 notifications readable");
});

Deno.test("doctor -p takes a registered project or alias, or one with agent records; anything else is an error", async () => {
  await using sb = await makeSandbox();
  await sb.write(
    "home/.sase/projects/widgets/widgets.sase",
    "PROJECT_ALIASES: wdg\n\nNAME: w\nSTATUS: WIP\n",
  );
  await Deno.mkdir(join(sb.saseHome, "projects", "scratch", "artifacts"), { recursive: true });
  const project = async (name: string) => {
    const result = await runSase(["doctor", "-j", "-C", "runtime", "-p", name], {
      env: sb.env,
      cwd: sb.cwd,
    });
    assertEquals(result.code, 0, result.stderr);
    return JSON.parse(result.stdout).project;
  };
  assertEquals(await project("widgets"), "widgets");
  assertEquals(await project("wdg"), "widgets");
  assertEquals(await project("scratch"), "scratch");
  const unknown = await runSase(["doctor", "-C", "runtime", "-p", "nosuch"], {
    env: sb.env,
    cwd: sb.cwd,
  });
  assertEquals([unknown.code, unknown.stdout], [1, ""]);
  assertEquals(
    unknown.stderr,
    "error: no project named 'nosuch'\nhint: known projects: scratch, widgets; see `sase project list --state all`\n",
  );
  const path = await runSase(["doctor", "-p", "../widgets"], { env: sb.env, cwd: sb.cwd });
  assertEquals(path.code, 2);
  assertStringIncludes(path.stderr, 'error: invalid project name "../widgets"');
});

Deno.test("vcs.git asks git its version only when the report shows it (-v, -j), never for the compact report", async () => {
  await using sb = await makeSandbox();
  // A git on PATH that notes each command line, then runs the real git.
  const real = await which("git", Deno.env.get("PATH"));
  assert(real, "git is installed");
  const log = join(sb.root, "git-calls.log");
  const bin = join(sb.root, "bin");
  await sb.write("bin/git", `#!/bin/sh\necho "$*" >> '${log}'\nexec '${real}' "$@"\n`);
  await Deno.chmod(join(bin, "git"), 0o755);
  const env = { ...sb.env, PATH: `${bin}:/usr/bin:/bin` };
  const calls = async () => (await Deno.readTextFile(log).catch(() => "")).split("\n");
  const version = (await new Deno.Command(real, { args: ["--version"] }).output()).stdout;
  const expected = new TextDecoder().decode(version).trim();

  const compact = await runSase(["doctor", "-C", "vcs"], { env, cwd: sb.cwd });
  assertEquals(compact.code, 0, compact.stderr);
  assertEquals(compact.stdout.split("\n").slice(0, 2), ["vcs", "  OK    2 checks"]);
  assertEquals((await calls()).filter((line) => line === "--version"), []);
  // The identity check still asks git: its status depends on the answer.
  assertEquals((await calls()).filter((line) => line.startsWith("var ")).length, 2);

  const verbose = await runSase(["doctor", "-v", "-C", "vcs.git"], { env, cwd: sb.cwd });
  assertStringIncludes(verbose.stdout, `  OK    vcs.git: ${expected}\n`);
  const json = JSON.parse(
    (await runSase(["doctor", "-j", "-C", "vcs.git"], { env, cwd: sb.cwd })).stdout,
  );
  assertEquals(json.checks[0].summary, expected);
  assertEquals(json.checks[0].data, { path: join(bin, "git"), version: expected });
  assertEquals((await calls()).filter((line) => line === "--version").length, 2);
});
