/**
 * Hot command benchmark: every read and agent-side command sase is invoked
 * for constantly (by the user, by agents inside their runs, by axe chops),
 * as a whole process from source, against the empty Deno program measured in
 * the same run. Goal: each at most 3x the empty program's CPU time.
 *
 * The data is realistic and generated in a temp `SASE_HOME`: real foreground
 * fakey runs (agent records, chats, notifications written by sase itself), a
 * user configuration, an inbox of 300 notifications in the shapes sase's
 * producers write, an event-sourced bead store of 40 plans (4 phases each)
 * and 30 tasks, a ProjectSpec of 120 ChangeSpecs, and a plan proposed from
 * inside an agent run the way the `/sase_plan` skill does.
 *
 * Every sample checks its answer (the ready bead ids, the matching
 * ChangeSpecs, the agent's name, the stored variable, ...); a wrong answer
 * fails the bench instead of timing it.
 *
 * Run: `deno run -A scripts/bench/commands.ts` (or `deno task bench`).
 *
 * @module
 */

import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { capturedProcessTime, emptyProgramTime, median, report } from "./_measure.ts";
import { buildEvent, type EventDraft } from "../../core/bead/event.ts";
import { issueToRow, newIssue } from "../../core/bead/model.ts";
import { manifestText } from "../../core/bead/store.ts";
import { formatBeadConfig } from "../../core/bead/config.ts";
import { storePaths, streamPath } from "../../core/bead/paths.ts";
import { STORE_GITIGNORE } from "../../core/bead/init.ts";
import { topLevelId } from "../../core/bead/ids.ts";

const MAIN = fileURLToPath(new URL("../../main.ts", import.meta.url));
const SAMPLES = Number(Deno.env.get("SASE_BENCH_RUNS") ?? 9);
/** The goal: a multiple of the empty program's CPU time. */
const GOAL_RATIO = 3;
const OWNER = "bench@example.com";
const PLANS = 40;
const TASKS = 30;
const CHANGESPECS = 120;
const NOTIFICATIONS = 300;
const FAKEY_RUNS = 4;

/** Stop the bench: its answer is not the expected one. */
function wrongAnswer(what: string): never {
  throw new Error(`wrong answer: ${what}`);
}

/** The temp home every command runs in. */
interface Home {
  root: string;
  env: Record<string, string>;
  /** The git checkout the commands run in. */
  repo: string;
}

async function git(cwd: string, env: Record<string, string>, ...args: string[]): Promise<void> {
  const output = await new Deno.Command("git", { args, cwd, env, stdout: "null", stderr: "piped" })
    .output();
  if (!output.success) {
    throw new Error(`git ${args.join(" ")}: ${new TextDecoder().decode(output.stderr)}`);
  }
}

/** Run sase (from source) to set data up; its stdout. */
async function sase(home: Home, args: string[], env: Record<string, string> = {}): Promise<string> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--unstable-worker-options", MAIN, ...args],
    cwd: home.repo,
    env: { ...home.env, ...env },
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!output.success) {
    throw new Error(`sase ${args.join(" ")}: ${new TextDecoder().decode(output.stderr)}`);
  }
  return new TextDecoder().decode(output.stdout);
}

async function makeHome(): Promise<Home> {
  const root = await Deno.makeTempDir({ prefix: "sase-bench-commands-" });
  const home = join(root, "home");
  const real = Deno.env.toObject();
  const env: Record<string, string> = {
    HOME: home,
    SASE_HOME: join(home, ".sase"),
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_STATE_HOME: join(home, ".local", "state"),
    XDG_DATA_HOME: join(home, ".local", "share"),
    XDG_CACHE_HOME: join(home, ".cache"),
    PATH: real.PATH ?? "/usr/bin:/bin",
    // A temp HOME must not move Deno's module cache.
    DENO_DIR: real.DENO_DIR ?? join(real.HOME ?? "/root", ".cache", "deno"),
    DENO_NO_UPDATE_CHECK: "1",
    NO_COLOR: "1",
    GIT_AUTHOR_NAME: "Bench",
    GIT_AUTHOR_EMAIL: OWNER,
    GIT_COMMITTER_NAME: "Bench",
    GIT_COMMITTER_EMAIL: OWNER,
  };
  const repo = join(root, "benchproj");
  const origin = join(root, "origin.git");
  await Deno.mkdir(repo, { recursive: true });
  await git(root, env, "init", "-q", "--bare", "-b", "main", origin);
  await git(repo, env, "init", "-q", "-b", "main");
  await Deno.mkdir(join(repo, "src"));
  await Deno.writeTextFile(join(repo, "README.md"), "# benchproj\n\nA project to benchmark.\n");
  await Deno.writeTextFile(join(repo, "src", "parser.ts"), "export const parse = () => 1;\n");
  await git(repo, env, "add", "-A");
  await git(repo, env, "commit", "-q", "-m", "initial commit");
  await git(repo, env, "remote", "add", "origin", origin);
  await git(repo, env, "push", "-q", "origin", "main");
  await Deno.mkdir(join(env.XDG_CONFIG_HOME, "sase"), { recursive: true });
  await Deno.writeTextFile(join(env.XDG_CONFIG_HOME, "sase", "sase.yml"), USER_CONFIG);
  return { root, env, repo };
}

