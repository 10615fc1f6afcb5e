/**
 * The change a plan approval is about: when the planner's checkout has
 * uncommitted changes (`git diff HEAD`), they are written, bounded, to
 * `mobile_gateway/diffs/<notification_id>.diff` and offered as a `diff`
 * attachment of the detail answer, so the phone approves with the change
 * in view.
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { runGit } from "../git.ts";
import { atomicWriteTextFile } from "../fs/atomic_write.ts";
import type { Notification } from "../notify/model.ts";
import { readRequest } from "../sdd/proposals.ts";
import { actionDir, actionKindOf } from "./action_state.ts";

/** The largest diff offered; a larger one is cut there, with a closing note. */
export const MAX_DIFF_BYTES = 1024 * 1024;

/** The diff attachment of a plan approval, or null when its checkout has no changes. */
export async function planDiff(
  record: Notification,
  stateDir: string,
): Promise<{ path: string; displayName: string } | null> {
  const kind = actionKindOf(record);
  if (kind !== "plan_approval" && kind !== "epic_approval") return null;
  const dir = actionDir(record);
  if (!dir) return null;
  const request = await readRequest(dir).catch(() => null);
  if (!request) return null;
  const diff = await runGit(request.project_dir, [
    "diff",
    "--no-color",
    "--no-ext-diff",
    "HEAD",
    "--",
  ]);
  if (!diff.ok || diff.stdout.trim() === "") return null;
  const bytes = new TextEncoder().encode(diff.stdout);
  const text = bytes.length <= MAX_DIFF_BYTES
    ? diff.stdout
    : new TextDecoder().decode(bytes.subarray(0, MAX_DIFF_BYTES)).replace(/\uFFFD$/, "") +
      `\n# diff cut at ${MAX_DIFF_BYTES} bytes of ${bytes.length}\n`;
  if (!/^[A-Za-z0-9-]{1,100}$/.test(record.id)) return null;
  const path = join(stateDir, "diffs", `${record.id}.diff`);
  await atomicWriteTextFile(path, text, { mode: 0o600 });
  return { path, displayName: "changes.diff" };
}
