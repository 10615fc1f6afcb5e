import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";
import { runDirs } from "../_helpers/runs.ts";
import { runSase } from "../_helpers/cli.ts";
import { join } from "node:path";

async function json(path: string) {
  return JSON.parse(await Deno.readTextFile(path));
}

Deno.test("fakey reply: foreground output matches live_reply.md; artifacts, chat and notification", async () => {
  await using sb = await makeSandbox();
  const result = await runSase(["run", "%model:fakey/reply Say hello"], {
    env: sb.env,
    cwd: sb.cwd,
  });
  assertEquals(result.code, 0, result.stderr);
  const [dir] = await runDirs(sb);
  const reply = await Deno.readTextFile(join(dir, "live_reply.md"));
  assertEquals(reply, "Hello from fakey. You asked: Say hello");
  assertEquals(result.stdout, reply + "\n");
  const done = await json(join(dir, "done.json"));
  assertEquals([done.outcome, done.provider, done.model, done.name], [
    "completed",
    "fakey",
    "reply",
    "0",
  ]);
  const meta = await json(join(dir, "agent_meta.json"));
  assertEquals(meta.session_id, done.session_id);
  assertEquals(meta.raw_model, "fakey/reply");
  assertEquals(await Deno.readTextFile(join(dir, "ace-run_prompt.md")), "Say hello");
  assertEquals(
    await Deno.readTextFile(join(dir, "raw_xprompt.md")),
    "%model:fakey/reply Say hello",
  );
  assertEquals((await json(join(dir, "usage.json"))).input_tokens > 0, true);
  const chat = await Deno.readTextFile(done.response_path);
  assertStringIncludes(chat, "**MODEL** fakey/reply");
  assertStringIncludes(chat, "## Response\n\nHello from fakey.");
  assert(done.response_path.includes(`/chats/${done.timestamp.slice(0, 6)}/home--ace_run--`));
  assertStringIncludes(await Deno.readTextFile(join(dir, "sase.md")), "### RESPONSE:");
  const notes = await Deno.readTextFile(join(sb.saseHome, "notifications", "notifications.jsonl"));
  assertStringIncludes(notes, '"action":"JumpToAgent"');
});

Deno.test("fakey script via stdin prompt: agent env, file edits and tool calls recorded", async () => {
  await using sb = await makeSandbox();
  const script = await sb.write(
    "script.yaml",
    [
      "steps:",
      '  - shell: printf \'%s|%s|%s|%s\' "$SASE_AGENT" "$SASE_AGENT_NAME" "$SASE_AGENT_TIMESTAMP" "$SASE_ARTIFACTS_DIR" > env.txt',
      "  - write: notes/out.md",
      "    content: written by the agent",
      "  - text: all done",
    ].join("\n"),
  );
  const result = await runSase(["run"], {
    env: { ...sb.env, SASE_FAKEY_SCRIPT: script },
    cwd: sb.cwd,
    stdin: `#cd:${sb.cwd} %m:fakey/scripted\nplease edit`,
  });
  assertEquals(result.code, 0, result.stderr);
  const [dir] = await runDirs(sb);
  const [agent, name, stamp, artifacts] = (await Deno.readTextFile(join(sb.cwd, "env.txt"))).split(
    "|",
  );
  assertEquals([agent, name, artifacts], ["1", "0", dir]);
  assertEquals(stamp, dir.split("/").at(-1));
  assertEquals(await Deno.readTextFile(join(sb.cwd, "notes", "out.md")), "written by the agent");
  const rows = (await Deno.readTextFile(join(dir, "tool_calls.jsonl"))).trim().split("\n").map((
    line,
  ) => JSON.parse(line));
  assertEquals(rows.map((row) => `${row.event}:${row.tool_name}:${row.status}`), [
    "ToolUse:Bash:pending",
    "ToolResult:Bash:success",
    "ToolUse:Write:pending",
    "ToolResult:Write:success",
  ]);
  assertEquals(rows[2].tool_input_summary.content_length, "written by the agent".length);
});