/** A user configuration of the size people write: aliases, models, axe and a mentor. */
const USER_CONFIG = `# my sase settings
timezone: Europe/Berlin
llm_provider:
  model_aliases:
    fast: fakey/reply
    deep: claude/opus
  worker_models:
    review: claude/sonnet
xprompt_aliases:
  r: review
  c: commit
axe:
  max_agent_runners: 4
  lumberjacks:
    hooks:
      interval: 10
mentor_profiles:
  - profile_name: careful
    file_globs: ["src/**/*.ts"]
    mentors:
      - mentor_name: reviewer
        role: Reviews the change for correctness
        focus_areas:
          - focus_name: tests
            description: Every change comes with a test
workspace:
  cleanup_ttl_days: 7
`;

/** Inbox rows in the shapes sase's producers write (agents, plans, questions, ChangeSpecs). */
function notificationRows(count: number): string {
  const rows: string[] = [];
  for (let i = 0; i < count; i++) {
    const timestamp = new Date(Date.UTC(2026, 10, 1) + i * 600_000).toISOString();
    const id = crypto.randomUUID();
    const kind = i % 4;
    const row: Record<string, unknown> = kind === 0
      ? {
        id,
        timestamp,
        sender: "user-agent",
        icon: "🤖",
        notes: [`Agent bench-${i} completed`, "Reply: done; tests pass."],
        files: [`/tmp/bench/run${i}/live_reply.md`],
        action: "JumpToAgent",
        action_data: { cl_name: `bench-${i}`, raw_suffix: "20261101120000" },
      }
      : kind === 1
      ? {
        id,
        timestamp,
        sender: "plan",
        notes: [`Plan proposed: Step ${i} of the parser`],
        files: [`/tmp/bench/plans/step_${i}.md`],
        action: "PlanApproval",
        action_data: { response_dir: `/tmp/bench/run${i}/plan_approval` },
        tags: ["plan"],
      }
      : kind === 2
      ? {
        id,
        timestamp,
        sender: "question",
        notes: [`Which database should phase ${i} use?`],
        action: "UserQuestion",
        action_data: { response_dir: `/tmp/bench/q${i}`, session_id: `s-${i}` },
        muted: i % 8 === 2,
      }
      : {
        id,
        timestamp,
        sender: "crs",
        notes: [`ChangeSpec spec_${i} moved to Ready`],
        action: "JumpToChangeSpec",
        action_data: { changespec_name: `spec_${i}`, project_file: "/tmp/bench/benchproj.sase" },
        tags: ["review"],
      };
    if (i % 3 === 0) row.read = true;
    if (i % 10 === 0) row.dismissed = true;
    rows.push(JSON.stringify(row));
  }
  return rows.join("\n") + "\n";
}

