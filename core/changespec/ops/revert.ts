/**
 * Reverting a ChangeSpec (handbook 22.3.4, ACE `x`): its branch's whole diff
 * is saved to `SASE_HOME/reverted/<name>.diff`, the branch is pruned, and
 * the spec becomes Reverted (which moves it to the archive file). Restoring
 * it later re-applies that diff.
 *
 * The checkout must be clean: pruning the branch that is checked out first
 * switches to the spec's parent (or the default branch).
 *
 * @module
 */

import type { AppContext } from "../../context.ts";
import { changeStatus, type StatusChangeResult } from "../transition.ts";
import {
  baseRevisionOf,
  localBranchOf,
  type OpTarget,
  prepareOp,
  refuseLiveChildren,
  refuseStatuses,
  requireCleanTree,
  revisionOf,
} from "./prepare.ts";
import { requireNoSavedDiff, savedDiffPath, saveDiff } from "./saved_diffs.ts";

/** What {@linkcode revertChangeSpec} did. */
export interface RevertResult {
  name: string;
  project: string;
  /** The ref whose diff was saved and whose branch was pruned. */
  revision: string;
  /** `SASE_HOME/reverted/<name>.diff`. */
  diffPath: string;
  /** The ref checked out to leave the pruned branch; null when it was not checked out. */
  leftFor: string | null;
  status: StatusChangeResult;
}

/** Statuses that cannot be reverted (already reverted or abandoned). */
const NOT_REVERTIBLE = ["Reverted", "Archived"];

/** Revert ChangeSpec `target.name`: save its diff, prune its branch, mark it Reverted. */
export async function revertChangeSpec(app: AppContext, target: OpTarget): Promise<RevertResult> {
  const op = await prepareOp(app, target);
  const { spec, provider, cwd } = op;
  refuseStatuses(spec, NOT_REVERTIBLE, "revert");
  refuseLiveChildren(op, "revert", ["Reverted"], "revert the children first");
  await requireCleanTree(op, "revert");
  await requireNoSavedDiff("reverted", spec.name, app.env);
  const revision = await revisionOf(op, spec.name);
  const diff = await provider.diffRevision(cwd, revision);
  await target.confirm?.(
    `revert '${spec.name}': save its diff to ${
      savedDiffPath("reverted", spec.name, app.env)
    }, delete branch ${revision} and set STATUS Reverted`,
  );
  const diffPath = await saveDiff("reverted", spec.name, diff, app.env);
  // The checked-out branch cannot be deleted: leave it for where the spec started.
  let leftFor: string | null = null;
  const current = provider.supports("branchName") ? await provider.branchName(cwd) : null;
  if (current !== null && current === localBranchOf(revision)) {
    leftFor = await baseRevisionOf(op, spec.parent);
    await provider.checkout(cwd, leftFor);
  }
  await provider.prune(cwd, revision);
  const status = await changeStatus(op.store, {
    name: spec.name,
    status: "Reverted",
    project: op.ref.name,
    validate: false,
    now: app.now(),
  });
  return { name: spec.name, project: op.ref.name, revision, diffPath, leftFor, status };
}