Deno.test("fakey failure and missing result: exit 1, outcome failed, error text kept", async () => {
  await using sb = await makeSandbox();
  const failed = await runSase(["run", "%model:fakey/fail x"], { env: sb.env, cwd: sb.cwd });
  assertEquals(failed.code, 1);
  assertStringIncludes(failed.stderr, "fakey: scripted failure");
  const noResult = await runSase(["run", "%model:fakey/noresult x"], { env: sb.env, cwd: sb.cwd });
  assertEquals(noResult.code, 1);
  const [first, second] = await runDirs(sb);
  const done1 = await json(join(first, "done.json"));
  assertEquals(done1.outcome, "failed");
  assertStringIncludes(done1.error, "fakey exited with code 1: fakey: scripted failure");
  assertStringIncludes(
    await Deno.readTextFile(join(first, "error_report.txt")),
    "scripted failure",
  );
  const done2 = await json(join(second, "done.json"));
  assertEquals(done2.outcome, "failed");
  assertStringIncludes(done2.error, "ended without a result event");
  assertEquals(await Deno.readTextFile(join(second, "live_reply.md")), "A partial answer");
});

Deno.test("fakey retryable failure: retried, then the fallback model, with linked attempt records", async () => {
  await using sb = await makeSandbox();
  await sb.write(
    "home/.config/sase/sase.yml",
    "llm_provider:\n  retry:\n    fakey:\n      max_retries: 1\n      wait_times: [0]\n      fallback_model: fakey/reply\n",
  );
  const result = await runSase(["run", "%model:fakey/retryable go"], { env: sb.env, cwd: sb.cwd });
  assertEquals(result.code, 0, result.stderr);
  const [dir] = await runDirs(sb);
  const done = await json(join(dir, "done.json"));
  assertEquals(done.outcome, "completed");
  assertEquals([done.retry_count, done.used_fallback, done.fallback_model], [1, true, "reply"]);
  assertEquals(done.retry_errors.length, 2);
  const first = await json(join(dir, "attempts", "1", "attempt.json"));
  const second = await json(join(dir, "attempts", "2", "attempt.json"));
  assertEquals([first.model, second.model], ["retryable", "retryable"]);
  assertStringIncludes(first.error, "FAKEY-RETRYABLE");
  // The final attempt got the continuation nudge, once.
  const reply = await Deno.readTextFile(join(dir, "live_reply.md"));
  assertStringIncludes(reply, "Your previous attempt");
  assertEquals((await json(join(dir, "agent_meta.json"))).model, "reply");
});

Deno.test("__fakey is hidden from help but runnable; bad prompts are usage errors", async () => {
  await using sb = await makeSandbox();
  const help = await runSase(["--help"], { env: sb.env });
  assertEquals(help.stdout.includes("__fakey"), false);
  assertStringIncludes(help.stdout, "  run ");
  const direct = await runSase(["__fakey", "--model", "reply"], { env: sb.env, stdin: "ping" });
  assertEquals(direct.code, 0);
  const lines = direct.stdout.trim().split("\n").map((line) => JSON.parse(line));
  assertEquals(lines[0].type, "system");
  assertEquals(lines.at(-1).type, "result");
  const unknown = await runSase(["run", "%model:fakey/nope x"], { env: sb.env, cwd: sb.cwd });
  assertEquals(unknown.code, 1);
  assertStringIncludes(unknown.stderr, "unknown scenario 'nope'");
  const empty = await runSase(["run", "%model:fakey/reply"], { env: sb.env, cwd: sb.cwd });
  assertEquals(empty.code, 2);
});

Deno.test("%model:fakey alone runs fakey's default reply scenario", async () => {
  await using sb = await makeSandbox();
  for (const directive of ["%model:fakey", "%m:fakey/"]) {
    const result = await runSase(["run", `${directive} Say hello`], { env: sb.env, cwd: sb.cwd });
    assertEquals(result.code, 0, `${directive}: ${result.stderr}`);
    assertEquals(result.stdout, "Hello from fakey. You asked: Say hello\n");
  }
  const dirs = await runDirs(sb);
  assertEquals(dirs.length, 2);
  for (const dir of dirs) {
    const done = await json(join(dir, "done.json"));
    assertEquals([done.outcome, done.provider, done.model], ["completed", "fakey", "reply"]);
  }
});

