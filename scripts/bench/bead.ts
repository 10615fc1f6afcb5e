/**
 * Bead benchmark: a realistic store of about 10,500 beads and 50,000 events,
 * written the way the original writes it (full-field `issue_updated` events
 * with `null` for unchanged fields, repeated closes, launched epics with
 * pre-claimed phases, triaged and snoozed tasks), generated in a temp dir.
 *
 * Reports (through `_measure.ts`): the full replay in-process; cold (no
 * `beads.db`) and warm `sase bead ready -j` as whole processes, against
 * their goals (400 ms and 60 ms wall) and the empty program; the read after
 * another writer appended to one stream (only what it reaches is replayed);
 * `bead create` in-process (goal 10 ms) and as a command. Every answer is
 * checked against the ids the generator knows are ready (the rule is written
 * out below, not taken from the code under test): a wrong or empty answer
 * exits non-zero.
 *
 * Run: `deno run -A scripts/bench/bead.ts` (or `deno task bench`).
 *
 * @module
 */

import { join } from "node:path";
import { buildEvent, type EventDraft } from "../../core/bead/event.ts";
import { issueToRow, newIssue } from "../../core/bead/model.ts";
import { loadStore, manifestText, mutateStore } from "../../core/bead/store.ts";
import { planCreate } from "../../core/bead/mutate.ts";
import { formatBeadConfig } from "../../core/bead/config.ts";
import { storePaths, streamPath } from "../../core/bead/paths.ts";
import { emptyProgramTime, median, type ProcessTime, report } from "./_measure.ts";
import { homeEnv, timeSase } from "./_sase.ts";
import { STORE_GITIGNORE } from "../../core/bead/init.ts";
import { topLevelId } from "../../core/bead/ids.ts";

const PLANS = 2_000;
const PHASES_PER_PLAN = 4;
const TASKS = 500;
const OWNER = "bench@example.com";
/** Every field the original puts on an update event; `null` leaves a field unchanged. */
const UPDATE_FIELDS = [
  "title",
  "status",
  "assignee",
  "description",
  "notes",
  "design",
  "model",
  "closed_at",
  "close_reason",
  "changespec_name",
  "changespec_bug_id",
  "tier",
  "is_ready_to_work",
  "epic_count",
];

