/**
 * The plan approval pipeline through the real CLI: propose, list, approve
 * under each storage mode, double approval, epic beads, and search.
 */

import { join } from "node:path";
import { assert, assertEquals, assertRejects, assertStringIncludes } from "../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { git, makeGitRepo } from "../_helpers/git.ts";
import { allDone, readJsonFile } from "../_helpers/runs.ts";

const TALE =
  "---\ntier: tale\ntitle: Add the parser\ngoal: Inputs parse\nsize: small\n---\n# Plan\n\nWrite the parser.\n";
const EPIC = `---
tier: epic
title: Billing dashboard
goal: Billing is visible
phases:
  - id: api
    title: Billing API
    depends_on: []
    description: API section
    size: small
  - id: ui
    title: Billing UI
    depends_on: [api]
    description: UI section
    size: medium
    model: claude/haiku
---
# Plan

Build the dashboard.
`;

/** The local `YYYYMM` month of now. */
function currentMonth(): string {
  const now = new Date();
  return `${now.getFullYear()}${String(now.getMonth() + 1).padStart(2, "0")}`;
}

/**
 * Run `command` and return the `YYYYMM` bucket its `committed plan:` line
 * names. The command reads the clock itself, possibly in a later month than
 * the test started in (a run across midnight at a month's end), so the
 * bucket is taken from what it did and checked to lie between the months
 * before and after it ran.
 */
async function committedBucket(
  command: () => Promise<{ code: number; stdout: string; stderr: string }>,
) {
  const before = currentMonth();
  const result = await command();
  const after = currentMonth();
  const bucket = /^ {2}committed plan: \S*\/(\d{6})\/[^/\s]+\.md$/m.exec(result.stdout)?.[1];
  assert(bucket, result.stdout + result.stderr);
  assert(bucket === before || bucket === after, `${bucket} is not ${before} or ${after}`);
  return { result, bucket };
}

async function setup(sb: Sandbox, files: Record<string, string> = {}) {
  const repo = await makeGitRepo(join(sb.cwd, "proj"), sb.env, { "README.md": "# p\n", ...files });
  const run = (...args: string[]) => runSase(args, { env: sb.env, cwd: repo });
  return { repo, run };
}

async function notifications(sb: Sandbox) {
  const text = await Deno.readTextFile(join(sb.saseHome, "notifications", "notifications.jsonl"));
  return text.trim().split("\n").map((line) => JSON.parse(line));
}

