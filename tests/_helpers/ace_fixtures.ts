/**
 * Synthetic ACE data in the real on-disk formats, for the ACE model tests
 * and the ACE benchmarks: N ChangeSpecs spread over ProjectSpec files
 * (`SASE_HOME/projects/<p>/<p>.sase`, with COMMITS, HOOKS, TIMESTAMPS and
 * DELTAS sections and sibling families; spec `k` of a project carries an
 * error suffix when `k % 5 == 0` (a new proposal) or `k % 13 == 0` (a failed
 * hook)) and M agent runs
 * (`SASE_HOME/projects/<p>/artifacts/ace-run/<YYYYMM>/<DD>/<stamp>/` with
 * `agent_meta.json` (every third run naming one of its project's
 * ChangeSpecs in `cl_name`), `raw_xprompt.md`, `live_reply.md` plus its timestamps,
 * `tool_calls.jsonl`, and `done.json` / pause markers by status), some
 * tagged in `agent_tags.json`, completion notifications for finished runs.
 * Deterministic: the same options write the same files.
 *
 * @module
 */

import { join } from "node:path";

/** What to write. */
export interface AceFixtureOptions {
  changeSpecs: number;
  agents: number;
  /** Projects to spread both over (default 20). */
  projects?: number;
  /** Size of every agent's `live_reply.md` in bytes (default 2 KiB). */
  replyBytes?: number;
  /** "Now" for timestamps (default: the current time). */
  now?: Date;
}

/** What was written. */
export interface AceFixture {
  projects: string[];
  specNames: string[];
  /** Run directories, in the order written. */
  agentDirs: string[];
  /** How many runs are finished (DONE/FAILED). */
  finished: number;
}

const STATUSES = ["WIP", "Draft", "Ready", "Mailed", "Submitted", "WIP", "Draft", "Ready"];
/** Agent phases cycled through: a finished one every fifth run (capped per project). */
const PHASES = [
  "running",
  "waiting",
  "running",
  "question",
  "done",
  "running",
  "plan",
  "failed",
  "running",
  "starting",
];
const TAGS = [null, null, null, "review", null, "pinned", null, null];
/** Finished runs per project the visible inbox shows (the index's recent cap). */
const FINISHED_PER_PROJECT = 10;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

