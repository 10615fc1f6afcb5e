/**
 * The plan approval pipeline through the real CLI: propose, list, approve
 * under each storage mode, double approval, epic beads, and search.
 */

import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { git, makeGitRepo } from "../_helpers/git.ts";

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

function bucket(): string {
  const now = new Date();
  return `${now.getFullYear()}${String(now.getMonth() + 1).padStart(2, "0")}`;
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

  const approved = await run("plan", "approve", prefix, "--kind", "tale", "-m", "opus");
  assertEquals(approved.code, 0, approved.stderr);
  assertStringIncludes(approved.stdout, "needs the agent runtime");
  const root = join(repo, ".sase", "sdd");
  const tale = await Deno.readTextFile(join(root, "tales", bucket(), "parser_plan.md"));
  assertStringIncludes(tale, `prompt: .sase/sdd/prompts/${bucket()}/parser_plan.md`);
  assertStringIncludes(tale, "create_time: ");
  const prompt = await Deno.readTextFile(join(root, "prompts", bucket(), "parser_plan.md"));
  assertEquals(
    prompt,
    `---\nplan: .sase/sdd/tales/${bucket()}/parser_plan.md\n---\nPlan the parser for #json inputs.\n`,
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
    "opus",
  ]);

  const again = await run("plan", "approve", prefix, "--kind", "tale");
  assertEquals(again.code, 1);
  assertStringIncludes(again.stderr, "was already approved as tale");
  const after = JSON.parse((await run("plan", "-j")).stdout);
  assertEquals(after.summary, { proposed: 0, approved: 1, rejected: 0 });
  assertEquals((await run("sdd", "validate", "--strict")).code, 0);

  const search = JSON.parse((await run("plan", "search", "parser", "-f", "json")).stdout);
  assertEquals(search.results.map((hit: { source: string }) => hit.source), ["sdd", "local"]);
  const none = JSON.parse((await run("plan", "search", "--kind", "epic", "-f", "json")).stdout);
  assertEquals(none.count, 0);
});

Deno.test("version-controlled mode: approve epic leaves files uncommitted and links beads", async () => {
  await using sb = await makeSandbox();
  const { repo, run } = await setup(sb, { "sase.yml": "sdd:\n  version_controlled: true\n" });
  await sb.write("plans/billing.md", EPIC);
  await sb.write("plans/bad.md", "---\ntier: tale\ntitle: T\ngoal: G\n---\nbody\n");
  const bad = await run("plan", "propose", join(sb.root, "plans/bad.md"));
  assertEquals(bad.code, 1);
  assertStringIncludes(bad.stderr, "[tale-size-missing]");
  assertEquals((await run("plan", "propose", join(sb.root, "plans/billing.md"))).code, 0);
  const approved = await run("plan", "approve", "--kind", "epic");
  assertEquals(approved.code, 0, approved.stderr);
  assertStringIncludes(approved.stdout, "#bd/new_epic(plan_file_path=sdd/epics/");
  const epic = await Deno.readTextFile(join(repo, "sdd", "epics", bucket(), "billing.md"));
  const beadId = /^bead_id: (\S+)$/m.exec(epic)?.[1];
  assert(beadId, epic);
  assertStringIncludes(epic, "tier: epic");
  const issues = await Deno.readTextFile(join(repo, "sdd", "beads", "issues.jsonl"));
  assertEquals(issues.trim().split("\n").length, 3);
  assertStringIncludes(issues, `"${beadId}.2"`);
  assertStringIncludes(issues, '"model":"claude/haiku"');
  const status = await git(repo, sb.env, "status", "--porcelain");
  assertStringIncludes(status, "?? sdd/");
  assert(!(await Deno.stat(join(repo, ".sase")).catch(() => null)));
  const none = await run("plan", "approve");
  assertEquals(none.code, 2);
  assertStringIncludes(none.stderr, "no plan proposal is pending");
});
