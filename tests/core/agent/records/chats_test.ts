import { join } from "node:path";
import { assertEquals, assertRejects } from "../../../_helpers/assert.ts";
import { makeSandbox } from "../../../_helpers/sandbox.ts";
import { SaseError } from "../../../../core/errors.ts";
import {
  chatPathForAgent,
  findChatByBasename,
  listChatFiles,
  looksLikeChatFile,
  resolveChatRef,
  resolveChatTarget,
} from "../../../../core/agent/records/chats.ts";
import { writeAgent } from "./_chats.ts";

async function threeChats(saseHome: string) {
  const old = await writeAgent(saseHome, {
    name: "old",
    stamp: "20251231235959",
    project: "alpha",
    prompt: "Fix the parser",
    response: "Fixed.",
  });
  const mid = await writeAgent(saseHome, {
    name: "mid",
    stamp: "20260101100000",
    project: "beta",
    prompt: "Write docs",
    response: "Written.",
  });
  const legacy = join(saseHome, "chats", "alpha--crs--editor--260102_080000.md");
  await Deno.writeTextFile(
    legacy,
    "# Chat History - crs (editor)\n\n**Timestamp** 2026-01-02 08:00:00\n\n" +
      "## Prompt\n\nReview the parser change\n\n## Response\n\nLooks good.\n",
  );
  await Deno.utime(old.chatPath, 1_000, 1_000);
  await Deno.utime(mid.chatPath, 2_000, 2_000);
  await Deno.utime(legacy, 3_000, 3_000);
  return { old, mid, legacy };
}

Deno.test("listChatFiles: sharded and top-level files, newest first, with metadata", async () => {
  await using sandbox = await makeSandbox();
  const { old, legacy } = await threeChats(sandbox.saseHome);
  const rows = await listChatFiles(sandbox.env);
  assertEquals(rows.map((row) => row.basename), [
    "alpha--crs--editor--260102_080000",
    "beta--ace_run--260101_100000",
    "alpha--ace_run--251231_235959",
  ]);
  assertEquals(rows[0].path, legacy);
  assertEquals(rows[2], {
    path: old.chatPath,
    basename: "alpha--ace_run--251231_235959",
    mtime: new Date(1_000_000).toISOString(),
    sizeBytes: (await Deno.stat(old.chatPath)).size,
    project: "alpha",
    workflow: "ace-run",
    agentType: "ace-run",
    agent: "old",
    model: "fakey/fakey-1",
    timestamp: "251231_235959",
    promptSnippet: "Fix the parser",
    responseSnippet: "Fixed.",
  });
  assertEquals(rows[0].agent, null);
});

Deno.test("listChatFiles filters: limit, query, agent, project; no chats dir", async () => {
  await using sandbox = await makeSandbox();
  assertEquals(await listChatFiles(sandbox.env), []);
  await threeChats(sandbox.saseHome);
  const names = async (options: Parameters<typeof listChatFiles>[1]) =>
    (await listChatFiles(sandbox.env, options)).map((row) => row.agent ?? row.workflow);
  assertEquals(await names({ limit: 2 }), ["crs", "mid"]);
  assertEquals(await names({ query: "PARSER" }), ["crs", "old"]);
  assertEquals(await names({ agent: "mid" }), ["mid"]);
  assertEquals(await names({ project: "alpha" }), ["crs", "old"]);
  assertEquals(await names({ project: "alpha", limit: 1, query: "fix" }), ["old"]);
});

Deno.test("resolution by agent name, basename and path", async () => {
  await using sandbox = await makeSandbox();
  const { mid, legacy } = await threeChats(sandbox.saseHome);
  assertEquals(await chatPathForAgent(sandbox.env, "mid"), mid.chatPath);
  assertEquals(await findChatByBasename(sandbox.env, "beta--ace_run--260101_100000"), mid.chatPath);
  assertEquals(
    await findChatByBasename(sandbox.env, "alpha--crs--editor--260102_080000.md"),
    legacy,
  );
  assertEquals(await findChatByBasename(sandbox.env, "nope"), undefined);
  assertEquals(await resolveChatTarget(sandbox.env, "mid"), mid.chatPath);
  assertEquals(await resolveChatTarget(sandbox.env, "beta--ace_run--260101_100000"), mid.chatPath);
  assertEquals(await resolveChatTarget(sandbox.env, legacy), legacy);
  assertEquals(
    await resolveChatRef(sandbox.env, { basename: "alpha--crs--editor--260102_080000" }),
    legacy,
  );
  assertEquals(
    await resolveChatRef(
      sandbox.env,
      { path: "alpha--crs--editor--260102_080000.md" },
      join(sandbox.saseHome, "chats"),
    ),
    legacy,
  );
  const missing = await assertRejects(
    () => resolveChatTarget(sandbox.env, "ghost"),
    SaseError,
    "ghost",
  );
  assertEquals((missing as SaseError).code, "chat.not_found");
  assertEquals(looksLikeChatFile("planner"), false);
  assertEquals(looksLikeChatFile("p--ace_run--260101_100000"), true);
  assertEquals(looksLikeChatFile("notes.md"), true);
});
