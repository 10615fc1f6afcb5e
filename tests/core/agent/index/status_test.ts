import { assertEquals } from "../../../_helpers/assert.ts";
import {
  type AgentStatus,
  deriveStatus,
  isTerminalStatus,
  parseStatus,
  statusBucket,
  type StatusInput,
  statusLabel,
} from "../../../../core/agent/index/status.ts";

const LIVE: StatusInput = {
  phase: null,
  hasDone: false,
  outcome: null,
  hasPid: true,
  runnerAlive: true,
  pendingQuestion: false,
  pendingPlan: false,
};

// [case, input overrides, status, crashed]
const TABLE: [string, Partial<StatusInput>, AgentStatus, boolean][] = [
  ["no meta yet", { hasPid: false, runnerAlive: null }, "starting", false],
  ["phase starting", { phase: "starting" }, "starting", false],
  ["phase waiting", { phase: "waiting" }, "waiting", false],
  ["phase running", { phase: "running" }, "running", false],
  ["phase retrying", { phase: "retrying" }, "retrying", false],
  ["foreground run without phase", { phase: null }, "running", false],
  ["unknown phase with pid", { phase: "mystery" }, "running", false],
  [
    "unknown phase without pid",
    { phase: "mystery", hasPid: false, runnerAlive: null },
    "starting",
    false,
  ],
  ["waiting, no runner pid recorded", { phase: "waiting", runnerAlive: null }, "waiting", false],
  ["running, runner dead", { phase: "running", runnerAlive: false }, "failed", true],
  ["waiting, runner dead", { phase: "waiting", runnerAlive: false }, "failed", true],
  ["question marker", { phase: "running", pendingQuestion: true }, "question", false],
  ["plan pending while live", { phase: "running", pendingPlan: true }, "plan", false],
  ["question beats plan", { pendingQuestion: true, pendingPlan: true }, "question", false],
  [
    "question marker but runner dead",
    { pendingQuestion: true, runnerAlive: false },
    "failed",
    true,
  ],
  ["done completed", { hasDone: true, outcome: "completed", runnerAlive: null }, "done", false],
  ["done without outcome (legacy)", { hasDone: true, outcome: null }, "done", false],
  ["done failed", { hasDone: true, outcome: "failed" }, "failed", false],
  ["done killed", { hasDone: true, outcome: "killed" }, "killed", false],
  ["done odd outcome", { hasDone: true, outcome: "exploded" }, "failed", false],
  [
    "completed planner awaiting approval",
    { hasDone: true, outcome: "completed", pendingPlan: true },
    "plan",
    false,
  ],
  [
    "killed planner with stale proposal",
    { hasDone: true, outcome: "killed", pendingPlan: true },
    "killed",
    false,
  ],
  [
    "stale question marker after done",
    { hasDone: true, outcome: "completed", pendingQuestion: true },
    "done",
    false,
  ],
  ["workflow paused at a checkpoint", { phase: "waiting_input" }, "waiting_input", false],
  [
    "paused at a checkpoint, runner dead (a decision resumes it)",
    { phase: "waiting_input", runnerAlive: false },
    "waiting_input",
    false,
  ],
  [
    "checkpoint answered and run finished",
    { phase: "waiting_input", hasDone: true, outcome: "completed" },
    "done",
    false,
  ],
  [
    "done beats a dead runner",
    { hasDone: true, outcome: "completed", runnerAlive: false },
    "done",
    false,
  ],
];

Deno.test("status derivation table", () => {
  for (const [name, overrides, status, crashed] of TABLE) {
    assertEquals(deriveStatus({ ...LIVE, ...overrides }), { status, crashed }, name);
  }
});

Deno.test("labels, parsing and terminal statuses", () => {
  assertEquals(statusLabel("running"), "RUNNING");
  assertEquals(parseStatus("DONE"), "done");
  assertEquals(parseStatus(" Question "), "question");
  assertEquals(parseStatus("nope"), undefined);
  assertEquals(statusLabel("waiting_input"), "WAITING INPUT");
  assertEquals(parseStatus("waiting input"), "waiting_input");
  assertEquals(parseStatus("WAITING-INPUT"), "waiting_input");
  assertEquals(
    (["done", "failed", "killed", "plan", "running"] as AgentStatus[]).map(isTerminalStatus),
    [true, true, true, false, false],
  );
});

Deno.test("BY_STATUS buckets: stopped means the user must act", () => {
  assertEquals(statusBucket("plan"), "Stopped");
  assertEquals(statusBucket("question"), "Stopped");
  assertEquals(statusBucket("waiting_input"), "Stopped");
  assertEquals(statusBucket("waiting"), "Stopped", "parked on the user");
  assertEquals(statusBucket("waiting", { waitingFor: ["build"] }), "Waiting");
  assertEquals(statusBucket("waiting", { waitUntil: "2026-01-01T10:00:00Z" }), "Waiting");
  assertEquals(statusBucket("running"), "Running");
  assertEquals(statusBucket("retrying"), "Running");
  assertEquals(statusBucket("starting"), "Starting");
  assertEquals(statusBucket("failed"), "Failed");
  assertEquals(statusBucket("done"), "Done");
  assertEquals(statusBucket("killed"), "Done");
});
