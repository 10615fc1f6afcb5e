/**
 * Telling a workflow run from an agent run by its directory: a workflow
 * launch writes `workflow_launch.json`. Kept apart from the record's reader
 * (which loads the schema library) because the detached runner asks on
 * every agent launch, where start-up time counts.
 *
 * @module
 */

import { join } from "../fs/path.ts";

/** The launch record's file name in a workflow run directory. */
export const WORKFLOW_LAUNCH_FILE = "workflow_launch.json";

/** Whether the run in `dir` is a workflow run. */
export function isWorkflowRun(dir: string): boolean {
  try {
    return Deno.statSync(join(dir, WORKFLOW_LAUNCH_FILE)).isFile;
  } catch {
    return false;
  }
}