function beadTime(second: number): string {
  return new Date(Date.UTC(2026, 10, 1) + second * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function created(id: string, fields: Omit<Parameters<typeof newIssue>[0], "id">): EventDraft {
  const issue = newIssue({ owner: OWNER, created_by: OWNER, ...fields, id });
  return { operation: "issue_created", issue_id: id, payload: { issue: issueToRow(issue) } };
}

function dependsOn(id: string, on: string): EventDraft {
  return {
    operation: "dependency_added",
    issue_id: id,
    payload: { dependency: { issue_id: id, depends_on_id: on, created_at: "", created_by: OWNER } },
  };
}

/**
 * A bead store written the way the original writes it; returns the ids that
 * must be ready. Plan `p` has four phases (2 and 3 need 1, 4 needs 3). Every
 * third plan shipped (all closed); every third was launched (phase 1 closed,
 * so the epic and phases 2 and 3 are ready: in the original's rule an open
 * phase of a launched epic is ready once its blockers close); the rest are
 * planned (only the epic is ready). Tasks are `ready` when triaged.
 */
async function writeBeads(dir: string): Promise<string[]> {
  const paths = storePaths(dir);
  await Deno.mkdir(paths.streamsDir, { recursive: true });
  const ready: string[] = [];
  let clock = 0;
  let streams = 0;
  const writeStream = async (streamId: string, drafts: EventDraft[]) => {
    const lines = drafts.map((draft, index) =>
      JSON.stringify(buildEvent(draft, streamId, index + 1, beadTime(clock++), OWNER))
    );
    streams++;
    await Deno.writeTextFile(streamPath(paths, streamId), lines.join("\n") + "\n");
  };
  for (let p = 1; p <= PLANS; p++) {
    const root = topLevelId("bench", p);
    const phases = [1, 2, 3, 4].map((n) => `${root}.${n}`);
    const drafts: EventDraft[] = [
      created(root, {
        title: `Epic ${p}: the parser, step ${p}`,
        issue_type: "plan",
        tier: "epic",
        design: `sdd/epics/202611/step_${p}.md`,
      }),
      ...phases.map((id, i) =>
        created(id, { title: `Phase ${i + 1} of epic ${p}`, issue_type: "phase", parent_id: root })
      ),
      dependsOn(phases[1], phases[0]),
      dependsOn(phases[2], phases[0]),
      dependsOn(phases[3], phases[2]),
    ];
    if (p % 3 === 0) {
      for (const id of [...phases, root]) {
        drafts.push({ operation: "issue_closed", issue_id: id, payload: { close_reason: null } });
      }
    } else if (p % 3 === 1) {
      drafts.push(
        { operation: "ready_marked", issue_id: root, payload: {} },
        { operation: "issue_closed", issue_id: phases[0], payload: { close_reason: null } },
        { operation: "note_appended", issue_id: phases[0], payload: { entry: "COMMIT: 0a1b2c3" } },
      );
      ready.push(root, phases[1], phases[2]);
    } else {
      ready.push(root);
    }
    await writeStream(root, drafts);
  }
  for (let t = 1; t <= TASKS; t++) {
    const id = topLevelId("bench", PLANS + t);
    await writeStream(id, [
      created(id, { title: `Flaky test ${t} in the parser`, issue_type: "task", status: "ready" }),
    ]);
    ready.push(id);
  }
  await Deno.writeTextFile(paths.manifest, manifestText(streams));
  await Deno.writeTextFile(
    paths.config,
    formatBeadConfig({ issue_prefix: "bench", next_counter: PLANS + TASKS + 1, owner: OWNER }),
  );
  await Deno.writeTextFile(paths.gitignore, STORE_GITIGNORE);
  return ready.sort();
}

/** `CHANGESPECS` ChangeSpecs in the handbook's format; every fifth is Ready. */
function projectSpec(): string {
  const statuses = ["WIP", "Drafted", "Mailed", "Submitted", "Ready"];
  const specs: string[] = [];
  for (let i = 0; i < CHANGESPECS; i++) {
    const status = statuses[i % statuses.length];
    specs.push(
      [
        "## ChangeSpec",
        `NAME: spec_${i}`,
        "DESCRIPTION:",
        `  Step ${i} of the parser work.`,
        "  Keeps the tokenizer and the AST in sync.",
        `PARENT: ${i % 7 === 0 || i === 0 ? "" : `spec_${i - 1}`}`,
        `PR: ${status === "Submitted" ? `https://example.test/repo/pull/${i}` : ""}`,
        `BUG: BUG-${1000 + i}`,
        `STATUS: ${status}`,
        "COMMITS:",
        `  (1) [run] Step ${i}`,
        `      | CHAT: ~/.sase/chats/spec_${i}.md (3m10s)`,
        `      | DIFF: ~/.sase/diffs/spec_${i}.diff`,
        "HOOKS:",
        "  just test",
        "      | (1) [261101_120000] PASSED (41s)",
        "TIMESTAMPS:",
        "  261101_110000 STATUS WIP -> Drafted",
        "DELTAS:",
        `  + src/step_${i}.ts`,
        "  ~ src/parser.ts",
      ].join("\n"),
    );
  }
  return specs.join("\n\n\n") + "\n";
}

/** A plan as the `/sase_plan` skill asks agents to write one. */
const PLAN = `---
tier: tale
title: Tokenize string escapes
goal: The parser accepts every JSON string escape
size: small
---
# Plan

## Context

The tokenizer stops at the first backslash; JSON inputs with escapes fail.

## Steps

1. Handle \`\\\\\`, \`\\"\`, \`\\n\`, \`\\t\` and \`\\uXXXX\` in \`src/parser.ts\`.
2. Add table tests for each escape and for a truncated \`\\u\` sequence.
3. Run \`just test\`.
`;

/** A hot command as the bench runs it. */
interface Case {
  name: string;
  args: string[];
  env?: Record<string, string>;
  stdin?: string;
  /** Called before every sample (e.g. to clear a one-shot record). */
  before?: () => Promise<void>;
  check: (stdout: string) => void;
}

/** The runs the fakey runs left: their names and artifact directories, oldest first. */
async function agentRuns(saseHome: string): Promise<{ name: string; dir: string }[]> {
  const runs: { name: string; dir: string; timestamp: string }[] = [];
  const stack = [join(saseHome, "projects")];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for await (const entry of Deno.readDir(dir)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory) stack.push(path);
      else if (entry.name === "agent_meta.json") {
        const meta = JSON.parse(await Deno.readTextFile(path));
        runs.push({ name: meta.name, dir, timestamp: meta.timestamp });
      }
    }
  }
  return runs.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
}

