/**
 * Which mode a launch runs in, and what each does to the provider CLI it
 * starts: a path-variable override of the CLI runs, confined like any
 * other (the trusted side resolves it and writes it into the entry); `off`
 * runs it unconfined with the whole environment.
 */

import { join } from "node:path";
import { assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { runSase } from "../_helpers/cli.ts";
import { readJsonFile, runDirs } from "../_helpers/runs.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";

/** A stand-in `claude` outside PATH that answers like Claude's stream-json, with what it sees. */
async function offPathClaude(sb: Sandbox): Promise<string> {
  const dir = join(sb.root, "elsewhere");
  await Deno.mkdir(dir, { recursive: true });
  const path = join(dir, "claude");
  await Deno.writeTextFile(
    path,
    "#!/bin/sh\ncat >/dev/null\n" +
      `printf '{"type":"result","subtype":"success","result":"key=%s tmp=%s"}\\n' ` +
      `"$OPENAI_API_KEY" "$TMPDIR"\n`,
  );
  await Deno.chmod(path, 0o755);
  return path;
}

Deno.test({
  name: "a provider CLI named by its path variable runs in the jail, with a filtered environment",
  ignore: Deno.build.os !== "linux",
  async fn() {
    await using sb = await makeSandbox();
    const binary = await offPathClaude(sb);
    const env = { ...sb.env, SASE_CLAUDE_PATH: binary, OPENAI_API_KEY: "sk-other-provider" };
    const result = await runSase(["run", "%model:claude/sonnet hello"], { env, cwd: sb.cwd });
    assertEquals(result.code, 0, result.stderr);
    // Another provider's key is not passed; TMPDIR is the run's private directory.
    assertStringIncludes(result.stdout, "key= tmp=/");
    const [dir] = await runDirs(sb);
    const record = await readJsonFile(join(dir, "sandbox.json"));
    assertEquals([record?.mode, record?.provider], ["jail", "claude"]);
    const tmp = /tmp=(\S+)/.exec(result.stdout)![1];
    assertEquals((record?.write as string[]).includes(tmp), true);
    // The private temp directory is gone with the attempt.
    assertEquals(await Deno.stat(tmp).catch(() => null), null);
  },
});

Deno.test("sandbox.mode: off runs the provider CLI unconfined, with the whole environment", async () => {
  await using sb = await makeSandbox();
  const binary = await offPathClaude(sb);
  await Deno.writeTextFile(join(sb.configDir, "sase.yml"), "sandbox:\n  mode: off\n");
  const result = await runSase(["run", "%model:claude/sonnet hello"], {
    env: { ...sb.env, SASE_CLAUDE_PATH: binary, OPENAI_API_KEY: "sk-other-provider", TMPDIR: "/x" },
    cwd: sb.cwd,
  });
  assertEquals(result.code, 0, result.stderr);
  assertEquals(result.stdout, "key=sk-other-provider tmp=/x\n");
  const [dir] = await runDirs(sb);
  const record = await readJsonFile(join(dir, "sandbox.json"));
  assertEquals([record?.mode, record?.env, record?.write], ["off", null, null]);
});
