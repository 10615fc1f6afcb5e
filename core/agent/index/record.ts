/**
 * One indexed run: what `agent_meta.json`, `done.json` and the pause markers
 * of a run directory say, flattened into an {@linkcode AgentRecord}, plus the
 * signature that tells when those files changed. Building a record from the
 * files lives in `parse_record.ts`, loaded only when something changed.
 *
 * @module
 */

/** Files of a run directory that decide its record, relative to the directory. */
export const SIGNATURE_FILES = [
  "agent_meta.json",
  "done.json",
  "pending_question.json",
  "plan_approval/plan_request.json",
  "plan_approval/plan_response.json",
] as const;

/** Size and mtime of one file; `null` when missing. */
export type FileStamp = { mtimeMs: number; size: number } | null;

/** The raw inputs of a record, read from one run directory. */
export interface RunFiles {
  /** Stamps of {@linkcode SIGNATURE_FILES}, in order. */
  stamps: FileStamp[];
  meta: string | null;
  done: string | null;
  /** The start of `raw_xprompt.md`. */
  promptHead: string | null;
}

/** Everything the index keeps about one run. */
export interface AgentRecord {
  dir: string;
  project: string;
  timestamp: string;
  workflow: string;
  name: string | null;
  /** The runner's live phase (`agent_meta.json` `status`). */
  phase: string | null;
  has_done: boolean;
  outcome: string | null;
  pid: number | null;
  agent_pid: number | null;
  /** When `agent_meta.json` was last written (bounds when its pids started). */
  meta_mtime_ms: number | null;
  pending_question: boolean;
  pending_plan: boolean;
  hidden: boolean;
  daemon: boolean;
  approve: boolean;
  model: string | null;
  provider: string | null;
  tier: string | null;
  workspace_dir: string | null;
  workspace_num: number | null;
  started_at: string | null;
  agent_spawned_at: string | null;
  finished_at: string | null;
  waiting_for: string[];
  wait_until: string | null;
  wait_blocked: Record<string, string>;
  retry_of_timestamp: string | null;
  retried_as_timestamp: string | null;
  /** The first run of the spawn-on-retry chain this run belongs to. */
  retry_chain_root_timestamp: string | null;
  /** This run's depth in its retry chain (the first retry child is 1). */
  retry_attempt: number | null;
  retry_count: number;
  session_id: string | null;
  response_path: string | null;
  error: string | null;
  prompt_snippet: string | null;
  output_variables: Record<string, string>;
  /** A workflow run (its steps are children of it). */
  is_workflow: boolean;
  /** A workflow step's agent: the workflow run's timestamp, and the step. */
  parent_timestamp: string | null;
  step_name: string | null;
  /**
   * The ChangeSpec the run works on: `agent_meta.json` `cl_name` (written at
   * launch), else `done.json` `cl_name`, else a workflow's `meta_changespec`
   * output variable.
   */
  cl_name: string | null;
}

/** A signature that changes whenever any file deciding the record changes. */
export function recordSignature(stamps: readonly FileStamp[]): string {
  return stamps.map((stamp) => stamp ? `${stamp.mtimeMs}:${stamp.size}` : "-").join("|");
}
