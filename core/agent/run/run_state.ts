/**
 * The lifecycle a run records on disk, shared by the launcher that writes it
 * and the readers (agent index, `sase agent list`, ACE) that derive a row
 * status from it. The files are the truth:
 *
 * - `agent_meta.json` `status` is the runner's live phase (`starting`,
 *   `waiting`, `running`, `retrying`); `pid` is the runner process,
 *   `agent_pid` the provider child (leader of its own process group);
 *   `waiting_for` lists unmet `%wait` names, `wait_until` a `%time` floor,
 *   `wait_blocked` why a dependency cannot satisfy the wait yet.
 * - `done.json` ends the run: `outcome` `completed`, `failed` or `killed`;
 *   `agent_meta.json` `status` then becomes the final row status (`done`,
 *   `failed`, `killed`), so the meta never claims a finished run is running.
 * - A run an axe chop launched (its launcher has `SASE_CHOP_LUMBERJACK`,
 *   `SASE_CHOP_NAME` and `SASE_CHOP_RUN_ID`) records them as `chop_lumberjack`,
 *   `chop_name`, `chop_run_id` (and `SASE_CHOP_PROMPT_HASH` as
 *   `chop_prompt_hash`), so the Agents tab can tell which chop started it.
 *
 * @module
 */

import type { Env } from "../../config/paths.ts";

/** The runner's live phase, kept in `agent_meta.json` `status`. */
export type RunPhase = "starting" | "waiting" | "running" | "retrying";

/** How a run ended, as `done.json` `outcome` records it. */
export type RunOutcome = "completed" | "failed" | "killed";

/** The final `agent_meta.json` `status` a run gets with its outcome. */
export type RunEnding = "done" | "failed" | "killed";

/** The final `agent_meta.json` `status` of a `done.json` outcome. */
export function finalMetaStatus(outcome: RunOutcome): RunEnding {
  return outcome === "completed" ? "done" : outcome;
}

/** The live phases, in lifecycle order. */
export const RUN_PHASES: readonly RunPhase[] = ["starting", "waiting", "running", "retrying"];

/** The terminal outcomes. */
export const RUN_OUTCOMES: readonly RunOutcome[] = ["completed", "failed", "killed"];

/** Fields of `agent_meta.json` that describe the run's live state. */
export interface RunStateFields {
  status?: RunPhase | RunEnding;
  /** The runner process (foreground CLI or detached daemon runner). */
  pid?: number;
  /** The provider CLI process; leader of its own process group. */
  agent_pid?: number;
  /** True when the run was launched detached (`--daemon`, multi-agent plans). */
  daemon?: boolean;
  /** `%wait` names not yet satisfied. */
  waiting_for?: string[];
  /** ISO time of a `%time` floor still ahead. */
  wait_until?: string;
  /** Why a named dependency cannot satisfy the wait yet (`failed`, `killed`, ...). */
  wait_blocked?: Record<string, string>;
  /** Spawn-on-retry: the parent run's timestamp. */
  retry_of_timestamp?: string;
  /** Spawn-on-retry: the child run's timestamp. */
  retried_as_timestamp?: string;
  /** `%hide`: kept out of default agent listings. */
  hidden?: boolean;
}

/** What every launch records about a new run, agent or workflow. */
export interface NewRun {
  name: string;
  timestamp: string;
  project: string;
  /** Where the run works. */
  cwd: string;
  startedAt: Date;
  daemon: boolean;
  hidden: boolean;
  waits: readonly string[];
  /** ISO `%time` floor. */
  waitUntil?: string;
  /** The launcher's environment (its `SASE_CHOP_*` variables are recorded). */
  env: Env;
}

/**
 * The `agent_meta.json` fields of the axe chop that launched a run, from
 * its launcher's `SASE_CHOP_*` variables; none unless the lumberjack, the
 * chop and the chop run are all named.
 */
export function chopRunMeta(env: Env): Record<string, string> {
  const lumberjack = env.SASE_CHOP_LUMBERJACK?.trim();
  const name = env.SASE_CHOP_NAME?.trim();
  const runId = env.SASE_CHOP_RUN_ID?.trim();
  if (!lumberjack || !name || !runId) return {};
  const hash = env.SASE_CHOP_PROMPT_HASH?.trim();
  return {
    chop_lumberjack: lumberjack,
    chop_name: name,
    chop_run_id: runId,
    ...(hash ? { chop_prompt_hash: hash } : {}),
  };
}

/** The initial `agent_meta.json` fields of `run` (its phase is `waiting` or `starting`). */
export function initialRunMeta(run: NewRun): Record<string, unknown> {
  const waiting = run.waits.length > 0 || run.waitUntil !== undefined;
  return {
    name: run.name,
    agent_name: run.name,
    timestamp: run.timestamp,
    project: run.project,
    workspace_dir: run.cwd,
    cwd: run.cwd,
    pid: Deno.pid,
    started_at: run.startedAt.toISOString(),
    status: waiting ? "waiting" : "starting",
    daemon: run.daemon,
    hidden: run.hidden,
    ...(run.waits.length ? { waiting_for: [...run.waits] } : {}),
    ...(run.waitUntil ? { wait_until: run.waitUntil } : {}),
    ...chopRunMeta(run.env),
    output_variables: {},
  };
}
