import { assertEquals } from "../../../_helpers/assert.ts";
import {
  formatFlatTurns,
  parseChatDocument,
  parseFlatTurns,
  snippet,
} from "../../../../core/agent/records/chat_history.ts";
import { chatBody } from "../../../../core/agent/records/transcript.ts";

const base = {
  branchOrWorkspace: "proj",
  workflow: "ace-run",
  agentType: "ace-run",
  timestamp: "260102_030405",
  displayTimestamp: "2026-01-02 03:04:05",
  provider: "claude",
  model: "opus",
  agentName: "impl",
};

Deno.test("a transcript written by chatBody parses back to its parts", () => {
  const history = formatFlatTurns([{ prompt: "Design it.", response: "## Prompt\n\nA design." }]);
  const document = parseChatDocument(chatBody({
    ...base,
    previousConversation: history,
    prompt: "Build it.\n\n## Response format\nshort",
    response: "Built.\n\n## Notes\nnone",
  }));
  assertEquals(document.meta, {
    workflow: "ace-run",
    agentType: "ace-run",
    displayTimestamp: "2026-01-02 03:04:05",
    model: "claude/opus",
    agent: "impl",
  });
  assertEquals(document.previousConversation, history);
  assertEquals(document.prompt, "Build it.\n\n## Response format\nshort");
  assertEquals(document.response, "Built.\n\n## Notes\nnone");
  assertEquals(parseFlatTurns(document.previousConversation ?? ""), [
    { prompt: "Design it.", response: "## Prompt\n\nA design." },
  ]);
});

Deno.test("a transcript without history or metadata; a file that is not a transcript", () => {
  const plain = parseChatDocument(
    "# Chat History - crs (editor)\n\n**Timestamp** x\n\n## Prompt\n\nHi\n\n## Response\n\nHello\n",
  );
  assertEquals(plain.meta, { workflow: "crs", agentType: "editor", displayTimestamp: "x" });
  assertEquals([plain.previousConversation, plain.prompt, plain.response], [
    undefined,
    "Hi",
    "Hello",
  ]);
  assertEquals(parseChatDocument("just notes\n").prompt, undefined);
});

Deno.test("flattened turns round-trip, and multi-source headings are not reply text", () => {
  const turns = [
    { prompt: "one", response: "first\n\nwith paragraphs" },
    { prompt: "two", response: "second" },
  ];
  assertEquals(parseFlatTurns(formatFlatTurns(turns)), turns);
  const merged = [
    "You are forking from 2 prior conversations.",
    `### Conversation 1 of 2 — agent \`a\`\n\n${formatFlatTurns([turns[0]])}`,
    `### Conversation 2 of 2 — agent \`b\`\n\n${formatFlatTurns([turns[1]])}`,
  ].join("\n\n---\n\n");
  assertEquals(parseFlatTurns(merged), turns);
});

Deno.test("snippets collapse whitespace and clamp", () => {
  assertEquals(snippet("a\n\n b   c", 10), "a b c");
  assertEquals(snippet("abcdefghijkl", 5), "abcd…");
  assertEquals(snippet("  ", 5), undefined);
});
