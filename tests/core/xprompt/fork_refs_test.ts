import { SaseError } from "../../../core/errors.ts";
import { assertEquals, assertMatch, assertThrows } from "../../_helpers/assert.ts";
import { expandXPrompts } from "../../../core/xprompt/expand.ts";
import {
  extractForkRefs,
  findForkRefs,
  forkRefText,
  renameForkTargets,
} from "../../../core/xprompt/fork_refs.ts";
import { planLaunch } from "../../../core/xprompt/launch_plan.ts";
import { catalogOf } from "./_catalog.ts";

Deno.test("colon, list, paren and quoted forms; legacy names; fenced examples ignored", () => {
  const text = [
    "#fork:plan #resume(a, b) go",
    "#fork_by_chat:`/tmp/my chats/x.md` and #resume_by_chat:proj--ace_run--260101_120000.",
    "```",
    "#fork:example",
    "```",
    "#forked:not_a_fork #fork:x,y",
  ].join("\n");
  assertEquals(findForkRefs(text).map((ref) => [ref.kind, ref.name, ref.targets]), [
    ["agent", "fork", ["plan"]],
    ["agent", "resume", ["a", "b"]],
    ["chat", "fork_by_chat", ["/tmp/my chats/x.md"]],
    ["chat", "resume_by_chat", ["proj--ace_run--260101_120000"]],
    ["agent", "fork", ["x", "y"]],
  ]);
  const extracted = extractForkRefs("%wait:plan\n#fork:plan Implement it.\n```\n#fork:keep\n```");
  assertEquals(extracted.text, "%wait:plan\nImplement it.\n```\n#fork:keep\n```");
  assertEquals(extracted.refs.map((ref) => ref.targets), [["plan"]]);
  assertEquals(extractForkRefs("no forks here").refs, []);
  assertMatch(
    assertThrows(() => findForkRefs("#fork(name=x)"), SaseError).message,
    /named arguments/,
  );
});

Deno.test("reference text and target renaming", () => {
  assertEquals(forkRefText("fork", ["build-0"]), "#fork:build-0");
  assertEquals(forkRefText("fork_by_chat", ["/a b/c.md"]), "#fork_by_chat:`/a b/c.md`");
  assertEquals(forkRefText("fork", ["a", "b"]), "#fork(a, b)");
  assertEquals(
    renameForkTargets("#fork:build-@ then #fork_by_chat:build-@", (t) => t.replace("@", "0")),
    "#fork:build-0 then #fork_by_chat:build-@",
  );
});

Deno.test("expansion leaves fork references for the runner, even if a catalog defines 'fork'", async () => {
  const catalog = catalogOf({ fork: "FORK BODY", hi: "hello" });
  const result = await expandXPrompts("#hi #fork:plan #resume_by_chat:x.md", { catalog });
  assertEquals(result.text, "hello #fork:plan #resume_by_chat:x.md");
});

Deno.test("launch plan: .fN fork-derived names take precedence over .wN", async () => {
  const plan = (text: string, existing: string[] = []) =>
    planLaunch(text, { catalog: catalogOf({}), existingNames: new Set(existing) });
  const forked = await plan("%wait:design #fork:design Implement the approved part.");
  assertEquals(forked.entries.map((e) => [e.name, e.waits, e.prompt]), [
    ["design.f1", ["design"], "#fork:design Implement the approved part."],
  ]);
  assertEquals((await plan("#resume:design more", ["design.f1"])).entries[0].name, "design.f2");
  assertEquals((await plan("%name:mine #fork:design x")).entries[0].name, "mine");
  assertEquals((await plan("#fork(a, b) merge")).entries[0].name, undefined);
  assertEquals((await plan("#fork_by_chat:a.md x")).entries[0].name, undefined);
  const chained = await plan("%name:plan-@\nPlan.\n---\n%wait:plan-@\n#fork:plan-@ Build.");
  assertEquals(chained.entries.map((e) => [e.name, e.waits, e.prompt]), [
    ["plan-0", [], "Plan."],
    ["plan-0.f1", ["plan-0"], "#fork:plan-0 Build."],
  ]);
});
