/**
 * Workflow `bash:` and `python:` steps run in the agents' jail (README
 * "Sandbox"): a step's text may carry an agent's output, and a workflow may
 * come from a cloned repository. With the real jail, a step that tries to
 * escape fails at each attempt while its own workspace work succeeds; a
 * failed step's error names what the jail denied; `sandbox.providers.workflow`
 * widens the steps' scope (here: one host) or sets their mode.
 */

import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { runSase } from "../_helpers/cli.ts";
import { attemptLine, localServer, viaProxy } from "../_helpers/local_server.ts";
import { readJsonFile, runDirs } from "../_helpers/runs.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { haveTool, needing } from "../_helpers/tools.ts";
import { shellQuote } from "../../core/self_command.ts";

const linuxOnly = Deno.build.os !== "linux";
const curl = await haveTool("curl");

/** Fetch from the local server through the jail's proxy. */
function fetchLocal(port: number): string {
  return viaProxy(`http://127.0.0.1:${port}/`);
}

/** Write `xprompts/escape.yml`: one bash step per line of `lines`, then a python step. */
async function writeEscape(sb: Sandbox, lines: string[]): Promise<void> {
  const bash = ["mkdir -p results", ...lines].map((line) => `      ${line}`).join("\n");
  await sb.write(
    "work/xprompts/escape.yml",
    [
      "steps:",
      "  - name: escape",
      "    bash: |",
      bash,
      "  - name: py",
      "    python: |",
      `      open("results/python_own", "w").write("ok")`,
      "      try:",
      `          open(${JSON.stringify(join(sb.root, "py_outside.txt"))}, "w").write("x")`,
      `          open("results/python_outside", "w").write("succeeded")`,
      "      except OSError as error:",
      `          open("results/python_outside", "w").write("failed " + str(error))`,
      "",
    ].join("\n"),
  );
}

async function result(sb: Sandbox, name: string): Promise<string> {
  return await Deno.readTextFile(join(sb.cwd, "results", name));
}

Deno.test({
  name: needing(
    "jail: a workflow step's escape attempts fail, its own work succeeds",
    "curl",
    curl,
  ),
  ignore: linuxOnly || !curl,
  async fn() {
    await using sb = await makeSandbox();
    await using server = localServer();
    await sb.write("home/.ssh/id_rsa", "FAKE-PRIVATE-KEY\n");
    const inbox = join(sb.saseHome, "notifications", "notifications.jsonl");
    await writeEscape(sb, [
      attemptLine("read_ssh_key", `cat ${shellQuote(join(sb.home, ".ssh", "id_rsa"))}`),
      attemptLine("write_outside", `echo escaped > ${shellQuote(join(sb.root, "outside.txt"))}`),
      attemptLine("write_inbox", `echo '{"forged":true}' >> ${shellQuote(inbox)}`),
      attemptLine("other_provider_key", "printenv OPENAI_API_KEY"),
      attemptLine("own_variable", "printenv SASE_WORKFLOW_NAME"),
      attemptLine("fetch_local", fetchLocal(server.port)),
      attemptLine("write_own", "echo mine > mine.txt"),
    ]);
    const run = await runSase(["run", `#cd:${sb.cwd} #!escape`], {
      env: { ...sb.env, OPENAI_API_KEY: "sk-FAKE-OPENAI" },
      cwd: sb.cwd,
    });
    assertEquals(run.code, 0, run.stdout + run.stderr);
    const [dir] = await runDirs(sb);
    assertEquals((await readJsonFile(join(dir, "sandbox.json")))?.mode, "jail");
    assertEquals((await readJsonFile(join(dir, "sandbox.json")))?.provider, "workflow");

    assertStringIncludes(await result(sb, "read_ssh_key"), "failed");
    assert(!(await result(sb, "read_ssh_key")).includes("FAKE-PRIVATE-KEY"));
    assertStringIncludes(await result(sb, "write_outside"), "failed");
    assertEquals(await Deno.stat(join(sb.root, "outside.txt")).catch(() => null), null);
    assertStringIncludes(await result(sb, "write_inbox"), "failed");
    const notes = await Deno.readTextFile(inbox).catch(() => "");
    assert(!notes.includes("forged"), notes);
    assertEquals(await result(sb, "other_provider_key"), "failed ");
    assertEquals(await result(sb, "own_variable"), "succeeded escape");
    assertStringIncludes(await result(sb, "fetch_local"), "failed");
    assertEquals(server.hits(), 0);
    assertEquals(await result(sb, "write_own"), "succeeded ");
    assertEquals(await Deno.readTextFile(join(sb.cwd, "mine.txt")), "mine\n");
    assertEquals(await result(sb, "python_own"), "ok");
    assertStringIncludes(await result(sb, "python_outside"), "failed");
    assertEquals(await Deno.stat(join(sb.root, "py_outside.txt")).catch(() => null), null);
  },
});

