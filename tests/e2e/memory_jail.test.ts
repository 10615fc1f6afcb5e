/**
 * A jailed agent's audited memory and skill commands: `SASE_HOME` is hidden
 * in the jail, so `sase memory read`, `sase memory write` and
 * `sase skill use` go through the run's broker, which records them under
 * `SASE_HOME` with the agent's identity and relays their output.
 */

import { join } from "node:path";
import { assertEquals, assertStringIncludes } from "../_helpers/assert.ts";
import { runSase } from "../_helpers/cli.ts";
import { makeGitRepo } from "../_helpers/git.ts";
import { runDirs } from "../_helpers/runs.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";

async function rows(path: string): Promise<Record<string, unknown>[]> {
  return (await Deno.readTextFile(path)).trim().split("\n").map((line) => JSON.parse(line));
}

Deno.test("a jailed agent's memory read, memory write and skill use are recorded through its broker", async () => {
  await using sb = await makeSandbox();
  const work = await makeGitRepo(join(sb.root, "proj"), sb.env, {
    "AGENTS.md": "see memory/notes.md\n",
    "memory/notes.md": "---\ntype: long\ndescription: Notes\n---\nThe team notes.\n",
  });
  const out = (name: string) => `> "$SASE_ARTIFACTS_DIR/${name}.out" 2>&1`;
  const script = await sb.write(
    "agent.json",
    JSON.stringify({
      steps: [
        { shell: `sase memory read notes.md -r "need the notes" ${out("read")}` },
        {
          shell: `sase memory write --title "Agent fact" --slug agent_fact --evidence chat:c1 ` +
            `--body "A durable fact." --notify -j ${out("write")}`,
        },
        { shell: `sase skill use sase_plan -r "planning" ${out("skill")}` },
        { text: "done" },
      ],
    }),
  );
  const result = await runSase(["run", `#cd:${work} %n:mem-agent %m:fakey/scripted go`], {
    env: { ...sb.env, SASE_FAKEY_SCRIPT: script },
    cwd: work,
  });
  assertEquals(result.code, 0, result.stderr);
  const [dir] = await runDirs(sb);
  assertEquals(await Deno.readTextFile(join(dir, "read.out")), "The team notes.\n");

  const state = join(sb.saseHome, "projects", "proj");
  const [read] = await rows(join(state, "memory_reads.jsonl"));
  assertEquals([read.canonical_path, read.agent_name, read.reason], [
    "notes.md",
    "mem-agent",
    "need the notes",
  ]);
  const written = JSON.parse(await Deno.readTextFile(join(dir, "write.out")));
  assertEquals([written.target_path, written.author_name], ["agent_fact.md", "mem-agent"]);
  assertEquals(typeof written.notification_id, "string");
  const [proposal] = await rows(join(state, "memory_proposals.jsonl"));
  assertEquals(proposal.proposal_id, written.proposal_id);
  const [use] = await rows(join(state, "skill_uses.jsonl"));
  assertEquals([use.skill_name, use.agent_name, use.runtime], ["sase_plan", "mem-agent", "fakey"]);
  assertStringIncludes(await Deno.readTextFile(join(dir, "skill.out")), "recorded skill use");
});
