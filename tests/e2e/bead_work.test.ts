import { join } from "node:path";
import { assert, assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { makeSandbox, type Sandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";
import { git, makeGitRepo } from "../_helpers/git.ts";
import { allDone, killRunners, readJsonFile, runDirs } from "../_helpers/runs.ts";

const EXPECTED = `Epic w-1: Diamond epic

Waves:
  1: w-1.1, w-1.6
  2: w-1.2, w-1.3
  3: w-1.4
  4: w-1.5

Agents:
  w-1.1
  w-1.6
  w-1.2 (waits on w-1.1)
  w-1.3 (waits on w-1.1)
  w-1.4 (waits on w-1.2, w-1.3)
  w-1.5 (waits on w-1.4)
  w-1 (waits on w-1.1, w-1.6, w-1.2, w-1.3, w-1.4, w-1.5)

Force-reused names: w-1.1, w-1.6, w-1.2, w-1.3, w-1.4, w-1.5, w-1, w-1.land
Bead changes on launch: mark w-1 ready to work; pre-claim w-1.1 (in_progress, assignee w-1.1); pre-claim w-1.6 (in_progress, assignee w-1.6); pre-claim w-1.2 (in_progress, assignee w-1.2); pre-claim w-1.3 (in_progress, assignee w-1.3); pre-claim w-1.4 (in_progress, assignee w-1.4); pre-claim w-1.5 (in_progress, assignee w-1.5)
Commit after launch: chore: mark bead work launched for w-1

Multi-prompt:
%name:!w-1.1
%model:worker
%approve
#bd/work_phase_bead(bead_id=w-1.1)
---
%name:!w-1.6
%model:codex/gpt-5.5
%approve
#bd/work_phase_bead(bead_id=w-1.6)
---
%name:!w-1.2
%model:worker
%w:w-1.1
%approve
#bd/work_phase_bead(bead_id=w-1.2)
---
%name:!w-1.3
%model:worker
%w:w-1.1
%approve
#bd/work_phase_bead(bead_id=w-1.3)
---
%name:!w-1.4
%model:worker
%w:w-1.2,w-1.3
%approve
#bd/work_phase_bead(bead_id=w-1.4)
---
%name:!w-1.5
%model:worker
%w:w-1.4
%approve
#bd/work_phase_bead(bead_id=w-1.5)
---
%name:!w-1
%model:claude/opus
%w:w-1.1,w-1.6,w-1.2,w-1.3,w-1.4,w-1.5
%approve
#bd/land_epic(bead_id=w-1)
`;

Deno.test("sase bead work -n on a 6-phase diamond epic prints the exact plan and changes nothing", async () => {
  await using sb = await makeSandbox();
  const env = { ...sb.env, SASE_BEADS_DIR: `${sb.root}/beads` };
  const ok = async (...args: string[]) => {
    const result = await runSase(["bead", ...args], { env, cwd: sb.cwd });
    assertEquals(result.code, 0, `${args.join(" ")}: ${result.stderr}`);
    return result.stdout;
  };
  await ok("init", "--prefix", "w");
  await ok(
    "create",
    "-t",
    "Diamond epic",
    "-T",
    "plan(sdd/epics/202605/d.md)",
    "--tier",
    "epic",
    "-m",
    "claude/opus",
  );
  for (let n = 1; n <= 6; n++) {
    await ok(
      "create",
      "-t",
      `Phase ${n}`,
      "-T",
      "phase(w-1)",
      ...(n === 6 ? ["-m", "codex/gpt-5.5"] : []),
    );
  }
  for (
    const [issue, dep] of [["w-1.2", "w-1.1"], ["w-1.3", "w-1.1"], ["w-1.4", "w-1.2"], [
      "w-1.4",
      "w-1.3",
    ], ["w-1.5", "w-1.4"]]
  ) {
    await ok("dep", "add", issue, dep);
  }
  const before = await Deno.readTextFile(`${sb.root}/beads/issues.jsonl`);
  assertEquals(await ok("work", "w-1", "-n"), EXPECTED);
  assertEquals(await Deno.readTextFile(`${sb.root}/beads/issues.jsonl`), before);

  const phase = await runSase(["bead", "work", "w-1.1", "-n"], { env, cwd: sb.cwd });
  assertEquals(phase.code, 1);
  assertStringIncludes(phase.stderr, "needs a plan bead with tier epic or legend");
});

Deno.test("sase bead work -n on a legend plans epic-planning agents in order", async () => {
  await using sb = await makeSandbox();
  const env = { ...sb.env, SASE_BEADS_DIR: `${sb.root}/beads` };
  const run = (...args: string[]) => runSase(["bead", ...args], { env, cwd: sb.cwd });
  await run("init", "--prefix", "l");
  await run(
    "create",
    "-t",
    "Roadmap",
    "-T",
    "plan(sdd/legends/202605/r.md)",
    "--tier",
    "legend",
    "-E",
    "3",
    "-m",
    "#pro",
  );
  const plan = JSON.parse((await run("work", "l-1", "-n", "-j")).stdout);
  assertEquals(plan.segments.map((s: { name: string }) => s.name), [
    "l-1.1.0",
    "l-1.2.0",
    "l-1.3.0",
    "l-1",
  ]);
  assertEquals(plan.multi_prompt.split("\n---\n")[1].split("\n").slice(0, 3), [
    "%name:!l-1.2.0",
    "%w:l-1.1",
    "%epic",
  ]);
  assertEquals(
    plan.multi_prompt.split("\n---\n")[3],
    "%name:!l-1\n%model:#pro\n%w:l-1.3\n%approve\n#bd/land_legend(bead_id=l-1)",
  );
  assertEquals(plan.commit_message, "chore: mark legend work launched for l-1");
  const zero = await run("create", "-t", "Bad", "-T", "plan(x.md)", "--tier", "legend", "-E", "0");
  assertStringIncludes(zero.stderr, "--epic-count: expected a positive integer");
});

/** A version-controlled checkout with epic proj-1 (land model fakey/reply) and three phases. */
async function threePhaseEpic(sb: Sandbox, env: Record<string, string>, phaseModels: string[]) {
  const repo = await makeGitRepo(join(sb.cwd, "proj"), sb.env, {
    "README.md": "# proj\n",
    "sase.yml": "sdd:\n  version_controlled: true\n",
  });
  const bead = (...args: string[]) => runSase(["bead", ...args], { env, cwd: repo });
  const ok = async (...args: string[]) => {
    const result = await bead(...args);
    assertEquals(result.code, 0, `${args.join(" ")}: ${result.stderr}`);
    return result.stdout;
  };
  await ok("init");
  await ok(
    "create",
    "-t",
    "Epic",
    "-T",
    "plan(sdd/epics/202605/e.md)",
    "--tier",
    "epic",
    "-m",
    "fakey/reply",
  );
  for (const [index, model] of phaseModels.entries()) {
    await ok("create", "-t", `Phase ${index + 1}`, "-T", "phase(proj-1)", "-m", model);
  }
  await ok("dep", "add", "proj-1.2", "proj-1.1");
  await ok("dep", "add", "proj-1.3", "proj-1.1");
  await ok("dep", "add", "proj-1.3", "proj-1.2");
  await git(repo, sb.env, "add", "-A");
  await git(repo, sb.env, "commit", "-q", "-m", "beads");
  return { repo, bead, ok };
}

Deno.test("sase bead work launches a 3-phase epic in dependency order, the land agent last", async () => {
  await using sb = await makeSandbox();
  const env = { ...sb.env, SASE_WAIT_POLL_MS: "100" };
  const { repo, bead, ok } = await threePhaseEpic(sb, env, [
    "fakey/slow",
    "fakey/reply",
    "fakey/reply",
  ]);
  const preview = JSON.parse(await ok("work", "proj-1", "-n", "-j"));
  assertEquals(
    preview.multi_prompt.split("\n---\n")[0].split("\n").at(-1),
    `#cd:${repo} #bd/work_phase_bead(bead_id=proj-1.1)`,
  );

  const launch = await bead("work", "proj-1", "-y", "-j");
  assertEquals(launch.code, 0, launch.stderr);
  const report = JSON.parse(launch.stdout);
  const agents = report.agents as { name: string; dir: string; waits: string[] }[];
  try {
    assertEquals(
      agents.map((agent) => [agent.name, agent.waits]),
      [
        ["proj-1.1", []],
        ["proj-1.2", ["proj-1.1"]],
        ["proj-1.3", ["proj-1.1", "proj-1.2"]],
        ["proj-1", ["proj-1.1", "proj-1.2", "proj-1.3"]],
      ],
    );
    assertEquals([report.committed, report.push], [true, "no_remote"]);
    assertStringIncludes(
      await git(repo, sb.env, "log", "-1", "--format=%s"),
      "chore: mark bead work launched for proj-1",
    );
    const claimed = JSON.parse(await ok("show", "proj-1.2", "-j"));
    assertEquals([claimed.status, claimed.assignee], ["in_progress", "proj-1.2"]);

    const done = await allDone(agents.map((agent) => agent.dir), 60_000);
    const finished = new Map(agents.map((agent, i) => [agent.name, done[i]]));
    for (const [index, agent] of agents.entries()) {
      assertEquals(done[index].outcome, "completed", `${agent.name}: ${done[index].error}`);
      const meta = await readJsonFile(join(agent.dir, "agent_meta.json"));
      assertEquals(meta?.cwd, repo);
      for (const dependency of agent.waits) {
        const before = String(finished.get(dependency)!.finished_at);
        assert(
          String(meta?.run_started_at) >= before,
          `${agent.name} started ${meta?.run_started_at} before ${dependency} finished ${before}`,
        );
      }
    }
    const phasePrompt = await Deno.readTextFile(join(agents[1].dir, "ace-run_prompt.md"));
    assertStringIncludes(phasePrompt, "You are implementing phase bead `proj-1.2`");
    const landPrompt = await Deno.readTextFile(join(agents[3].dir, "ace-run_prompt.md"));
    assertStringIncludes(landPrompt, "Every phase of epic `proj-1` is complete");
  } finally {
    await killRunners(agents.map((agent) => agent.dir));
  }
});

Deno.test("sase bead work: a launch that fails its checks rolls the pre-claims back", async () => {
  await using sb = await makeSandbox();
  const env = { ...sb.env, SASE_CODEX_PATH: join(sb.root, "no-such-codex") };
  const { repo, bead, ok } = await threePhaseEpic(sb, env, [
    "fakey/reply",
    "fakey/reply",
    "codex/gpt-5.5",
  ]);
  const head = await git(repo, sb.env, "rev-parse", "HEAD");

  const launch = await bead("work", "proj-1", "-y");
  assertEquals(launch.code, 1, launch.stdout);
  assertStringIncludes(launch.stderr, "launching agents for proj-1 failed");
  assertStringIncludes(launch.stderr, "pre-claims were rolled back");
  assertStringIncludes(launch.stderr, "no-such-codex");
  for (const id of ["proj-1.1", "proj-1.2", "proj-1.3"]) {
    const phase = JSON.parse(await ok("show", id, "-j"));
    assertEquals([phase.status, phase.assignee ?? ""], ["open", ""], id);
  }
  assertEquals(JSON.parse(await ok("show", "proj-1", "-j")).is_ready_to_work, false);
  assertEquals(await git(repo, sb.env, "rev-parse", "HEAD"), head);
  assertEquals(await runDirs(sb), []);
  assertEquals(await runDirs(sb, "proj"), []);
});
