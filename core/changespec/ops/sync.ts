/**
 * Syncing a ChangeSpec with its remote (ACE `s`, handbook 22.3.2 "Sync"):
 * check out its branch and bring it up to date (git: `git fetch origin` and
 * `git rebase origin/<default>`). A TIMESTAMPS `SYNC` event records it and
 * DELTAS are refreshed.
 *
 * A sync that stops on conflicts is abandoned (the branch is exactly as it
 * was) and reported with the conflicting files.
 *
 * @module
 */

import type { AppContext } from "../../context.ts";
import { SaseError } from "../../errors.ts";
import { recordTimestampEvent } from "../tracking.ts";
import { type DeltasRefresh, refreshDeltas } from "./deltas.ts";
import {
  checkoutIfNeeded,
  type OpTarget,
  type PreparedOp,
  prepareOp,
  refuseStatuses,
  requireCleanTree,
  revisionOf,
} from "./prepare.ts";

/** The SYNC event's detail (the handbook's example wording). */
export const SYNC_DETAIL = "Synced with remote";

/** Statuses whose branches are gone or final: nothing to sync or move. */
export const SETTLED_STATUSES = ["Submitted", "Reverted", "Archived"];

/** What {@linkcode syncChangeSpec} did. */
export interface SyncResult {
  name: string;
  project: string;
  revision: string;
  deltas: DeltasRefresh;
}

/**
 * When a sync or rebase stopped half-way, abandon it (so the checkout is as
 * it was) and turn the failure into a conflict naming the files; other
 * failures pass through unchanged.
 */
export async function abandonStoppedRebase(
  op: PreparedOp,
  action: string,
  error: unknown,
): Promise<never> {
  const { provider, cwd } = op;
  if (provider.supports("isSyncInProgress") && await provider.isSyncInProgress(cwd)) {
    const files = await provider.conflictedFiles(cwd).catch(() => []);
    await provider.abortSync(cwd);
    throw new SaseError(
      "vcs.conflict",
      `${action} of '${op.spec.name}' stopped on conflicts${
        files.length ? ` in ${files.join(", ")}` : ""
      }; it was abandoned and the branch is unchanged`,
      {
        hint: "resolve the conflict by hand (rebase the branch yourself), then retry",
        kind: "conflict",
      },
    );
  }
  throw error;
}

/** Sync ChangeSpec `target.name` with its remote. */
export async function syncChangeSpec(app: AppContext, target: OpTarget): Promise<SyncResult> {
  const op = await prepareOp(app, target);
  const { spec, provider, cwd } = op;
  refuseStatuses(spec, SETTLED_STATUSES, "sync");
  await requireCleanTree(op, "sync");
  const revision = await revisionOf(op, spec.name);
  await checkoutIfNeeded(op, revision);
  try {
    await provider.syncWorkspace(cwd);
  } catch (error) {
    await abandonStoppedRebase(op, "sync", error);
  }
  await recordTimestampEvent(
    op.store,
    { name: spec.name, projectFile: op.ref.activePath },
    { type: "SYNC", detail: SYNC_DETAIL },
    app.now(),
  );
  const deltas = await refreshDeltas(op, { name: spec.name, parent: spec.parent });
  return { name: spec.name, project: op.ref.name, revision, deltas };
}
