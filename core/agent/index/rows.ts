/**
 * Agent rows as listings show them: an indexed record plus what is only
 * known at read time (the derived status, runner liveness, tag, dismissal,
 * elapsed time), and the filters `sase agent list` applies. Pure: liveness
 * and the clock come in as arguments.
 *
 * @module
 */

import type { AgentRecord } from "./record.ts";
import {
  type AgentStatus,
  deriveStatus,
  isTerminalStatus,
  type StatusBucket,
  statusBucket,
  statusLabel,
} from "./status.ts";

/** One agent as listings show it (its wire form, `sase agent list -j`, is in `../wire.ts`). */
export interface AgentRow {
  name: string | null;
  project: string;
  /** Upper-case status label (`RUNNING`, `DONE`, ...). */
  status: string;
  /** ACE's BY_STATUS bucket. */
  bucket: StatusBucket;
  /** The runner died without writing `done.json`. */
  crashed: boolean;
  /** The runner's pid. */
  pid: number | null;
  /** The provider process's pid. */
  agentPid: number | null;
  model: string | null;
  provider: string | null;
  workspaceDir: string | null;
  workspaceNum: number | null;
  timestamp: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Run time so far (running) or in all (finished); null when unknown. */
  durationSeconds: number | null;
  outcome: string | null;
  approve: boolean;
  hidden: boolean;
  dismissed: boolean;
  tag: string | null;
  waitingFor: string[];
  waitUntil: string | null;
  error: string | null;
  promptSnippet: string | null;
  artifactsDir: string;
  /** A workflow run (`sase run '#!name'`). */
  isWorkflow: boolean;
  /** The workflow of a workflow run or workflow step (null for plain agents). */
  workflowName: string | null;
  /** A workflow step's agent: the timestamp of its workflow run, and its step. */
  parentTimestamp: string | null;
  stepName: string | null;
  /** The ChangeSpec the run works on, when known. */
  clName: string | null;
  /** Where the run stands in a spawn-on-retry chain. */
  retry: RetryLineage;
}

/**
 * A run's links in its spawn-on-retry chain (handbook 21.18.8), as its
 * records hold them; every field is null for a run outside a chain.
 */
export interface RetryLineage {
  /** The run this one retries (its parent in the chain). */
  retryOfTimestamp: string | null;
  /** The run that took over when this one failed retryably. */
  retriedAsTimestamp: string | null;
  /** The chain's first run. */
  chainRootTimestamp: string | null;
  /** Depth in the chain: the first retry child is 1. */
  attempt: number | null;
}

/** What is known about a record only at read time. */
export interface RowContext {
  /** Whether the recorded runner is alive (`null`: no runner pid, or not asked). */
  runnerAlive: boolean | null;
  tag: string | null;
  dismissed: boolean;
  nowMs: number;
}

/** The status of a record given its runner's liveness. */
export function recordStatus(record: AgentRecord, runnerAlive: boolean | null) {
  return deriveStatus({
    phase: record.phase,
    hasDone: record.has_done,
    outcome: record.outcome,
    hasPid: record.pid !== null || record.agent_pid !== null,
    runnerAlive,
    pendingQuestion: record.pending_question,
    pendingPlan: record.pending_plan,
  });
}

function durationSeconds(record: AgentRecord, terminal: boolean, nowMs: number): number | null {
  const start = record.started_at ? Date.parse(record.started_at) : NaN;
  if (Number.isNaN(start)) return null;
  if (terminal && !record.finished_at) return null;
  const end = terminal ? Date.parse(record.finished_at!) : nowMs;
  return Number.isNaN(end) ? null : Math.max(0, Math.round((end - start) / 1000));
}

/** The listing row of one record. */
export function toAgentRow(record: AgentRecord, context: RowContext): AgentRow {
  const { status, crashed } = recordStatus(record, context.runnerAlive);
  const terminal = isTerminalStatus(status) || record.has_done;
  return {
    name: record.name,
    project: record.project,
    status: statusLabel(status),
    bucket: statusBucket(status, { waitingFor: record.waiting_for, waitUntil: record.wait_until }),
    crashed,
    pid: record.pid,
    agentPid: record.agent_pid,
    model: record.model,
    provider: record.provider,
    workspaceDir: record.workspace_dir,
    workspaceNum: record.workspace_num,
    timestamp: record.timestamp,
    startedAt: record.started_at,
    finishedAt: record.finished_at,
    durationSeconds: durationSeconds(record, terminal, context.nowMs),
    outcome: record.outcome,
    approve: record.approve,
    hidden: record.hidden,
    dismissed: context.dismissed,
    tag: context.tag,
    waitingFor: record.waiting_for,
    waitUntil: record.wait_until,
    error: record.error,
    promptSnippet: record.prompt_snippet,
    artifactsDir: record.dir,
    isWorkflow: record.is_workflow ?? false,
    workflowName: record.is_workflow || record.parent_timestamp ? record.workflow : null,
    parentTimestamp: record.parent_timestamp ?? null,
    stepName: record.step_name ?? null,
    clName: record.cl_name ?? null,
    retry: {
      retryOfTimestamp: record.retry_of_timestamp,
      retriedAsTimestamp: record.retried_as_timestamp,
      chainRootTimestamp: record.retry_chain_root_timestamp,
      attempt: record.retry_attempt,
    },
  };
}

/** The filters of `sase agent list`. */
export interface ListFilter {
  /** Include finished runs (DONE, FAILED, KILLED). */
  all?: boolean;
  /** Only these statuses (finished ones are included when named here). */
  statuses?: readonly AgentStatus[];
  project?: string;
  /** Include `%hide` runs. */
  hidden?: boolean;
  /** Include dismissed runs. */
  dismissed?: boolean;
  /** At most this many rows (0 or absent: no limit). */
  limit?: number;
  /** Without `all`, finished runs that ended at or after this time (ms) still show: "recent". */
  recentSinceMs?: number;
}

/** Whether a filter needs finished runs at all. */
export function wantsFinished(filter: ListFilter): boolean {
  return Boolean(filter.all) || (filter.statuses ?? []).some(isTerminalStatus);
}

/** Apply `filter` to rows (already newest first); finished rows only when asked for. */
export function filterRows(rows: readonly AgentRow[], filter: ListFilter): AgentRow[] {
  const statuses = filter.statuses?.length
    ? new Set(filter.statuses.map((status) => statusLabel(status)))
    : undefined;
  const finished = new Set(["DONE", "FAILED", "KILLED"]);
  const selected = rows.filter((row) => {
    if (filter.project !== undefined && row.project !== filter.project) return false;
    if (!filter.hidden && row.hidden) return false;
    if (!filter.dismissed && row.dismissed) return false;
    if (statuses) return statuses.has(row.status);
    if (filter.all || !finished.has(row.status)) return true;
    const ended = row.finishedAt ? Date.parse(row.finishedAt) : NaN;
    return filter.recentSinceMs !== undefined && ended >= filter.recentSinceMs;
  });
  return filter.limit ? selected.slice(0, filter.limit) : selected;
}