Deno.test("local mode: propose → pending + notification; approve tale commits; second approve fails", async () => {
  await using sb = await makeSandbox();
  const { repo, run } = await setup(sb);
  await sb.write("plans/parser_plan.md", TALE);
  await sb.write(
    "plans/prompt.md",
    "%model:opus\n%name:planner\nPlan the parser for #json inputs.\n",
  );
  const proposed = await run(
    "plan",
    "propose",
    join(sb.root, "plans/parser_plan.md"),
    "--prompt-file",
    join(sb.root, "plans/prompt.md"),
  );
  assertEquals(proposed.code, 0, proposed.stderr);
  assert(await Deno.stat(join(sb.saseHome, ".ace_refresh_pulse")));
  const [note] = await notifications(sb);
  assertEquals([note.sender, note.action, note.dismissed ?? false], [
    "plan",
    "PlanApproval",
    false,
  ]);
  const listed = JSON.parse((await run("plan", "list", "-j")).stdout);
  assertEquals(listed.summary, { proposed: 1, approved: 0, rejected: 0 });
  assertEquals(listed.proposed[0].title, "Add the parser");
  const prefix = listed.proposed[0].id_prefix;
  assertEquals(prefix, note.id.slice(0, 8));

  const { result: approved, bucket } = await committedBucket(() =>
    run("plan", "approve", prefix, "--kind", "tale", "-m", "fakey/reply")
  );
  assertEquals(approved.code, 0, approved.stderr);
  const coderDir = /^Launched coder \S+ {2}(\S+)$/m.exec(approved.stdout)?.[1];
  assert(coderDir, approved.stdout);
  const [coderDone] = await allDone([coderDir]);
  assertEquals(coderDone.outcome, "completed", String(coderDone.error));
  assertStringIncludes(
    await Deno.readTextFile(join(coderDir, "ace-run_prompt.md")),
    `The @.sase/sdd/tales/${bucket}/parser_plan.md plan file has been reviewed and approved.`,
  );
  const root = join(repo, ".sase", "sdd");
  const tale = await Deno.readTextFile(join(root, "tales", bucket, "parser_plan.md"));
  assertStringIncludes(tale, `prompt: .sase/sdd/prompts/${bucket}/parser_plan.md`);
  assertStringIncludes(tale, "create_time: ");
  const prompt = await Deno.readTextFile(join(root, "prompts", bucket, "parser_plan.md"));
  assertEquals(
    prompt,
    `---\nplan: .sase/sdd/tales/${bucket}/parser_plan.md\n---\nPlan the parser for #json inputs.\n`,
  );
  assertStringIncludes(await git(root, sb.env, "log", "--oneline"), "Approve tale Add the parser");
  assertEquals((await git(root, sb.env, "status", "--porcelain")).trim(), "");
  const [handled] = await notifications(sb);
  assertEquals([handled.read, handled.dismissed], [true, true]);
  const response = JSON.parse(
    await Deno.readTextFile(join(note.action_data.response_dir, "plan_response.json")),
  );
  assertEquals([response.action, response.commit_plan, response.run_coder, response.coder_model], [
    "approve",
    true,
    true,
    "fakey/reply",
  ]);

  const again = await run("plan", "approve", prefix, "--kind", "tale");
  assertEquals(again.code, 1);
  assertStringIncludes(again.stderr, "was already approved as tale");
  const after = JSON.parse((await run("plan", "-j")).stdout);
  assertEquals(after.summary, { proposed: 0, approved: 1, rejected: 0 });
  assertEquals((await run("sdd", "validate", "--strict")).code, 0);

  const search = JSON.parse((await run("plan", "search", "parser", "-f", "json")).stdout);
  assertEquals(search.results.map((hit: { source: string }) => hit.source), ["sdd", "local"]);
  assertEquals(JSON.parse((await run("plan", "search", "parser", "-j")).stdout), search);
  const none = JSON.parse((await run("plan", "search", "--kind", "epic", "-f", "json")).stdout);
  assertEquals(none.count, 0);
});

Deno.test("version-controlled mode: approve epic leaves files uncommitted and links beads", async () => {
  await using sb = await makeSandbox();
  const { repo, run } = await setup(sb, { "sase.yml": "sdd:\n  version_controlled: true\n" });
  await sb.write("plans/billing.md", EPIC);
  const badPath = await sb.write(
    "plans/bad.md",
    "---\ntier: tale\nsize: large\nmodel: a b\n---\nbody\n",
  );
  const bad = await run("plan", "propose", badPath);
  assertEquals(bad.code, 1);
  // Every problem at once, each with its line.
  assertStringIncludes(bad.stderr, `${badPath}:4: [model-invalid]`);
  assertStringIncludes(bad.stderr, `${badPath}:3: [tale-size-invalid]`);
  assertEquals((await run("plan", "propose", join(sb.root, "plans/billing.md"))).code, 0);
  // The ui phase asks for claude/haiku, whose CLI is missing: the bead work launch fails
  // after the approval is recorded, and rolls its pre-claims back.
  const { result: approved, bucket } = await committedBucket(() =>
    runSase(["plan", "approve", "--kind", "epic"], {
      env: { ...sb.env, SASE_CLAUDE_PATH: join(sb.root, "no-such-claude") },
      cwd: repo,
    })
  );
  assertEquals(approved.code, 1, approved.stdout);
  assertStringIncludes(approved.stdout, "approved as epic");
  assertStringIncludes(approved.stderr, "the plan was approved, but launching bead work for");
  assertStringIncludes(approved.stderr, "pre-claims were rolled back");
  assertStringIncludes(approved.stderr, "retry the launch with `sase bead work ");
  const epic = await Deno.readTextFile(join(repo, "sdd", "epics", bucket, "billing.md"));
  const beadId = /^bead_id: (\S+)$/m.exec(epic)?.[1];
  assert(beadId, epic);
  assertStringIncludes(epic, "tier: epic");
  const issues = await Deno.readTextFile(join(repo, "sdd", "beads", "issues.jsonl"));
  assertEquals(issues.trim().split("\n").length, 3);
  assertStringIncludes(issues, `"${beadId}.2"`);
  assertStringIncludes(issues, '"model":"claude/haiku"');
  assert(!issues.includes('"in_progress"'), issues);
  const status = await git(repo, sb.env, "status", "--porcelain");
  assertStringIncludes(status, "?? sdd/");
  await assertRejects(() => Deno.stat(join(repo, ".sase")), Deno.errors.NotFound);
  const none = await run("plan", "approve");
  assertEquals(none.code, 2);
  assertStringIncludes(none.stderr, "no plan proposal is pending");
});