async function setUp(home: Home): Promise<Case[]> {
  for (let i = 0; i < FAKEY_RUNS; i++) {
    const reply = await sase(home, ["run", `%m:fakey/reply parse step ${i}`]);
    if (!reply.includes(`You asked: parse step ${i}`)) wrongAnswer(`fakey run ${i}: ${reply}`);
  }
  const runs = await agentRuns(home.env.SASE_HOME);
  if (runs.length !== FAKEY_RUNS) wrongAnswer(`${runs.length} agent runs, not ${FAKEY_RUNS}`);
  const agent = runs[runs.length - 1];
  const inbox = join(home.env.SASE_HOME, "notifications", "notifications.jsonl");
  await Deno.mkdir(join(inbox, ".."), { recursive: true });
  const ownRows = await Deno.readTextFile(inbox).catch(() => "");
  await Deno.writeTextFile(inbox, notificationRows(NOTIFICATIONS) + ownRows);
  const beads = join(home.root, "beads");
  const ready = await writeBeads(beads);
  const projects = join(home.env.SASE_HOME, "projects", "benchproj");
  await Deno.mkdir(projects, { recursive: true });
  await Deno.writeTextFile(join(projects, "benchproj.sase"), projectSpec());
  const plan = join(home.root, "step_plan.md");
  await Deno.writeTextFile(plan, PLAN);
  await Deno.writeTextFile(join(agent.dir, "prompt.md"), "%name:planner\nPlan the escapes.\n");
  const inRun = { SASE_AGENT: "1", SASE_ARTIFACTS_DIR: agent.dir, SASE_AGENT_NAME: agent.name };
  const beadEnv = { SASE_BEADS_DIR: beads };
  const readyIds = (stdout: string) =>
    (JSON.parse(stdout) as { id: string }[]).map((row) => row.id).sort();
  return [
    {
      name: "notify list",
      args: ["notify", "list", "-j"],
      check: (stdout) => {
        const rows = JSON.parse(stdout) as unknown[];
        // Dismissed rows (every tenth) are hidden; the default limit caps the rest.
        if (rows.length === 0) wrongAnswer("notify list printed no notifications");
      },
    },
    {
      name: "bead ready",
      args: ["bead", "ready", "-j"],
      env: beadEnv,
      check: (stdout) => {
        const ids = readyIds(stdout);
        if (JSON.stringify(ids) !== JSON.stringify(ready)) {
          wrongAnswer(`bead ready: ${ids.length} ids, expected ${ready.length}`);
        }
      },
    },
    {
      name: "bead list",
      args: ["bead", "list", "-j"],
      env: beadEnv,
      check: (stdout) => {
        // Shipped plans (every third) and their phases are closed: 2/3 of the plans stay.
        const open = (JSON.parse(stdout) as unknown[]).length;
        if (open < PLANS) wrongAnswer(`bead list showed ${open} beads`);
      },
    },
    {
      name: "bead show",
      args: ["bead", "show", "bench-1"],
      env: beadEnv,
      check: (stdout) => {
        if (!stdout.includes("Epic 1: the parser, step 1")) wrongAnswer(`bead show: ${stdout}`);
      },
    },
    {
      name: "agent list",
      args: ["agent", "list", "-a", "-j"],
      check: (stdout) => {
        const names = (JSON.parse(stdout) as { name: string }[]).map((row) => row.name);
        if (!runs.every((run) => names.includes(run.name))) {
          wrongAnswer(`agent list: ${names.join(", ")}`);
        }
      },
    },
    {
      name: "agent show",
      args: ["agent", "show", agent.name],
      check: (stdout) => {
        if (!stdout.includes(`You asked: parse step ${FAKEY_RUNS - 1}`)) {
          wrongAnswer(`agent show: ${stdout}`);
        }
      },
    },
    {
      name: "changespec search",
      args: ["changespec", "search", "status:Ready", "-j"],
      check: (stdout) => {
        const found = (JSON.parse(stdout) as { count: number }).count;
        if (found !== CHANGESPECS / 5) wrongAnswer(`changespec search found ${found}`);
      },
    },
    {
      name: "var set",
      args: ["var", "set", "step=3", "status=green"],
      env: inRun,
      check: (stdout) => {
        if (!stdout.startsWith("Set 2 output variables: step, status")) {
          wrongAnswer(`var set: ${stdout}`);
        }
      },
    },
    {
      name: "plan propose",
      args: ["plan", "propose", plan],
      env: inRun,
      // One proposal may be pending per run: answer the previous one first.
      before: () => Deno.remove(join(agent.dir, "plan_approval"), { recursive: true }),
      check: (stdout) => {
        if (!stdout.startsWith("Plan proposed: Tokenize string escapes (tale)")) {
          wrongAnswer(`plan propose: ${stdout}`);
        }
      },
    },
    {
      name: "xprompt expand",
      args: ["xprompt", "expand", "Fix the escapes in src/parser.ts. #commit(message=Escapes)"],
      check: (stdout) => {
        // The bundled #commit rendered with its message argument.
        if (!stdout.includes("commit_message.md") || !/:\n\n\s+Escapes\n/.test(stdout)) {
          wrongAnswer(`xprompt expand: ${stdout}`);
        }
      },
    },
    {
      name: "config show",
      args: ["config", "show"],
      check: (stdout) => {
        if (!stdout.includes("timezone: Europe/Berlin")) wrongAnswer(`config show: ${stdout}`);
      },
    },
    {
      name: "doctor",
      args: ["doctor"],
      check: (stdout) => {
        if (!stdout.includes("config")) wrongAnswer(`doctor: ${stdout}`);
      },
    },
  ];
}

