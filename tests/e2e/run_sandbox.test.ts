import { join } from "node:path";
import { assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { runSase } from "../_helpers/cli.ts";
import { readJsonFile, runDirs } from "../_helpers/runs.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";

/** A stand-in `claude` outside PATH that answers like Claude's stream-json. */
async function offPathClaude(sb: Sandbox): Promise<string> {
  const dir = join(sb.root, "elsewhere");
  await Deno.mkdir(dir, { recursive: true });
  const path = join(dir, "claude");
  const result = JSON.stringify({ type: "result", subtype: "success", result: "stub says hi" });
  await Deno.writeTextFile(path, `#!/bin/sh\ncat >/dev/null\necho '${result}'\n`);
  await Deno.chmod(path, 0o755);
  return path;
}

Deno.test("a provider binary outside the sandbox's run list fails the launch with the permission named", async () => {
  await using sb = await makeSandbox();
  const binary = await offPathClaude(sb);
  const env = { ...sb.env, SASE_CLAUDE_PATH: binary };
  const denied = await runSase(["run", "%model:claude/sonnet hello"], { env, cwd: sb.cwd });
  assertEquals(denied.code, 1, denied.stdout);
  assertStringIncludes(denied.stderr, `run access to "${binary}"`);
  const [dir] = await runDirs(sb);
  const done = await readJsonFile(join(dir, "done.json"));
  assertEquals(done?.outcome, "failed");
  assertStringIncludes(String(done?.error), `--allow-run=${binary}`);
  assertStringIncludes(String(done?.error), "sandbox.run");

  // Listing it under sandbox.run widens the sandbox and the same launch runs.
  await Deno.writeTextFile(join(sb.configDir, "sase.yml"), `sandbox:\n  run: [${binary}]\n`);
  const allowed = await runSase(["run", "%model:claude/sonnet hello"], { env, cwd: sb.cwd });
  assertEquals(allowed.code, 0, allowed.stderr);
  assertEquals(allowed.stdout, "stub says hi\n");
});

Deno.test("sandbox.enabled: false runs attempts unsandboxed", async () => {
  await using sb = await makeSandbox();
  const binary = await offPathClaude(sb);
  await Deno.writeTextFile(join(sb.configDir, "sase.yml"), "sandbox:\n  enabled: false\n");
  const result = await runSase(["run", "%model:claude/sonnet hello"], {
    env: { ...sb.env, SASE_CLAUDE_PATH: binary },
    cwd: sb.cwd,
  });
  assertEquals(result.code, 0, result.stderr);
  assertEquals(result.stdout, "stub says hi\n");
});
