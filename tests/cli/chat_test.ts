import { assertEquals, assertMatch, assertStringIncludes } from "../_helpers/assert.ts";
import { runSase } from "../_helpers/cli.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";
import { writeAgent } from "../core/agent/records/_chats.ts";

Deno.test("sase chat list: table, -j rows newest first, filters, bare `sase chat`", async () => {
  await using sandbox = await makeSandbox();
  const planner = await writeAgent(sandbox.saseHome, {
    name: "planner",
    stamp: "20260101100000",
    prompt: "Plan the cache",
    response: "Plan ready.",
  });
  const coder = await writeAgent(sandbox.saseHome, {
    name: "coder",
    stamp: "20260101110000",
    project: "other",
    prompt: "Build the cache",
    response: "Built.",
  });
  await Deno.utime(planner.chatPath, 1_000, 1_000);
  await Deno.utime(coder.chatPath, 2_000, 2_000);

  const json = await runSase(["chat", "list", "-j"], { env: sandbox.env });
  assertEquals(json.code, 0, json.stderr);
  const rows = JSON.parse(json.stdout);
  assertEquals(rows.map((row: { agent: string }) => row.agent), ["coder", "planner"]);
  assertEquals(rows[1].path, planner.chatPath);
  assertEquals(rows[1].prompt_snippet, "Plan the cache");

  const filtered = await runSase(["chat", "list", "-j", "-p", "proj", "-l", "5"], {
    env: sandbox.env,
  });
  assertEquals(JSON.parse(filtered.stdout).map((row: { agent: string }) => row.agent), [
    "planner",
  ]);

  const table = await runSase(["chat"], { env: sandbox.env });
  assertEquals(table.code, 0, table.stderr);
  assertStringIncludes(table.stdout, "Chat transcripts (2)");
  assertMatch(table.stdout, /coder\s+other--ace_run--260101_110000\s+Build the cache/);

  const bad = await runSase(["chat", "list", "--limit", "x"], { env: sandbox.env });
  assertEquals(bad.code, 2);
});

Deno.test("sase chat show: by agent, basename and path; formats; errors", async () => {
  await using sandbox = await makeSandbox();
  const { chatPath } = await writeAgent(sandbox.saseHome, {
    name: "planner",
    stamp: "20260101100000",
    prompt: "%name:planner Plan the cache {{ x }}",
    response: "Plan ready.",
  });
  const raw = await runSase(["chat", "show", "planner"], { env: sandbox.env });
  assertEquals(raw.code, 0, raw.stderr);
  assertEquals(raw.stdout, await Deno.readTextFile(chatPath));
  const byBasename = await runSase(["chat", "show", "-b", "proj--ace_run--260101_100000"], {
    env: sandbox.env,
  });
  assertEquals(byBasename.stdout, raw.stdout);

  const json = await runSase(["chat", "show", "--path", chatPath, "-j"], { env: sandbox.env });
  const shown = JSON.parse(json.stdout);
  assertEquals(
    [shown.schema_version, shown.agent, shown.prompt, shown.response, shown.body],
    [1, "planner", "%name:planner Plan the cache {{ x }}", "Plan ready.", raw.stdout],
  );

  const resume = await runSase(["chat", "show", "-n", "planner", "-f", "resume"], {
    env: sandbox.env,
  });
  assertEquals(resume.stdout, "**User:**\n\nPlan the cache\n\n**Assistant:**\n\nPlan ready.\n");
  const response = await runSase(["chat", "show", "planner", "-f", "response"], {
    env: sandbox.env,
  });
  assertEquals(response.stdout, "Plan ready.\n");

  const unknown = await runSase(["chat", "show", "ghost"], { env: sandbox.env });
  assertEquals(unknown.code, 1);
  assertStringIncludes(unknown.stderr, "'ghost' is neither an agent name nor a chat transcript");
  const none = await runSase(["chat", "show"], { env: sandbox.env });
  assertEquals(none.code, 2);
  const both = await runSase(["chat", "show", "planner", "-b", "x"], { env: sandbox.env });
  assertEquals(both.code, 2);
});
