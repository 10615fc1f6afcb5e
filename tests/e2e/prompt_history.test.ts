import { assert, assertEquals, assertMatch, assertStringIncludes } from "../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { join } from "node:path";
import { recordPrompt } from "../../core/xprompt/history/store.ts";
import { promptId } from "../../core/xprompt/history/model.ts";

async function seeded(sb: Sandbox) {
  const path = join(sb.saseHome, "prompt_history.json");
  await recordPrompt(path, "#gh:sase Fix the auth bug %model:opus", { now: new Date(2026, 0, 2) });
  await recordPrompt(path, "Review the parser module carefully", { now: new Date(2026, 0, 3) });
  await recordPrompt(path, "Draft an idea about auth tokens", {
    cancelled: true,
    now: new Date(2026, 0, 4),
  });
  return path;
}

Deno.test("sase prompt list/show/stats/doctor", async () => {
  await using sb = await makeSandbox();
  await seeded(sb);
  const sase = (...args: string[]) => runSase(["prompt", ...args], { env: sb.env, cwd: sb.cwd });
  const list = JSON.parse((await sase("list", "-j")).stdout);
  assertEquals(list.prompts.map((p: { text: string }) => p.text), [
    "Review the parser module carefully",
    "#gh:sase Fix the auth bug %model:opus",
  ]);
  assertEquals(JSON.parse((await sase("list", "-c", "-j")).stdout).count, 1);
  assertEquals(JSON.parse((await sase("list", "-a", "-q", "AUTH", "-j")).stdout).count, 2);
  const table = await sase("list");
  assertStringIncludes(table.stdout, promptId("Review the parser module carefully"));
  assertStringIncludes(table.stdout, "gh:sase");
  const id = promptId("Review the parser module carefully");
  assertEquals((await sase("show", id, "-f", "raw")).stdout, "Review the parser module carefully");
  assertStringIncludes((await sase("show", id.slice(3, 10), "-f", "markdown")).stdout, `# ${id}`);
  assertEquals(JSON.parse((await sase("show", id, "-f", "json")).stdout).id, id);
  const stats = JSON.parse((await sase("stats", "-j")).stdout);
  assertEquals([stats.total, stats.cancelled], [3, 1]);
  const doctor = JSON.parse((await sase("doctor", "-j")).stdout);
  assertEquals([doctor.ok, doctor.entries], [true, 3]);
});

Deno.test("sase prompt search: usage error on empty, exit 0 on no match, SDD ranked first", async () => {
  await using sb = await makeSandbox();
  await seeded(sb);
  await sb.write(
    "work/sdd/prompts/202601/auth-note.md",
    "---\nid: ph_snap\nprompt_tags: [review]\n---\nAuth snapshot body\n",
  );
  const sase = (...args: string[]) =>
    runSase(["prompt", "search", ...args], { env: sb.env, cwd: sb.cwd });
  assertEquals((await sase("  ")).code, 2);
  const none = await sase("zzzz", "-f", "json");
  assertEquals([none.code, JSON.parse(none.stdout).count], [0, 0]);
  assertStringIncludes((await sase("zzzz")).stdout, 'No prompts match "zzzz".');
  const hits = JSON.parse((await sase("auth", "-f", "json")).stdout);
  assertEquals(hits.results.map((r: { source: string }) => r.source), ["sdd", "local"]);
  assertEquals(hits.total, 2);
  assertEquals(
    JSON.parse((await sase("auth", "-x", "-s", "local", "-f", "json")).stdout).results[0].text,
    "Draft an idea about auth tokens",
  );
  assertEquals(JSON.parse((await sase("auth", "-t", "review", "-f", "json")).stdout).count, 1);
});

Deno.test("sase prompt delete/prune/save/export write safely", async () => {
  await using sb = await makeSandbox();
  const path = await seeded(sb);
  const sase = (...args: string[]) => runSase(["prompt", ...args], { env: sb.env, cwd: sb.cwd });
  const id = promptId("Review the parser module carefully");
  const refused = await sase("delete", id);
  assertEquals(refused.code, 2);
  assertEquals((await sase("delete", id, "--yes")).code, 0);
  assertEquals(JSON.parse((await sase("list", "-a", "-j")).stdout).count, 2);
  const dry = await sase("prune", "-c", "--dry-run");
  assertStringIncludes(dry.stdout, "1 prompt(s) would be removed");
  assertEquals((await sase("prune", "-c", "-y")).code, 0);
  assertEquals(JSON.parse((await sase("list", "-a", "-j")).stdout).count, 1);
  const fixId = promptId("#gh:sase Fix the auth bug %model:opus");
  const saved = await sase("save", fixId, "-n", "fix-auth", "-t", "review");
  assertEquals(saved.code, 0, saved.stderr);
  assertEquals((await sase("save", fixId, "-n", "fix-auth")).code, 1);
  const expanded = await runSase(["xprompt", "expand", "#fix-auth"], { env: sb.env, cwd: sb.cwd });
  assertStringIncludes(expanded.stdout, "Fix the auth bug");
  const exported = await sase("export", fixId, "-s");
  assertEquals(exported.code, 0, exported.stderr);
  const file = exported.stdout.trim();
  assertMatch(file, /sdd\/prompts\/202601\/fix-the-auth-bug-ph_[0-9a-f]{12}\.md$/);
  assertStringIncludes(await Deno.readTextFile(file), `id: ${fixId}`);
  assertEquals((await sase("export", fixId, "-s")).code, 1);
  assertEquals((await sase("export", fixId, "-s", "--force")).code, 0);
  assertEquals((await sase("export", fixId)).stdout, "#gh:sase Fix the auth bug %model:opus");
  await Deno.writeTextFile(path, "{broken");
  assertEquals((await sase("delete", fixId, "-y")).code, 1);
  assertEquals(await Deno.readTextFile(path), "{broken");
});

Deno.test("sase prompt run --dry-run shows the launch plan; without it the prompt really launches", async () => {
  await using sb = await makeSandbox();
  await seeded(sb);
  const id = promptId("#gh:sase Fix the auth bug %model:opus");
  const result = await runSase(["prompt", "run", id, "-n", "-P", "#gh:bob-cli"], {
    env: sb.env,
    cwd: sb.cwd,
  });
  assertEquals(result.code, 0, result.stderr);
  assertStringIncludes(result.stdout, "#gh:bob-cli");
  assertStringIncludes(result.stdout, "claude/opus");
  assertStringIncludes(result.stdout, "Fix the auth bug");
  const json = await runSase(["prompt", "run", id, "-n", "-j"], { env: sb.env, cwd: sb.cwd });
  const plan = JSON.parse(json.stdout);
  assertEquals([plan.entries[0].model, plan.entries[0].workspace.ref], ["opus", "sase"]);
  assert(!plan.entries[0].prompt.includes("%model"));

  const first = await runSase(["run", "%model:fakey/reply replay me"], {
    env: sb.env,
    cwd: sb.cwd,
  });
  assertEquals(first.code, 0, first.stderr);
  const replayed = await runSase(["prompt", "run", promptId("%model:fakey/reply replay me")], {
    env: sb.env,
    cwd: sb.cwd,
  });
  assertEquals(replayed.code, 0, replayed.stderr);
  assertEquals(replayed.stdout, "Hello from fakey. You asked: replay me\n");
  const history = JSON.parse(await Deno.readTextFile(join(sb.saseHome, "prompt_history.json")));
  const entry = history.prompts.find((prompt: { text: string }) =>
    prompt.text === "%model:fakey/reply replay me"
  );
  assertEquals(entry.use_count, 2);
});
