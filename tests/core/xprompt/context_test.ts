import { assertEquals } from "../../_helpers/assert.ts";
import { makeSandbox } from "../../_helpers/sandbox.ts";
import { loadXPromptEnvironment, mayReferenceXPrompts } from "../../../core/xprompt/context.ts";

Deno.test("mayReferenceXPrompts: only workspace and fork references need no catalog", () => {
  const none = {};
  assertEquals(mayReferenceXPrompts("%m:fakey/reply hello", none), false);
  assertEquals(mayReferenceXPrompts("#git:home #fork:design fix a#b", none), false);
  assertEquals(mayReferenceXPrompts("run #review on it", none), true);
  assertEquals(mayReferenceXPrompts("#greet: world", none), true);
  assertEquals(mayReferenceXPrompts("#!deploy", none), true);
  assertEquals(mayReferenceXPrompts("---\ninput: [x]\n---\nplain", none), true);
  // An alias can turn a workspace-looking name into an xprompt reference.
  assertEquals(mayReferenceXPrompts("#cd:x do it", { cd: "review" }), true);
});

Deno.test("loadXPromptEnvironment skips discovery for a text that references no xprompt", async () => {
  await using sb = await makeSandbox();
  await sb.write("work/.xprompts/review.md", "Review carefully.\n");
  const plain = await loadXPromptEnvironment({ env: sb.env, cwd: sb.cwd, text: "hello" });
  assertEquals(plain.catalog.byName.size, 0);
  const referencing = await loadXPromptEnvironment({ env: sb.env, cwd: sb.cwd, text: "#review" });
  assertEquals(referencing.catalog.byName.has("review"), true);
  const whole = await loadXPromptEnvironment({ env: sb.env, cwd: sb.cwd });
  assertEquals(whole.catalog.byName.has("review"), true);
});
