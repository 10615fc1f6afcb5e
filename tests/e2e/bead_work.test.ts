import { assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";
import { runSase } from "../_helpers/cli.ts";

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

  const launch = await runSase(["bead", "work", "w-1", "-y"], { env, cwd: sb.cwd });
  assertEquals(launch.code, 1);
  assertStringIncludes(launch.stderr, "needs the agent runtime, which is not built yet");
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
  assertEquals(plan.multiPrompt.split("\n---\n")[1].split("\n").slice(0, 3), [
    "%name:!l-1.2.0",
    "%w:l-1.1",
    "%epic",
  ]);
  assertEquals(
    plan.multiPrompt.split("\n---\n")[3],
    "%name:!l-1\n%model:#pro\n%w:l-1.3\n%approve\n#bd/land_legend(bead_id=l-1)",
  );
  assertEquals(plan.commitMessage, "chore: mark legend work launched for l-1");
  const zero = await run("create", "-t", "Bad", "-T", "plan(x.md)", "--tier", "legend", "-E", "0");
  assertStringIncludes(zero.stderr, "--epic-count: expected a positive integer");
});