/** One sample of `command`, its answer checked. */
async function sample(home: Home, command: Case): Promise<{ cpuMs: number; wallMs: number }> {
  await command.before?.().catch((error) => {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  });
  const { stdout, ...time } = await capturedProcessTime(
    [Deno.execPath(), "run", "-A", "--unstable-worker-options", MAIN, ...command.args],
    { cwd: home.repo, env: { ...home.env, ...command.env }, stdin: command.stdin },
  );
  command.check(stdout);
  return time;
}

const home = await makeHome();
try {
  const cases = await setUp(home);
  const baseline = await emptyProgramTime();
  report({
    bench: "commands",
    name: "empty Deno program",
    value: baseline.cpuMs,
    unit: "ms",
    metric: "cpu",
  });
  const only = Deno.env.get("SASE_BENCH_ONLY");
  for (const command of cases) {
    if (only && !command.name.includes(only)) continue;
    await sample(home, command); // warm-up: Deno's and sase's caches
    const samples: { cpuMs: number; wallMs: number }[] = [];
    for (let run = 0; run < SAMPLES; run++) samples.push(await sample(home, command));
    const cpu = median(samples.map((sample) => sample.cpuMs));
    const wall = median(samples.map((sample) => sample.wallMs));
    report({
      bench: "commands",
      name: `sase ${command.name}`,
      value: cpu / baseline.cpuMs,
      unit: "x",
      goal: GOAL_RATIO,
      metric: "cpu",
    });
    report({
      bench: "commands",
      name: `sase ${command.name}`,
      value: wall,
      unit: "ms",
      metric: "wall",
    });
  }
} catch (error) {
  console.error(`commands bench failed: ${error instanceof Error ? error.message : String(error)}`);
  Deno.exitCode = 1;
} finally {
  if (Deno.env.get("SASE_BENCH_KEEP")) console.log(`commands: kept ${home.root}`);
  else await Deno.remove(home.root, { recursive: true });
}