Deno.test({
  name: "jail: a failed step's error names the path the jail denied it",
  ignore: linuxOnly,
  async fn() {
    await using sb = await makeSandbox();
    const outside = join(sb.root, "outside.txt");
    await sb.write(
      "work/xprompts/denied.yml",
      `steps:\n  - { name: leak, bash: 'echo x > ${outside}' }\n`,
    );
    const run = await runSase(["run", `#cd:${sb.cwd} #!denied`], { env: sb.env, cwd: sb.cwd });
    assertEquals(run.code, 1, run.stdout + run.stderr);
    const [dir] = await runDirs(sb);
    const report = await Deno.readTextFile(join(dir, "error_report.txt"));
    assertStringIncludes(report, "Bash step 'leak' failed (exit code 1)");
    assertStringIncludes(report, `the jail denied: deny openat ${outside}`);
    const sandbox = await readJsonFile(join(dir, "sandbox.json"));
    assertStringIncludes(JSON.stringify(sandbox?.violations), outside);
  },
});

Deno.test({
  name: needing("jail: sandbox.providers.workflow opens a host to steps", "curl", curl),
  ignore: linuxOnly || !curl,
  async fn() {
    await using sb = await makeSandbox();
    await using server = localServer();
    await sb.write(
      "home/.config/sase/sase.yml",
      `sandbox:\n  providers:\n    workflow:\n      hosts: ["127.0.0.1:${server.port}"]\n`,
    );
    await writeEscape(sb, [attemptLine("fetch_local", fetchLocal(server.port))]);
    const run = await runSase(["run", `#cd:${sb.cwd} #!escape`], { env: sb.env, cwd: sb.cwd });
    assertEquals(run.code, 0, run.stdout + run.stderr);
    assertEquals(await result(sb, "fetch_local"), "succeeded reached");
    assertEquals(server.hits(), 1);
    const [dir] = await runDirs(sb);
    assertEquals(
      (await readJsonFile(join(dir, "sandbox.json")))?.hosts,
      [`127.0.0.1:${server.port}`],
    );
  },
});

Deno.test("permissions mode for workflow steps: they reach what the user can, with a filtered environment", async () => {
  await using sb = await makeSandbox();
  await sb.write(
    "home/.config/sase/sase.yml",
    "sandbox:\n  providers:\n    workflow: { mode: permissions }\n",
  );
  await writeEscape(sb, [
    attemptLine("write_outside", `echo escaped > ${shellQuote(join(sb.root, "outside.txt"))}`),
    attemptLine("other_provider_key", "printenv OPENAI_API_KEY"),
  ]);
  const run = await runSase(["run", `#cd:${sb.cwd} #!escape`], {
    env: { ...sb.env, OPENAI_API_KEY: "sk-FAKE-OPENAI" },
    cwd: sb.cwd,
  });
  assertEquals(run.code, 0, run.stdout + run.stderr);
  assertEquals(await result(sb, "write_outside"), "succeeded ");
  assertEquals(await result(sb, "other_provider_key"), "failed ");
  const [dir] = await runDirs(sb);
  assertEquals((await readJsonFile(join(dir, "sandbox.json")))?.mode, "permissions");
});

Deno.test({
  name:
    "jail: a workflow's environment reaches its agent steps, and an embedded workflow's its own steps and the agent",
  ignore: linuxOnly,
  async fn() {
    await using sb = await makeSandbox();
    // The agent records what it sees, in the workspace it may write.
    const record = (file: string) => ({
      shell: `printf '%s|%s' "$GREETING" "$WRAPPED" > ${file}`,
    });
    const agentScript = await sb.write(
      "agent.json",
      JSON.stringify({ steps: [record("agent_env.txt"), { text: "done" }] }),
    );
    await sb.write(
      "work/xprompts/greet.yml",
      [
        "input: { name: word }",
        "environment: { GREETING: 'hi {{ name }}' }",
        "steps:",
        `  - { name: ask, agent: '%model:fakey/${agentScript} go' }`,
        "",
      ].join("\n"),
    );
    const top = await runSase(["run", `#cd:${sb.cwd} #!greet(name=ann)`], {
      env: sb.env,
      cwd: sb.cwd,
    });
    assertEquals(top.code, 0, top.stdout + top.stderr);
    assertEquals(await Deno.readTextFile(join(sb.cwd, "agent_env.txt")), "hi ann|");

    const wrapScript = await sb.write(
      "wrapped.json",
      JSON.stringify({ steps: [record("wrapped_env.txt"), { text: "done" }] }),
    );
    await sb.write(
      "work/xprompts/wrap.yml",
      [
        "input: { tag: word }",
        "environment: { WRAPPED: 'w-{{ tag }}' }",
        "steps:",
        '  - { name: pre, bash: \'printf "%s" "$WRAPPED" > pre_env.txt\' }',
        "  - { name: inject, prompt_part: 'Tagged {{ tag }}.' }",
        "",
      ].join("\n"),
    );
    const wrapped = await runSase(
      ["run", `#cd:${sb.cwd} %model:fakey/${wrapScript} #wrap(t1) and go`],
      { env: sb.env, cwd: sb.cwd },
    );
    assertEquals(wrapped.code, 0, wrapped.stdout + wrapped.stderr);
    assertEquals(await Deno.readTextFile(join(sb.cwd, "pre_env.txt")), "w-t1");
    assertEquals(await Deno.readTextFile(join(sb.cwd, "wrapped_env.txt")), "|w-t1");
  },
});
