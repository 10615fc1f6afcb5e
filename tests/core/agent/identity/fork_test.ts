import { join } from "node:path";
import {
  assertEquals,
  assertMatch,
  assertRejects,
  assertStringIncludes,
} from "../../../_helpers/assert.ts";
import { makeSandbox } from "../../../_helpers/sandbox.ts";
import { SaseError } from "../../../../core/errors.ts";
import { parseFlatTurns } from "../../../../core/agent/records/chat_history.ts";
import {
  forkedAgentPrompt,
  resolveForks,
  resumeHistory,
  resumeReference,
} from "../../../../core/agent/identity/fork.ts";
import { writeAgent } from "../records/_chats.ts";

Deno.test("#fork:<agent> resolves registry → done.json → transcript, sanitizing prompts", async () => {
  await using sandbox = await makeSandbox();
  const { chatPath } = await writeAgent(sandbox.saseHome, {
    name: "design",
    stamp: "20260101120000",
    prompt: "%name:design #git:sase Design the cache {{ detail }}.\n\n```\n#keep %keep\n```",
    response: "Use an LRU. #not_sanitized {{ reply }}",
  });
  const result = await resolveForks(
    "%wait:design\n#fork:design Implement the approved part only.",
    sandbox.env,
  );
  assertEquals(result.prompt, "%wait:design\nImplement the approved part only.");
  assertEquals(result.forkedFrom, [{ name: "design", chatPath: await Deno.realPath(chatPath) }]);
  assertEquals(parseFlatTurns(result.previousConversation ?? ""), [
    {
      prompt: "Design the cache.\n\n```\n#keep %keep\n```",
      response: "Use an LRU. #not_sanitized {{ reply }}",
    },
  ]);
  const agentPrompt = forkedAgentPrompt(result);
  assertMatch(agentPrompt, /^# Previous Conversation\n\n\*\*User:\*\*/);
  assertStringIncludes(agentPrompt, "---\n\n# New Query\n\n%wait:design\nImplement");
  assertEquals(await resolveForks("no forks", sandbox.env), { prompt: "no forks", forkedFrom: [] });
});

Deno.test("forks expand recursively through embedded history and nested refs; cycles stop", async () => {
  await using sandbox = await makeSandbox();
  await writeAgent(sandbox.saseHome, {
    name: "a",
    stamp: "20260101100000",
    prompt: "Step A",
    response: "Did A",
  });
  // b was launched from a: its transcript embeds a's history (runner style).
  const b = await writeAgent(sandbox.saseHome, {
    name: "b",
    stamp: "20260101110000",
    previousConversation: "**User:**\n\nStep A\n\n**Assistant:**\n\nDid A",
    prompt: "Step B",
    response: "Did B",
  });
  // c's transcript still carries the reference itself (legacy style).
  await writeAgent(sandbox.saseHome, {
    name: "c",
    stamp: "20260101120000",
    prompt: `#resume_by_chat:${b.chatPath} Step C`,
    response: "Did C",
  });
  const fromC = await resolveForks("#fork:c Step D", sandbox.env);
  assertEquals(parseFlatTurns(fromC.previousConversation ?? "").map((turn) => turn.prompt), [
    "Step A",
    "Step B",
    "Step C",
  ]);

  // x and y reference each other: each transcript appears once, no endless loop.
  const xChat = join(sandbox.saseHome, "chats", "202601", "proj--ace_run--260101_130000.md");
  await writeAgent(sandbox.saseHome, {
    name: "y",
    stamp: "20260101140000",
    prompt: `#fork_by_chat:${xChat} Step Y`,
    response: "Did Y",
  });
  await writeAgent(sandbox.saseHome, {
    name: "x",
    stamp: "20260101130000",
    prompt: "#fork:y Step X",
    response: "Did X",
  });
  const fromX = await resolveForks("#fork:x next", sandbox.env);
  assertEquals(parseFlatTurns(fromX.previousConversation ?? "").map((turn) => turn.prompt), [
    "Step Y",
    "Step X",
  ]);
  assertEquals(
    parseFlatTurns(await resumeHistory(xChat, sandbox.env)).map((turn) => turn.response),
    ["Did Y", "Did X"],
  );
});

Deno.test("several sources get one section each; duplicates collapse", async () => {
  await using sandbox = await makeSandbox();
  await writeAgent(sandbox.saseHome, {
    name: "p",
    stamp: "20260101100000",
    prompt: "P",
    response: "p",
  });
  await writeAgent(sandbox.saseHome, {
    name: "q",
    stamp: "20260101110000",
    prompt: "Q",
    response: "q",
  });
  const result = await resolveForks("#fork(p, q) #resume:p merge", sandbox.env);
  assertEquals(result.prompt, "merge");
  assertEquals(result.forkedFrom.map((source) => source.name), ["p", "q"]);
  assertStringIncludes(result.previousConversation ?? "", "### Conversation 1 of 2 — agent `p`");
  assertStringIncludes(result.previousConversation ?? "", "### Conversation 2 of 2 — agent `q`");
  assertEquals(parseFlatTurns(result.previousConversation ?? ""), [
    { prompt: "P", response: "p" },
    { prompt: "Q", response: "q" },
  ]);
});

Deno.test("#fork_by_chat takes a basename or a path", async () => {
  await using sandbox = await makeSandbox();
  const { chatPath } = await writeAgent(sandbox.saseHome, {
    name: "n",
    stamp: "20260203040506",
    prompt: "Hi",
    response: "Hello",
  });
  const byName = await resolveForks("#fork_by_chat:proj--ace_run--260203_040506 more", sandbox.env);
  assertEquals(byName.forkedFrom, [{ chatPath: await Deno.realPath(chatPath) }]);
  const byPath = await resolveForks(`#fork_by_chat:${chatPath} more`, sandbox.env);
  assertEquals(byPath.previousConversation, byName.previousConversation);
});

Deno.test("clear errors: unknown agent, unfinished agent, missing transcript, no target", async () => {
  await using sandbox = await makeSandbox();
  const fail = async (prompt: string) => {
    return (await assertRejects(() => resolveForks(prompt, sandbox.env), SaseError)) as SaseError;
  };
  assertEquals((await fail("#fork:ghost x")).code, "chat.unknown_agent");
  await writeAgent(sandbox.saseHome, {
    name: "busy",
    stamp: "20260101100000",
    prompt: "p",
    response: "r",
    finished: false,
  });
  const busy = await fail("#fork:busy x");
  assertEquals(busy.code, "chat.agent_unfinished");
  assertStringIncludes(busy.hint ?? "", "%wait:busy");
  const gone = await writeAgent(sandbox.saseHome, {
    name: "gone",
    stamp: "20260101110000",
    prompt: "p",
    response: "r",
  });
  await Deno.remove(gone.chatPath);
  assertEquals((await fail("#fork:gone x")).code, "chat.missing");
  assertEquals((await fail("#fork_by_chat:nope--ace_run--260101_000000 x")).code, "chat.not_found");
  assertEquals((await fail("#fork_by_chat:/no/such.md x")).code, "chat.missing");
  assertEquals((await fail("#fork() x")).kind, "usage");
});

Deno.test("resumeReference turns a --resume value into the reference to prepend", () => {
  assertEquals(resumeReference("planner"), "#fork:planner");
  assertEquals(resumeReference("build-0.f1"), "#fork:build-0.f1");
  assertEquals(
    resumeReference("proj--ace_run--260101_120000"),
    "#fork_by_chat:proj--ace_run--260101_120000",
  );
  assertEquals(resumeReference("~/.sase/chats/x.md"), "#fork_by_chat:~/.sase/chats/x.md");
  assertEquals(resumeReference("/tmp/a b.md"), "#fork_by_chat:`/tmp/a b.md`");
  assertEquals(resumeReference("#fork:x"), "#fork:x");
});
