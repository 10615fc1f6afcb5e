/**
 * The run artifact recording which linked-repo workspaces an agent opened
 * with `sase workspace open -p <linked_repo>` (handbook 11.7, 13.x):
 * `$SASE_ARTIFACTS_DIR/opened_linked_workspaces.json`. ACE shows it as
 * context and the commit finalizer enforces exactly these workspaces.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { atomicWriteTextFile } from "../fs/atomic_write.ts";
import { withFileLock } from "../fs/lock.ts";
import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";

/** The artifact's file name. */
export const OPENED_LINKED_FILE = "opened_linked_workspaces.json";

/** One opened linked-repo workspace. */
export interface OpenedWorkspace {
  name: string;
  workspace_num: number;
  workspace_dir: string;
  reason: string;
  opened_at: string;
}

/** The artifact. */
export interface OpenedWorkspaces {
  schema_version: 1;
  workspaces: OpenedWorkspace[];
}

/** Add (or refresh) `entry` in `artifactsDir`'s record, under its lock. */
export async function recordOpenedWorkspace(
  artifactsDir: string,
  entry: OpenedWorkspace,
): Promise<void> {
  const path = join(artifactsDir, OPENED_LINKED_FILE);
  await withFileLock(path, async () => {
    let current: OpenedWorkspaces = { schema_version: 1, workspaces: [] };
    try {
      const raw = JSON.parse(await readTextBounded(path, READ_LIMITS.record));
      if (Array.isArray(raw?.workspaces)) {
        current = { schema_version: 1, workspaces: raw.workspaces };
      }
    } catch {
      // Missing or unreadable: start a fresh record.
    }
    const others = current.workspaces.filter((w) =>
      w.name !== entry.name || w.workspace_num !== entry.workspace_num
    );
    await atomicWriteTextFile(
      path,
      JSON.stringify({ schema_version: 1, workspaces: [...others, entry] }, null, 2) + "\n",
    );
  });
}
