/**
 * `-j` output of the agent, workspace and chat commands uses snake_case keys
 * everywhere (issue 13, section 4). Keys under maps whose keys are data
 * (output variables, a wait's blocked reasons) are the user's, not ours.
 */

import { join } from "node:path";
import { assertEquals } from "../_helpers/assert.ts";
import { runSase } from "../_helpers/cli.ts";
import { makeGitRepo } from "../_helpers/git.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";

const DATA_MAPS = new Set(["output_variables", "wait_blocked", "flags"]);

/** Every key path in `value` that is not snake_case. */
function badKeys(value: unknown, path = "$"): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => badKeys(item, `${path}[${index}]`));
  }
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, item]) => [
    ...(/^[a-z][a-z0-9_]*$/.test(key) ? [] : [`${path}.${key}`]),
    ...(DATA_MAPS.has(key) ? [] : badKeys(item, `${path}.${key}`)),
  ]);
}

Deno.test("agent, workspace and chat -j output has snake_case keys only", async () => {
  await using sb = await makeSandbox();
  const repo = await makeGitRepo(join(sb.root, "proj"), sb.env);
  const sase = async (...args: string[]) => {
    const result = await runSase(args, { env: sb.env, cwd: repo });
    assertEquals(result.code, 0, `sase ${args.join(" ")}: ${result.stderr}`);
    return JSON.parse(result.stdout);
  };
  const outputs: Record<string, unknown> = {
    "run -j": await sase("run", "-j", `#cd:${repo} %n:one %m:fakey/reply hello`),
    "run -d -j": await sase("run", "-d", "-j", `#cd:${repo} %n:held %m:fakey/hang wait`),
  };
  outputs["agent kill -j"] = await sase("agent", "kill", "held", "-j");
  await sase("agent", "tag", "list", "-j");
  await runSase(["agent", "tag", "set", "one", "review"], { env: sb.env, cwd: repo });
  for (
    const args of [
      ["agent", "list", "-j", "-a"],
      ["agent", "show", "one", "-j"],
      ["agent", "tag", "list", "-j"],
      ["agent", "tag", "list", "one", "-j"],
      ["agent", "index", "status", "-j"],
      ["agent", "index", "verify", "-j"],
      ["agent", "index", "rebuild", "-j"],
      ["chat", "list", "-j"],
      ["chat", "show", "one", "-j"],
      ["workspace", "list", "-j"],
      ["workspace", "cleanup", "-s", "-n", "-j"],
      ["workspace", "repair", "-n", "-j"],
    ]
  ) {
    outputs[args.join(" ")] = await sase(...args);
  }
  const bad = Object.entries(outputs).flatMap(([command, value]) =>
    badKeys(value).map((path) => `${command}: ${path}`)
  );
  assertEquals(bad, []);
  // The two that used to leak camelCase carry their fields under snake_case names.
  const run = (outputs["run -j"] as { agents: Record<string, unknown>[] }).agents[0];
  assertEquals(Object.keys(run).filter((key) => key.includes("_")).sort(), [
    "chat_path",
    "retry_count",
    "session_id",
    "used_fallback",
  ]);
  const kill = outputs["agent kill -j"] as Record<string, unknown>;
  assertEquals([typeof kill.elapsed_ms, typeof kill.wrote_done, kill.outcome], [
    "number",
    "boolean",
    "killed",
  ]);
});
