import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { dirname, join } from "node:path";
import { which } from "../../core/fs/which.ts";

// The real Claude Code CLI, installed from npm once into a shared temp cache.
const CACHE = join(Deno.env.get("TMPDIR") ?? "/tmp", "sase-test-claude-code");

async function claudeBinary(): Promise<string> {
  const onPath = await which("claude", Deno.env.get("PATH"));
  if (onPath) return onPath;
  const cached = join(CACHE, "node_modules", ".bin", "claude");
  if (await which(cached, undefined)) return cached;
  try {
    const install = await new Deno.Command("npm", {
      args: ["install", "--no-audit", "--no-fund", "--prefix", CACHE, "@anthropic-ai/claude-code"],
      stdout: "null",
      stderr: "piped",
    }).output();
    if (install.success && await which(cached, undefined)) return cached;
    return `npm install failed: ${new TextDecoder().decode(install.stderr).slice(-300)}`;
  } catch (error) {
    return `npm is not available: ${error}`;
  }
}

const binary = await claudeBinary();
const available = binary.startsWith("/");
if (!available) console.log(`skipping the real-claude test: ${binary}`);

Deno.test({
  name: "real claude CLI, not logged in: outcome failed with the CLI's own error text",
  ignore: !available,
  async fn() {
    await using sb = await makeSandbox();
    // On PATH, as an npm install puts it: the launch sandbox trusts provider CLIs found there.
    const env: Record<string, string> = { ...sb.env, PATH: `${dirname(binary)}:${sb.env.PATH}` };
    // Claude refuses --dangerously-skip-permissions as root unless told it is sandboxed.
    if (Deno.uid() === 0) env.IS_SANDBOX = "1";
    const result = await runSase(["run", "%model:claude/sonnet Say hi"], { env, cwd: sb.cwd });
    assertEquals(result.code, 1, result.stdout + result.stderr);
    const done = await findDone(sb.saseHome);
    assertEquals(done.outcome, "failed");
    assertEquals([done.provider, done.model], ["claude", "sonnet"]);
    assertStringIncludes(done.error.toLowerCase(), "log");
    assertStringIncludes(done.error, "claude exited with code 1");
    // It ran in the jail, which let it reach its API hosts and write its own state.
    const sandbox = JSON.parse(await Deno.readTextFile(join(done.dir, "sandbox.json")));
    assertEquals(sandbox.mode, "jail");
    assertStringIncludes(JSON.stringify(sandbox.hosts), "api.anthropic.com");
    assertStringIncludes(JSON.stringify(sandbox.write), join(sb.home, ".claude"));
    const state = await Array.fromAsync(Deno.readDir(join(sb.home, ".claude")));
    assert(state.length > 0, "claude wrote nothing into ~/.claude");
  },
});

async function findDone(root: string): Promise<Record<string, string>> {
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for await (const entry of Deno.readDir(dir)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory) stack.push(path);
      else if (entry.name === "done.json") {
        return { ...JSON.parse(await Deno.readTextFile(path)), dir };
      }
    }
  }
  throw new Error("no done.json");
}
