/**
 * Where a commit run keeps its files: the pre-dispatch diff under
 * `~/.sase/diffs/YYYYMM/`, the resume checkpoint, and the result marker.
 * Pure: paths from values.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { saseTimestamp } from "../time.ts";

/** The checkpoint's file name inside an artifacts directory. */
export const CHECKPOINT_FILE = "commit_state.json";
/** The result marker's file name inside an artifacts directory. */
export const RESULT_FILE = "commit_result.json";

/** `~/.sase/diffs/<YYYYMM>/<name>-<YYMMDD_HHMMSS>.diff` (chapter 22's snapshot path). */
export function diffCapturePath(saseHome: string, name: string, now: Date): string {
  const month = `${now.getFullYear()}${String(now.getMonth() + 1).padStart(2, "0")}`;
  return join(saseHome, "diffs", month, `${name}-${saseTimestamp(now)}.diff`);
}

/**
 * The checkpoint file: `$SASE_ARTIFACTS_DIR/commit_state.json` inside an
 * agent run; otherwise one per agent session (`SASE_AGENT_TIMESTAMP`) or,
 * for a person at a terminal, one per workspace root, so `--resume` from the
 * same checkout finds what the interrupted run left. A jailed agent's
 * commit (`brokered`) keeps it under `SASE_HOME`: it names the directory
 * and files `--resume` works on outside the jail, so it may not be the
 * agent's to write.
 */
export function checkpointPath(
  saseHome: string,
  env: Readonly<Record<string, string | undefined>>,
  workspaceRoot: string,
  brokered = false,
): string {
  const artifacts = env.SASE_ARTIFACTS_DIR?.trim();
  if (artifacts && !brokered) return join(artifacts, CHECKPOINT_FILE);
  const session = env.SASE_AGENT_TIMESTAMP?.trim();
  const key = session ? session : `ws-${encodeURIComponent(workspaceRoot)}`;
  return join(saseHome, "commit_state", `${key}.json`);
}

/** The result marker, written only inside an agent run (null otherwise). */
export function resultMarkerPath(env: Readonly<Record<string, string | undefined>>): string | null {
  const artifacts = env.SASE_ARTIFACTS_DIR?.trim();
  return artifacts ? join(artifacts, RESULT_FILE) : null;
}