Deno.test("agent_meta.json ends with the run's final status: done, failed", async () => {
  await using sb = await makeSandbox();
  await runSase(["run", "%m:fakey/reply fine"], { env: sb.env, cwd: sb.cwd });
  await runSase(["run", "%m:fakey/fail broken"], { env: sb.env, cwd: sb.cwd });
  const metas = await Promise.all(
    (await runDirs(sb)).map((dir) => json(join(dir, "agent_meta.json"))),
  );
  assertEquals(metas.map((meta) => [meta.status, meta.outcome]), [
    ["done", "completed"],
    ["failed", "failed"],
  ]);
});

Deno.test("a corrupt prompt_history.json warns, stays untouched, and the launch proceeds", async () => {
  await using sb = await makeSandbox();
  const history = join(sb.saseHome, "prompt_history.json");
  await Deno.writeTextFile(history, "{not json");
  const foreground = await runSase(["run", "%m:fakey/reply still works"], {
    env: sb.env,
    cwd: sb.cwd,
  });
  assertEquals(foreground.code, 0, foreground.stderr);
  assertEquals(foreground.stdout, "Hello from fakey. You asked: still works\n");
  assertStringIncludes(
    foreground.stderr,
    `warning: prompt history not updated: ${history}: invalid JSON`,
  );
  const detached = await runSase(["run", "-d", "%m:fakey/reply also detached"], {
    env: sb.env,
    cwd: sb.cwd,
  });
  assertEquals(detached.code, 0, detached.stderr);
  assertStringIncludes(detached.stderr, "warning: prompt history not updated:");
  assertEquals(await Deno.readTextFile(history), "{not json");
  assertEquals((await runDirs(sb)).length, 2);
});

Deno.test({
  name: "artifacts holding prompts, replies and tool output are readable by the user only",
  ignore: Deno.build.os === "windows",
  async fn() {
    await using sb = await makeSandbox();
    const script = await sb.write(
      "tools.yaml",
      "steps:\n  - shell: echo API_TOKEN=hunter2\n  - text: done\n",
    );
    const ok = await runSase(["run", "%m:fakey/scripted list env"], {
      env: { ...sb.env, SASE_FAKEY_SCRIPT: script },
      cwd: sb.cwd,
    });
    assertEquals(ok.code, 0, ok.stderr);
    const failed = await runSase(["run", "%m:fakey/fail try"], { env: sb.env, cwd: sb.cwd });
    assertEquals(failed.code, 1);
    const [first, second] = await runDirs(sb);
    const mode = async (path: string) => ((await Deno.stat(path)).mode ?? 0) & 0o777;
    assertEquals(await mode(first), 0o700);
    for (
      const file of [
        "raw_xprompt.md",
        "ace-run_prompt.md",
        "launch.json",
        "agent_meta.json",
        "live_reply.md",
        "tool_calls.jsonl",
        "sase.md",
        "done.json",
      ]
    ) {
      assertEquals(await mode(join(first, file)), 0o600, file);
    }
    for (const file of ["stderr.log", "error_report.txt"]) {
      assertEquals(await mode(join(second, file)), 0o600, file);
    }
    const done = await json(join(first, "done.json"));
    assertEquals(await mode(done.response_path), 0o600);
    assertEquals(await mode(join(done.response_path, "..")), 0o700);
    // The tool's output preview is redacted like its command.
    const rows = (await Deno.readTextFile(join(first, "tool_calls.jsonl"))).trim().split("\n")
      .map((line) => JSON.parse(line));
    const result = rows.find((row) => row.event === "ToolResult");
    assertEquals(result.tool_response_summary.output_preview, "API_TOKEN=[REDACTED]\n");
    assert(!(await Deno.readTextFile(join(first, "tool_calls.jsonl"))).includes("hunter2"));
  },
});
