/**
 * What a `sase commit` run (or its `--resume`) ended with: OK, FAILED or
 * CONFLICT (exit codes 0, 1, 2; handbook 13.7) and what it produced.
 *
 * @module
 */

import type { CommitMethod } from "./method.ts";

/** How a `sase commit` run ended. */
export type CommitRunStatus = "ok" | "failed" | "conflict";

/** The process exit code of each run status. */
export const COMMIT_EXIT_CODES: Readonly<Record<CommitRunStatus, number>> = {
  ok: 0,
  failed: 1,
  conflict: 2,
};

/** What one run (or resume) ended with. */
export interface CommitRun {
  status: CommitRunStatus;
  resumed: boolean;
  method: CommitMethod;
  /** Commit hash, saved diff path or PR URL. */
  result: string | null;
  /** The message as dispatched. */
  message: string;
  /** The PR name (after its `_<N>` suffix). */
  name: string | null;
  beadId: string | null;
  changespecName: string | null;
  entryId: string | null;
  diffPath: string | null;
  /** The checkpoint kept for `--resume`, else null. */
  checkpointPath: string | null;
  /** Why the run failed or stopped (null when OK). */
  error: string | null;
  hint: string | null;
  /** Problems that did not stop the run (a bead not closed, a step of tracking). */
  warnings: string[];
}
