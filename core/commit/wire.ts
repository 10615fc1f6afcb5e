/**
 * `commit_result.json`, the marker xprompt post-steps read after a commit
 * run, with the original's alias keys, and the `meta_*` outputs derived
 * from it.
 *
 * @module
 */

import type { CommitMethod } from "./method.ts";
import { COMMIT_EXIT_CODES, type CommitRun, type CommitRunStatus } from "./outcome.ts";

/** The marker as written (snake_case, every key present; aliases mirror their fields). */
export interface CommitResultWire {
  method: CommitMethod;
  /** Commit hash, saved diff path, or PR URL; null when there is none. */
  result: string | null;
  commit_result: string | null;
  message: string;
  /** PR name (empty for commits and proposals, as the original writes it). */
  name: string;
  /** Bead id, empty when none. */
  bead_id: string;
  changespec_name: string | null;
  commit_changespec_name: string | null;
  entry_id: string | null;
  commit_entry_id: string | null;
  diff_path: string | null;
  commit_diff_path: string | null;
}

/** What a finished (or partly finished) run knows. */
export interface CommitOutcome {
  method: CommitMethod;
  result: string | null;
  message: string;
  name: string | null;
  beadId: string | null;
  changespecName: string | null;
  entryId: string | null;
  diffPath: string | null;
}

/** The marker for `outcome`. */
export function commitResultWire(outcome: CommitOutcome): CommitResultWire {
  return {
    method: outcome.method,
    result: outcome.result,
    commit_result: outcome.result,
    message: outcome.message,
    name: outcome.name ?? "",
    bead_id: outcome.beadId ?? "",
    changespec_name: outcome.changespecName,
    commit_changespec_name: outcome.changespecName,
    entry_id: outcome.entryId,
    commit_entry_id: outcome.entryId,
    diff_path: outcome.diffPath,
    commit_diff_path: outcome.diffPath,
  };
}

/** The `meta_*` step outputs a marker yields (only keys with text). */
export interface CommitMetaWire {
  meta_commit_message?: string;
  meta_new_commit?: string;
  meta_changespec?: string;
  diff_path?: string;
}

/**
 * `meta_commit_message` from `message`, `meta_new_commit` from `result`,
 * `meta_changespec` from `changespec_name` or else `name`, and `diff_path`;
 * empty values are left out.
 */
export function commitMetaOutputs(marker: CommitResultWire): CommitMetaWire {
  const out: CommitMetaWire = {};
  if (marker.message) out.meta_commit_message = marker.message;
  if (marker.result) out.meta_new_commit = marker.result;
  const changespec = marker.changespec_name || marker.name;
  if (changespec) out.meta_changespec = changespec;
  if (marker.diff_path) out.diff_path = marker.diff_path;
  return out;
}

/** `sase commit -j`: the run's outcome, its result marker fields and meta outputs. */
export interface CommitRunWire {
  schema_version: 1;
  status: CommitRunStatus;
  exit_code: number;
  /** True for `--resume`. */
  resumed: boolean;
  method: CommitMethod;
  result: string | null;
  message: string;
  name: string | null;
  bead_id: string | null;
  changespec_name: string | null;
  entry_id: string | null;
  diff_path: string | null;
  /** The checkpoint kept for `sase commit --resume` (a conflict), else null. */
  checkpoint_path: string | null;
  /** Why the run failed or stopped. */
  error: string | null;
  hint: string | null;
  warnings: string[];
  meta: CommitMetaWire;
}

/** The `-j` output of `run`. */
export function commitRunWire(run: CommitRun): CommitRunWire {
  const marker = commitResultWire(run);
  return {
    schema_version: 1,
    status: run.status,
    exit_code: COMMIT_EXIT_CODES[run.status],
    resumed: run.resumed,
    method: run.method,
    result: run.result,
    message: run.message,
    name: run.name,
    bead_id: run.beadId,
    changespec_name: run.changespecName,
    entry_id: run.entryId,
    diff_path: run.diffPath,
    checkpoint_path: run.checkpointPath,
    error: run.error,
    hint: run.hint,
    warnings: run.warnings,
    meta: run.status === "ok" ? commitMetaOutputs(marker) : {},
  };
}
