import { SaseError } from "../../../core/errors.ts";
import { assertEquals, assertMatch, assertRejects } from "../../_helpers/assert.ts";
import { planLaunch } from "../../../core/xprompt/launch_plan.ts";
import { autoNameToken } from "../../../core/xprompt/naming.ts";
import { catalogOf } from "./_catalog.ts";

const plan = (text: string, defs: Record<string, unknown> = {}, existing: string[] = []) =>
  planLaunch(text, { catalog: catalogOf(defs), existingNames: new Set(existing) });

Deno.test("multi-model fan-out names: different and same runtime", async () => {
  const a = await plan("%m(opus,gpt-5.5) %n:foo Review this code for edge cases.");
  assertEquals(a.entries.map((e) => [e.name, e.provider, e.model, e.prompt]), [
    ["foo.cld", "claude", "opus", "Review this code for edge cases."],
    ["foo.cdx", "codex", "gpt-5.5", "Review this code for edge cases."],
  ]);
  const b = await plan("%m(opus,sonnet) %n:foo Review.");
  assertEquals(b.entries.map((e) => e.name), ["foo.cld-opus", "foo.cld-sonnet"]);
  const auto = await plan("%m(opus,gpt-5.5) Review.");
  assertEquals(auto.entries.map((e) => e.name), ["0.cld", "0.cdx"]);
});

Deno.test("A10 through the plan: brace alt with %n:foo", async () => {
  const result = await plan("%n:foo\n%{%model:opus | %model:sonnet}\nReview this code");
  assertEquals(result.entries.map((e) => [e.name, e.model, e.prompt]), [
    ["foo.cld_opus", "opus", "Review this code"],
    ["foo.cld_sonnet", "sonnet", "Review this code"],
  ]);
});

Deno.test("%repeat:3 yields x.1..3, each waiting on the previous", async () => {
  const result = await plan("%repeat:3 %name:linter Run lint checks.");
  assertEquals(result.entries.map((e) => [e.name, e.waits, e.repeat]), [
    ["linter.1", [], { iteration: 1, total: 3 }],
    ["linter.2", ["linter.1"], { iteration: 2, total: 3 }],
    ["linter.3", ["linter.2"], { iteration: 3, total: 3 }],
  ]);
});

Deno.test("name templates, wait-derived names, taken names, bare wait", async () => {
  assertEquals((await plan("%name:build-@ x")).entries[0].name, "build-0");
  assertEquals((await plan("%name:@.cld x")).entries[0].name, "0.cld");
  assertEquals((await plan("%name:research.@.final x")).entries[0].name, "research.0.final");
  assertEquals((await plan("%name:build-@ x", {}, ["build-0"])).entries[0].name, "build-1");
  assertEquals((await plan("%wait:x do")).entries[0].name, "x.w1");
  assertEquals((await plan("%wait:x do", {}, ["x.w1"])).entries[0].name, "x.w2");
  assertEquals((await plan("%wait:a,b do")).entries[0].name, undefined);
  const taken = await assertRejects(() => plan("%name:rev go", {}, ["rev", "rev1"]), SaseError);
  assertMatch((taken as { hint?: string }).hint ?? "", /%name:rev2/);
  const chained = await plan(
    "%name:build-@\nBuild.\n---\n%name:review\n%wait:build-@\nReview.\n---\n%wait\nLast.",
  );
  assertEquals(chained.entries.map((e) => [e.name, e.waits]), [
    ["build-0", []],
    ["review", ["build-0"]],
    [undefined, ["review"]],
  ]);
  await assertRejects(() => plan("%wait\nalone"), SaseError);
  assertEquals([autoNameToken(0), autoNameToken(10), autoNameToken(35), autoNameToken(36)], [
    "0",
    "a",
    "z",
    "00",
  ]);
});

Deno.test("§6 #16: multi-agent xprompt fans out with shared args", async () => {
  const three =
    "md:---\ninput:\n  target: word\n---\n%name:plan\nDraft a plan for {{ target }}.\n---\n%name:code\n%wait:plan\nImplement {{ target }} following the plan.\n---\n%name:review\n%wait:code\nReview the {{ target }} implementation.";
  const result = await plan("#three_phase(login)", { three_phase: three });
  assertEquals(result.entries.map((e) => [e.name, e.waits, e.prompt]), [
    ["plan", [], "Draft a plan for login."],
    ["code", ["plan"], "Implement login following the plan."],
    ["review", ["code"], "Review the login implementation."],
  ]);
  const inherited = await plan("#gh:sase #three_phase(login)", { three_phase: three });
  assertEquals(inherited.entries.map((e) => e.workspace.raw), ["#gh:sase", "#gh:sase", "#gh:sase"]);
});

Deno.test("§6 #17: multi-agent prompt with front-matter helpers and inputs", async () => {
  const text =
    '---\nxprompts:\n  _common: "Follow the project coding conventions."\n---\n%name:step1\n#_common\nImplement the new feature.\n---\n%name:step2\n%wait:step1\n#_common\nWrite tests for the new feature.';
  const result = await plan(text);
  assertEquals(result.entries.map((e) => [e.name, e.waits, e.prompt]), [
    ["step1", [], "Follow the project coding conventions.\nImplement the new feature."],
    [
      "step2",
      ["step1"],
      "Follow the project coding conventions.\nWrite tests for the new feature.",
    ],
  ]);
  const withInputs =
    "---\ninput:\n  service: word\n  dry_run: { type: bool, default: false }\n---\nRefactor {{ service }} (dry_run={{ dry_run }}).";
  const planned = await planLaunch(withInputs, {
    catalog: catalogOf({}),
    inputs: { service: "auth" },
  });
  assertEquals(planned.entries[0].prompt, "Refactor auth (dry_run=false).");
  const missing = await assertRejects(() => plan(withInputs), SaseError);
  assertMatch(missing.message, /missing required input 'service'/);
});

Deno.test("workspace refs and standalone workflows are passed on", async () => {
  const result = await plan("#gh:sase #!sase/pylimit_split(limits=5) %approve");
  const entry = result.entries[0];
  assertEquals([entry.workspace.kind, entry.workspace.ref, entry.workspace.implicit], [
    "gh",
    "sase",
    false,
  ]);
  assertEquals(entry.workflow, {
    name: "sase/pylimit_split",
    positional: [],
    named: { limits: "5" },
  });
  assertEquals(entry.approve, true);
  assertEquals((await plan("plain")).entries[0].workspace.raw, "#git:home");
});