function saseStamp(date: Date): string {
  return `${pad(date.getFullYear() % 100)}${pad(date.getMonth() + 1)}${pad(date.getDate())}_` +
    `${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}

function runStamp(date: Date): string {
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}` +
    `${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}

function specText(project: string, index: number, now: Date): string {
  const family = Math.floor(index / 2);
  const name = `${project}_feature${family}_${(index % 2) + 1}`;
  const when = new Date(now.getTime() - index * 37 * 60_000);
  const parent = index % 3 === 2 ? `PARENT: ${project}_feature${family - 1}_1\n` : "";
  const failed = index % 13 === 0 ? " - (!: Hook Command Failed)" : "";
  // Every fifth spec carries a new proposal (an error-suffix entry, as `!!!` finds).
  const proposal = index % 5 === 0
    ? `  (1a) Alternative approach - (!: NEW PROPOSAL)\n      | DIFF: ~/.sase/diffs/${name}-a.diff\n`
    : "";
  return `NAME: ${name}
DESCRIPTION:
  Implement feature ${index} of ${project}
  
  Body text for change ${index}, long enough to wrap a narrow detail panel.
${parent}PR: https://example.test/${project}/pull/${index}
STATUS: ${STATUSES[index % STATUSES.length]}
COMMITS:
  (1) Initial commit for ${name}
      | CHAT: ~/.sase/chats/${name}.md (1m2s)
      | DIFF: ~/.sase/diffs/${name}.diff
${proposal}HOOKS:
  just test
      | (1) [${saseStamp(when)}] ${failed ? "FAILED" : "PASSED"} (12s)${failed}
TIMESTAMPS:
  [${saseStamp(new Date(when.getTime() - 3_600_000))}] COMMIT (1)
  [${saseStamp(when)}] STATUS WIP -> Draft
DELTAS:
  + src/feature_${index}.ts
      | LINES: +${40 + index % 50}
  ~ src/shared.ts
      | LINES: +3 ~2 -1
`;
}

function reply(bytes: number, index: number): string {
  const line = `Reply line for agent ${index}: working through the task step by step.\n`;
  return line.repeat(Math.max(1, Math.ceil(bytes / line.length))).slice(0, Math.max(bytes, 1));
}

/** Write the fixture under `saseHome`. */
export async function writeAceFixture(
  saseHome: string,
  options: AceFixtureOptions,
): Promise<AceFixture> {
  const now = options.now ?? new Date();
  const projectCount = options.projects ?? 20;
  const projects = Array.from({ length: projectCount }, (_, i) => `proj${i}`);
  const specNames: string[] = [];
  const perProject = new Map<string, number[]>();
  for (let i = 0; i < options.changeSpecs; i++) {
    const project = projects[i % projectCount];
    perProject.set(project, [...(perProject.get(project) ?? []), Math.floor(i / projectCount)]);
  }
  for (const project of projects) {
    const indices = perProject.get(project) ?? [];
    const dir = join(saseHome, "projects", project);
    await Deno.mkdir(dir, { recursive: true });
    const specs = indices.map((index) => specText(project, index, now));
    for (const index of indices) {
      specNames.push(`${project}_feature${Math.floor(index / 2)}_${(index % 2) + 1}`);
    }
    await Deno.writeTextFile(
      join(dir, `${project}.sase`),
      `WORKSPACE_DIR: /tmp/${project}\nPROJECT_STATE: active\n\n\n${specs.join("\n\n")}`,
    );
  }

  const agentDirs: string[] = [];
  const tags: unknown[] = [];
  const notifications: string[] = [];
  const finishedIn = new Map<string, number>();
  let finished = 0;
  const replyBytes = options.replyBytes ?? 2048;
  for (let i = 0; i < options.agents; i++) {
    const project = projects[i % projectCount];
    const started = new Date(now.getTime() - (i + 1) * 47_000);
    const stamp = runStamp(started);
    let phase = PHASES[i % PHASES.length];
    if (
      (phase === "done" || phase === "failed") &&
      (finishedIn.get(project) ?? 0) >= FINISHED_PER_PROJECT
    ) {
      phase = "running";
    }
    const dir = join(
      saseHome,
      "projects",
      project,
      "artifacts",
      "ace-run",
      stamp.slice(0, 6),
      stamp.slice(6, 8),
      stamp,
    );
    await Deno.mkdir(dir, { recursive: true });
    const name = i % 4 === 1 ? `task${Math.floor(i / 4)}--plan` : `agent${i}`;
    const live = phase === "done" || phase === "failed"
      ? "running"
      : phase === "question" || phase === "plan"
      ? "running"
      : phase;
    const meta: Record<string, unknown> = {
      name,
      status: live,
      model: i % 3 === 0 ? "gpt-5" : "opus",
      llm_provider: i % 3 === 0 ? "codex" : "claude",
      started_at: started.toISOString(),
      agent_spawned_at: new Date(started.getTime() + 2000).toISOString(),
      workspace_dir: `/tmp/${project}`,
      output_variables: i % 7 === 0 ? { pr_url: `https://example.test/${i}` } : {},
    };
    // Every third run works on one of its project's ChangeSpecs.
    const ownSpecs = specNames.filter((spec) => spec.startsWith(`${project}_`));
    if (i % 3 === 2 && ownSpecs.length) {
      meta.cl_name = ownSpecs[Math.floor(i / 3) % ownSpecs.length];
    }
    if (phase === "waiting") meta.waiting_for = [`agent${i - 1}`];
    await Deno.writeTextFile(join(dir, "agent_meta.json"), JSON.stringify(meta));
    await Deno.writeTextFile(join(dir, "raw_xprompt.md"), `Please do task ${i} in ${project}\n`);
    const text = reply(replyBytes, i);
    await Deno.writeTextFile(join(dir, "live_reply.md"), text);
    await Deno.writeTextFile(
      join(dir, "live_reply_timestamps.jsonl"),
      JSON.stringify({ byte_offset: 0, timestamp: started.toISOString() }) + "\n",
    );
    await Deno.writeTextFile(
      join(dir, "tool_calls.jsonl"),
      [
        {
          event: "ToolUse",
          status: "pending",
          tool_name: "Read",
          tool_use_id: `t${i}`,
          tool_input_summary: { file_path: "src/a.ts" },
        },
        { event: "ToolResult", status: "success", tool_use_id: `t${i}`, duration_ms: 12 },
      ].map((row) =>
        JSON.stringify({
          schema_version: 3,
          recorded_at: started.toISOString(),
          runtime: "claude",
          source: "stream",
          ...row,
        })
      ).join("\n") + "\n",
    );
    if (phase === "question") await Deno.writeTextFile(join(dir, "pending_question.json"), "{}");
    if (phase === "plan") {
      await Deno.mkdir(join(dir, "plan_approval"), { recursive: true });
      await Deno.writeTextFile(join(dir, "plan_approval", "plan_request.json"), "{}");
    }
    if (phase === "done" || phase === "failed") {
      finished++;
      finishedIn.set(project, (finishedIn.get(project) ?? 0) + 1);
      const finishedAt = new Date(started.getTime() + 30_000).toISOString();
      await Deno.writeTextFile(
        join(dir, "done.json"),
        JSON.stringify({
          outcome: phase === "done" ? "completed" : "failed",
          name,
          finished_at: finishedAt,
        }),
      );
      notifications.push(JSON.stringify({
        id: `n-${stamp}-${i}`,
        timestamp: finishedAt,
        sender: "user-agent",
        notes: [`Agent ${name} ${phase === "done" ? "completed" : "failed"}`],
        files: [],
        action: "JumpToAgent",
        action_data: { raw_suffix: stamp, agent_name: name },
        read: false,
        dismissed: false,
      }));
    }
    const tag = TAGS[i % TAGS.length];
    if (tag) tags.push({ id: ["run", project, stamp], tag });
    agentDirs.push(dir);
  }
  await Deno.writeTextFile(join(saseHome, "agent_tags.json"), JSON.stringify(tags));
  await Deno.mkdir(join(saseHome, "notifications"), { recursive: true });
  await Deno.writeTextFile(
    join(saseHome, "notifications", "notifications.jsonl"),
    notifications.map((line) => line + "\n").join(""),
  );
  return { projects, specNames, agentDirs, finished };
}
