/**
 * The one status table for agent rows: `sase agent list`, `show`, `kill`,
 * the gateway and ACE's Agents tab all derive a run's status here, from the
 * files the runner writes (see `run_state.ts`) plus whether its runner
 * process is still alive.
 *
 * Rules, in order:
 *
 * 1. `done.json` ends the run: `outcome` `killed` is KILLED, `failed` (or any
 *    other value) FAILED, `completed` (or no outcome, as legacy runs wrote) is
 *    DONE — except that a completed planner whose proposal still waits for an
 *    answer (`plan_approval/plan_request.json` without `plan_response.json`)
 *    shows PLAN: the agent is parked on the user, not finished for them.
 * 2. Without `done.json`, a recorded runner `pid` that is no longer alive
 *    means the runner died without finalizing: FAILED, flagged `crashed`.
 * 3. A workflow run paused at a human checkpoint (phase `waiting_input`) is
 *    WAITING INPUT, whether or not its runner is alive: the decision resumes
 *    it (a new runner takes over), so it has not crashed.
 * 4. A live run with `pending_question.json` is QUESTION, one with a pending
 *    plan proposal PLAN (handbook 4.22.1: the markers outlive dismissed
 *    notifications).
 * 5. Otherwise the runner's phase (`agent_meta.json` `status`) decides:
 *    STARTING, WAITING, RUNNING or RETRYING. Runs that predate phases (the
 *    foreground runner records only `pid`/`agent_pid`) are RUNNING once a
 *    runner or provider pid is recorded, STARTING before that.
 *
 * @module
 */

/** Every status a run row can have. */
export type AgentStatus =
  | "starting"
  | "waiting"
  | "running"
  | "retrying"
  | "question"
  | "plan"
  | "waiting_input"
  | "done"
  | "failed"
  | "killed";

/** Every status, live ones first. */
export const AGENT_STATUSES: readonly AgentStatus[] = [
  "starting",
  "waiting",
  "running",
  "retrying",
  "question",
  "plan",
  "waiting_input",
  "done",
  "failed",
  "killed",
];

/** What the derivation reads: facts from the run's files plus runner liveness. */
export interface StatusInput {
  /** `agent_meta.json` `status` (the runner's live phase), if any. */
  phase?: string | null;
  /** Whether `done.json` exists. */
  hasDone: boolean;
  /** `done.json` `outcome`, if any. */
  outcome?: string | null;
  /** Whether a runner or provider pid has been recorded. */
  hasPid: boolean;
  /** Whether the recorded runner is alive; `null` when no runner pid is recorded. */
  runnerAlive: boolean | null;
  /** `pending_question.json` exists. */
  pendingQuestion: boolean;
  /** A plan proposal is waiting for its answer. */
  pendingPlan: boolean;
}

/** A derived status. */
export interface DerivedStatus {
  status: AgentStatus;
  /** The runner died without writing `done.json`. */
  crashed: boolean;
}

const LIVE_PHASES = new Set(["starting", "waiting", "running", "retrying"]);

/** The phase of a workflow run paused at a human checkpoint. */
export const WAITING_INPUT = "waiting_input";

/** Derive the status of one run (see the module doc for the rules). */
export function deriveStatus(input: StatusInput): DerivedStatus {
  if (input.hasDone) {
    const outcome = input.outcome ?? "completed";
    if (outcome === "killed") return { status: "killed", crashed: false };
    if (outcome !== "completed") return { status: "failed", crashed: false };
    return { status: input.pendingPlan ? "plan" : "done", crashed: false };
  }
  if (input.phase === WAITING_INPUT) return { status: "waiting_input", crashed: false };
  if (input.runnerAlive === false) return { status: "failed", crashed: true };
  if (input.pendingQuestion) return { status: "question", crashed: false };
  if (input.pendingPlan) return { status: "plan", crashed: false };
  const phase = input.phase ?? "";
  if (LIVE_PHASES.has(phase)) return { status: phase as AgentStatus, crashed: false };
  return { status: input.hasPid ? "running" : "starting", crashed: false };
}

/** Whether `status` is final (the run will not change on its own). */
export function isTerminalStatus(status: AgentStatus): boolean {
  return status === "done" || status === "failed" || status === "killed";
}

/** The upper-case label ACE and `sase agent list` show (`WAITING INPUT`). */
export function statusLabel(status: AgentStatus): string {
  return status.toUpperCase().replace("_", " ");
}

/** Parse a user-supplied status name (any case; `DONE`, `done`, `waiting input`, ...). */
export function parseStatus(value: string): AgentStatus | undefined {
  const lower = value.trim().toLowerCase().replace(/[\s-]+/g, "_");
  return AGENT_STATUSES.find((status) => status === lower);
}

/** ACE's BY_STATUS buckets, in their fixed display order. */
export type StatusBucket = "Stopped" | "Failed" | "Running" | "Waiting" | "Done" | "Starting";

/** The buckets in display order. */
export const STATUS_BUCKETS: readonly StatusBucket[] = [
  "Stopped",
  "Failed",
  "Running",
  "Waiting",
  "Done",
  "Starting",
];

/**
 * The BY_STATUS bucket of a row. Stopped means "you need to act": plans,
 * questions, and a WAITING run with neither a timer nor a dependency (parked
 * on the user). A killed run needs nothing more from anyone, so it sits with
 * Done.
 */
export function statusBucket(
  status: AgentStatus,
  wait: { waitingFor?: readonly string[] | null; waitUntil?: string | null } = {},
): StatusBucket {
  switch (status) {
    case "plan":
    case "question":
    case "waiting_input":
      return "Stopped";
    case "failed":
      return "Failed";
    case "running":
    case "retrying":
      return "Running";
    case "waiting":
      return (wait.waitingFor?.length ?? 0) > 0 || wait.waitUntil ? "Waiting" : "Stopped";
    case "starting":
      return "Starting";
    case "done":
    case "killed":
      return "Done";
  }
}