Deno.test("approve -k approve launches the planner's coder with the plan and the extra instructions", async () => {
  await using sb = await makeSandbox();
  const { repo, run } = await setup(sb);
  const planner = await sb.write(
    "planner.json",
    JSON.stringify({
      steps: [
        { write: "parser_plan.md", content: TALE },
        { shell: "sase plan propose parser_plan.md" },
        { text: "Proposed." },
      ],
    }),
  );
  const planned = await run("run", `#cd:${repo} %n:planner %m:fakey/${planner} plan the parser`);
  assertEquals(planned.code, 0, planned.stderr);
  const [row] = JSON.parse((await run("plan", "-j")).stdout).proposed;
  assertEquals(row.title, "Add the parser");

  const approved = await run(
    "plan",
    "approve",
    row.id_prefix,
    "-k",
    "approve",
    "-m",
    "fakey/reply",
    "-p",
    "extra: keep the parser small",
  );
  assertEquals(approved.code, 0, approved.stderr);
  const coderDir = /^Launched coder planner--code {2}(\S+)$/m.exec(approved.stdout)?.[1];
  assert(coderDir, approved.stdout);
  const [done] = await allDone([coderDir]);
  assertEquals(done.outcome, "completed", String(done.error));
  const request = await readJsonFile(join(row.response_dir, "plan_request.json"));
  const prompt = await Deno.readTextFile(join(coderDir, "ace-run_prompt.md"));
  assertStringIncludes(
    prompt,
    `The @${request?.plan_file} plan file has been reviewed and approved.`,
  );
  assertStringIncludes(prompt, "extra: keep the parser small");
  const meta = await readJsonFile(join(coderDir, "agent_meta.json"));
  assertEquals([meta?.name, meta?.provider, meta?.model, meta?.cwd], [
    "planner--code",
    "fakey",
    "reply",
    repo,
  ]);
});

Deno.test("approve -k epic launches bead work on the new beads: phases, then the land agent", async () => {
  await using sb = await makeSandbox();
  await Deno.writeTextFile(join(sb.configDir, "sase.yml"), "llm_provider:\n  provider: fakey\n");
  const { repo, run } = await setup(sb, { "sase.yml": "sdd:\n  version_controlled: true\n" });
  await sb.write("plans/billing.md", EPIC.replace("    model: claude/haiku\n", ""));
  assertEquals((await run("plan", "propose", join(sb.root, "plans/billing.md"))).code, 0);
  const approved = await runSase(["plan", "approve", "-k", "epic", "-m", "fakey/reply"], {
    env: { ...sb.env, SASE_WAIT_POLL_MS: "100" },
    cwd: repo,
  });
  assertEquals(approved.code, 0, approved.stderr);
  const beadId = /^ {2}bead: (\S+)/m.exec(approved.stdout)?.[1];
  assert(beadId, approved.stdout);
  assertStringIncludes(approved.stdout, `Launched 3 agents for epic ${beadId}:`);
  const dirs = [...approved.stdout.matchAll(/^ {2}\S+(?: \(waits for [^)]*\))? {2}(\/\S+)$/gm)]
    .map((match) => match[1]);
  assertEquals(dirs.length, 3, approved.stdout);
  const done = await allDone(dirs, 60_000);
  assertEquals(done.map((record) => [record.name, record.outcome]), [
    [`${beadId}.1`, "completed"],
    [`${beadId}.2`, "completed"],
    [beadId, "completed"],
  ]);
  const land = await readJsonFile(join(dirs[2], "agent_meta.json"));
  assertEquals(land?.model, "reply");
  assert(String(land?.run_started_at) >= String(done[1].finished_at), "the land agent ran last");
  assertStringIncludes(
    await git(repo, sb.env, "log", "--format=%s"),
    `chore: mark bead work launched for ${beadId}`,
  );
});