function timestamp(second: number): string {
  return new Date(Date.UTC(2026, 0, 1) + second * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function update(issueId: string, fields: Record<string, unknown>): EventDraft {
  const all = Object.fromEntries(UPDATE_FIELDS.map((key) => [key, null]));
  return {
    operation: "issue_updated",
    issue_id: issueId,
    payload: { fields: { ...all, ...fields } },
  };
}

function created(id: string, fields: Omit<Parameters<typeof newIssue>[0], "id">): EventDraft {
  const issue = newIssue({ owner: OWNER, created_by: OWNER, ...fields, id });
  return { operation: "issue_created", issue_id: id, payload: { issue: issueToRow(issue) } };
}

const close = (id: string, reason: string | null = null): EventDraft => ({
  operation: "issue_closed",
  issue_id: id,
  payload: { close_reason: reason },
});

function dependency(id: string, on: string): EventDraft {
  return {
    operation: "dependency_added",
    issue_id: id,
    payload: { dependency: { issue_id: id, depends_on_id: on, created_at: "", created_by: OWNER } },
  };
}

/**
 * The events of plan `p` and its phases, and which of them are ready.
 *
 * Ids are allocated as the original does (base-36 counters: `bench-1`, ...,
 * `bench-1jk`), tasks after the plans.
 *
 * - even plans: shipped — every phase closed (some twice), the epic closed;
 * - odd plans, every fifth: launched — marked ready to work, phase 1 closed,
 *   phase 2 pre-claimed, phase 3 (needing only phase 1) open, phase 4 (needing
 *   phase 3) open: the epic and phase 3 are ready;
 * - other odd plans: planned, not launched — the epic is ready, its phases
 *   wait for the launch.
 */
function planEvents(p: number): { drafts: EventDraft[]; ready: string[] } {
  const root = topLevelId("bench", p);
  const phases = Array.from({ length: PHASES_PER_PLAN }, (_, i) => `${root}.${i + 1}`);
  const drafts: EventDraft[] = [
    created(root, {
      title: `Epic ${p} of the benchmark`,
      issue_type: "plan",
      tier: "epic",
      design: `sdd/epics/202601/${root}.md`,
    }),
    ...phases.map((id, i) =>
      created(id, { title: `Phase ${i + 1} of epic ${p}`, issue_type: "phase", parent_id: root })
    ),
    dependency(phases[1], phases[0]),
    dependency(phases[2], phases[0]),
    dependency(phases[3], phases[2]),
    update(root, { description: `Description of ${root}\nwith a second line` }),
  ];
  if (p % 2 === 0) {
    for (const id of phases) {
      drafts.push(
        update(id, { status: "in_progress" }),
        { operation: "note_appended", issue_id: id, payload: { entry: `progress on ${id}` } },
        close(id),
        update(id, { notes: "COMMIT: 0a1b2c3" }),
      );
      if (p % 4 === 0) drafts.push(close(id, "closed again"));
    }
    drafts.push(close(root, "shipped"));
    return { drafts, ready: [] };
  }
  if (p % 10 === 1) {
    drafts.push(
      { operation: "ready_marked", issue_id: root, payload: {} },
      ...phases.map((id): EventDraft => ({
        operation: "epic_work_preclaimed",
        issue_id: id,
        payload: { agent_name: id },
      })),
      close(phases[0]),
      update(phases[2], { status: "open", assignee: "" }),
      update(phases[3], { status: "open", assignee: "" }),
      ...phases.map((id): EventDraft => ({
        operation: "note_appended",
        issue_id: id,
        payload: { entry: `launched ${id}` },
      })),
    );
    return { drafts, ready: [root, phases[2]] };
  }
  drafts.push(
    update(root, { model: "claude/opus" }),
    update(root, { notes: "planned" }),
    { operation: "note_appended", issue_id: root, payload: { entry: "reviewed" } },
    { operation: "note_appended", issue_id: root, payload: { entry: "estimated" } },
    ...phases.map((id) => update(id, { description: `What ${id} does` })),
  );
  return { drafts, ready: [root] };
}

/** Task `t`: a third triaged `ready`, a third snoozed until a time long past, a third snoozed far ahead. */
function taskEvents(t: number): [drafts: EventDraft[], ready: string[]] {
  const id = topLevelId("bench", PLANS + t);
  const drafts: EventDraft[] = [
    created(id, { title: `Task ${t}`, issue_type: "task", status: "ready" }),
    ...Array.from({ length: 6 }, (_, n) => update(id, { description: `Observed ${n + 1} times` })),
  ];
  if (t % 3 === 0) return [drafts, [id]];
  const until = t % 3 === 1 ? "2026-01-02T00:00:00Z" : "2999-01-01T00:00:00Z";
  drafts.push({
    operation: "task_snoozed",
    issue_id: id,
    payload: { snooze: { until, snoozed_at: "", snoozed_by: OWNER, reason: "later" } },
  });
  return [drafts, t % 3 === 1 ? [id] : []];
}

/** Write the store; returns the event count and the ids `sase bead ready` must answer. */
async function generate(dir: string): Promise<{ events: number; ready: string[] }> {
  const paths = storePaths(dir);
  await Deno.mkdir(paths.streamsDir, { recursive: true });
  let events = 0;
  let clock = 0;
  const ready: string[] = [];
  const streams: Array<[string, { drafts: EventDraft[]; ready: string[] }]> = [
    ...Array.from(
      { length: PLANS },
      (_, i) => [topLevelId("bench", i + 1), planEvents(i + 1)] as const,
    ),
    ...Array.from(
      { length: TASKS },
      (_, i) => {
        const [drafts, ready] = taskEvents(i + 1);
        return [topLevelId("bench", PLANS + i + 1), { drafts, ready }] as const;
      },
    ),
  ].map(([id, value]) => [id, value]);
  for (const [streamId, { drafts, ready: streamReady }] of streams) {
    const lines = drafts.map((draft, index) =>
      JSON.stringify(buildEvent(draft, streamId, index + 1, timestamp(clock++), OWNER))
    );
    events += lines.length;
    ready.push(...streamReady);
    await Deno.writeTextFile(streamPath(paths, streamId), lines.join("\n") + "\n");
  }
  await Deno.writeTextFile(paths.manifest, manifestText(streams.length));
  await Deno.writeTextFile(
    paths.config,
    formatBeadConfig({ issue_prefix: "bench", next_counter: PLANS + TASKS + 1, owner: OWNER }),
  );
  await Deno.writeTextFile(paths.gitignore, STORE_GITIGNORE);
  return { events, ready: ready.sort() };
}

/** Fail the bench unless `sase bead ready -j` answered exactly `expected`. */
function checkReady(stdout: string, expected: readonly string[], label: string): void {
  const ids = (JSON.parse(stdout) as Array<{ id: string }>).map((row) => row.id).sort();
  if (expected.length === 0) throw new Error("bench store has no ready beads: nothing to time");
  if (JSON.stringify(ids) !== JSON.stringify(expected)) {
    const missing = expected.filter((id) => !ids.includes(id));
    const extra = ids.filter((id) => !expected.includes(id));
    throw new Error(
      `${label}: wrong answer: ${ids.length} ready, expected ${expected.length} (missing ${
        missing.slice(0, 5).join(", ") || "none"
      }; unexpected ${extra.slice(0, 5).join(", ") || "none"})`,
    );
  }
}

/** `sase bead ready -j` `runs` times (after `before` each), every answer checked; median times. */
async function readyTimes(
  env: Record<string, string>,
  expected: readonly string[],
  label: string,
  runs: number,
  before?: () => Promise<void>,
): Promise<ProcessTime> {
  const samples: ProcessTime[] = [];
  for (let run = 0; run < runs; run++) {
    await before?.();
    const result = await timeSase(["bead", "ready", "-j"], env);
    checkReady(result.stdout, expected, label);
    samples.push(result);
  }
  return {
    cpuMs: median(samples.map((sample) => sample.cpuMs)),
    wallMs: median(samples.map((sample) => sample.wallMs)),
  };
}

const SAMPLES = Number(Deno.env.get("SASE_BENCH_RUNS") ?? 7);

const root = await Deno.makeTempDir({ prefix: "sase-bench-bead-" });
try {
  const dir = join(root, "beads");
  const { events, ready } = await generate(dir);
  const replays: number[] = [];
  let beads = 0;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const store = await loadStore(dir);
    replays.push(performance.now() - start);
    beads = store.issues.length;
    if (store.problems.length > 0) throw new Error(`replay problems: ${store.problems[0].message}`);
  }
  report({
    bench: "bead",
    name: `replay of ${events} events (${beads} beads, in-process)`,
    value: median(replays),
    unit: "ms",
    goal: 500,
    metric: "wall",
  });
  // A throwaway HOME isolates sase's state.
  const env = homeEnv(join(root, "home"), {
    XDG_CONFIG_HOME: join(root, ".config"),
    SASE_BEADS_DIR: dir,
  });
  await timeSase(["--version"], env); // warm Deno's module cache, not ours
  const cold = await readyTimes(
    env,
    ready,
    "cold `sase bead ready`",
    Math.min(SAMPLES, 5),
    () => Deno.remove(storePaths(dir).db).catch(() => {}),
  );
  report({
    bench: "bead",
    name: `cold \`sase bead ready -j\` (no beads.db; ${beads} beads, ${ready.length} ready)`,
    value: cold.wallMs,
    unit: "ms",
    goal: 400,
    metric: "wall",
  });
  const warm = await readyTimes(env, ready, "warm `sase bead ready`", SAMPLES);
  report({
    bench: "bead",
    name: `warm \`sase bead ready -j\` (${beads} beads)`,
    value: warm.wallMs,
    unit: "ms",
    goal: 60,
    metric: "wall",
  });
  const baseline = await emptyProgramTime();
  report({
    bench: "bead",
    name: "warm `sase bead ready -j`, CPU over the empty program",
    value: warm.cpuMs / baseline.cpuMs,
    unit: "x",
    goal: 3,
    metric: "cpu",
  });
  // Another writer appends to one stream: the next read replays only what it reaches.
  const [, taskReady] = taskEvents(3);
  const task = topLevelId("bench", PLANS + 3);
  const appended = await readyTimes(
    env,
    ready.filter((id) => id !== task),
    "`sase bead ready` after another writer's close",
    1,
    async () => {
      const line = JSON.stringify(
        buildEvent(close(task, "done elsewhere"), task, 8, timestamp(999_999), OWNER),
      );
      await Deno.writeTextFile(streamPath(storePaths(dir), task), line + "\n", { append: true });
    },
  );
  if (taskReady.length !== 1) throw new Error("task 3 should have been ready");
  report({
    bench: "bead",
    name: "`sase bead ready -j` after another writer appended to one stream",
    value: appended.wallMs,
    unit: "ms",
    metric: "wall",
  });
  const creates: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const start = performance.now();
    await mutateStore(
      dir,
      { actor: "bench" },
      (ctx) =>
        planCreate(ctx, { title: `bench create ${i}`, type: { kind: "plan", file: "x.md" } }),
    );
    creates.push(performance.now() - start);
  }
  report({
    bench: "bead",
    name: `\`bead create\` in-process (${beads}-bead store)`,
    value: median(creates),
    unit: "ms",
    goal: 10,
    metric: "wall",
  });
  const created = await timeSase(["bead", "create", "-t", "cli create", "-T", "plan(y.md)"], env);
  report({
    bench: "bead",
    name: "`sase bead create` as a command, CPU over the empty program",
    value: created.cpuMs / baseline.cpuMs,
    unit: "x",
    goal: 3,
    metric: "cpu",
  });
  // The new open plans are ready too: the answer after writes must include them.
  const createdIds = Array.from(
    { length: SAMPLES + 1 },
    (_, i) => topLevelId("bench", PLANS + TASKS + 1 + i),
  );
  const after = await timeSase(["bead", "ready", "-j"], env);
  checkReady(
    after.stdout,
    [...ready.filter((id) => id !== task), ...createdIds].sort(),
    "`sase bead ready` after creates",
  );
} catch (error) {
  console.error(`bead bench failed: ${error instanceof Error ? error.message : String(error)}`);
  Deno.exitCode = 1;
} finally {
  if (Deno.env.get("BEAD_BENCH_KEEP")) console.log(`bead: kept ${root}`);
  else await Deno.remove(root, { recursive: true });
}