Deno.test("a plain Markdown plan is proposed as the /sase_plan skill says; the archive gains its frontmatter", async () => {
  await using sb = await makeSandbox();
  const { repo, run } = await setup(sb, { "sase.yml": "sdd:\n  version_controlled: true\n" });
  const plain = "# Cache the parser\n\n1. Add a cache.\n2. Test it.\n";
  const file = await sb.write("plans/cache_plan.md", plain);

  const checked = await run("plan", "validate", file, "-j");
  assertEquals(checked.code, 0, checked.stdout);
  const report = JSON.parse(checked.stdout);
  assertEquals(
    Object.keys(report).sort(),
    ["diagnostics", "ok", "path", "plan", "schema_version", "tier"],
  );
  assertEquals(report.diagnostics.map((d: { code: string }) => d.code), ["frontmatter-missing"]);
  assertEquals([report.plan.title, report.plan.tier, report.plan.epic_count], [
    "Cache the parser",
    "tale",
    null,
  ]);

  const proposed = await run("plan", "propose", file);
  assertEquals(proposed.code, 0, proposed.stderr);
  assertStringIncludes(proposed.stdout, "Plan proposed: Cache the parser (tale)");
  assertEquals(await Deno.readTextFile(file), plain, "the author's file is never changed");
  const [row] = JSON.parse((await run("plan", "-j")).stdout).proposed;
  assertEquals(await Deno.readTextFile(row.plan_file), `---\ntier: tale\n---\n${plain}`);

  const { result: approved, bucket } = await committedBucket(() =>
    run("plan", "approve", "-k", "commit")
  );
  assertEquals(approved.code, 0, approved.stderr);
  const tale = await Deno.readTextFile(join(repo, "sdd", "tales", bucket, "cache_plan.md"));
  assert(
    /^---\ntier: tale\ncreate_time: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\n---\n# Cache the parser\n/.test(
      tale,
    ),
    tale,
  );

  // Proposed as an epic, the same plan has no phases: approval says what is missing.
  const asEpic = await run("plan", "propose", file, "-t", "epic");
  assertEquals(asEpic.code, 0, asEpic.stderr);
  const refused = await run("plan", "approve", "-k", "epic");
  assertEquals(refused.code, 1);
  assertStringIncludes(refused.stderr, "[phases-missing] an epic needs a `phases:` list");
  assertEquals(JSON.parse((await run("plan", "-j")).stdout).summary.proposed, 1);
});

Deno.test("fakey's plan scenario (a plain Markdown plan, as /sase_plan says) reaches the dashboard", async () => {
  await using sb = await makeSandbox();
  const { repo, run } = await setup(sb);
  const planned = await run("run", `#cd:${repo} %n:planner %m:fakey/plan plan the change`);
  assertEquals(planned.code, 0, planned.stderr);
  const [row] = JSON.parse((await run("plan", "-j")).stdout).proposed;
  assertEquals([row?.title, row?.tier], ["Plan", "tale"]);
  assertStringIncludes(await Deno.readTextFile(row.plan_file), "---\ntier: tale\n---\n# Plan\n");
});
