/**
 * Renaming a ChangeSpec: its NAME (and the PARENT lines of its children and
 * the RUNNING claims naming it), a TIMESTAMPS `RENAME old -> new` event,
 * and its branch. A provider that can rename the branch does (git: `git
 * branch -m`); one that cannot (GitHub, once a branch has a pull request)
 * keeps the branch and maps the new name to it in `branch_map.json`
 * (handbook 22.4.1). A spec without a branch is renamed in its file only.
 *
 * @module
 */

import type { AppContext } from "../../context.ts";
import { SaseError, usageError } from "../../errors.ts";
import { saseTimestamp } from "../../time.ts";
import { readBranchMap, removeBranchAlias, writeBranchAlias } from "../../vcs/branch_map.ts";
import { checkName } from "../create.ts";
import { timestampEventText } from "../timestamp_event.ts";
import {
  checkoutIfNeeded,
  existingRevisionOf,
  localBranchOf,
  type OpTarget,
  prepareOp,
  refuseStatuses,
  requireCleanTree,
} from "./prepare.ts";
import { SETTLED_STATUSES } from "./sync.ts";

/** How the branch followed a rename. */
export type BranchRename = "renamed" | "aliased" | "none";

/** What {@linkcode renameChangeSpec} did. */
export interface RenameResult {
  project: string;
  oldName: string;
  newName: string;
  /** `renamed`: the branch is now `newName`; `aliased`: `newName` maps to `branch`; `none`: no branch. */
  branchAction: BranchRename;
  /** The git branch the spec lives on after the rename (null: none). */
  branch: string | null;
}

/** Rename ChangeSpec `target.name` to `newName`. */
export async function renameChangeSpec(
  app: AppContext,
  target: OpTarget,
  newName: string,
): Promise<RenameResult> {
  checkName(newName);
  const op = await prepareOp(app, target);
  const { spec, provider, cwd, ref } = op;
  if (newName === spec.name) throw usageError(`'${spec.name}' already has that name`);
  refuseStatuses(spec, SETTLED_STATUSES, "rename");
  const nameTaken = () =>
    new SaseError(
      "changespec.name_taken",
      `project '${ref.name}' already has a ChangeSpec named '${newName}'`,
      { kind: "conflict" },
    );
  if (op.specs.some((s) => s.name === newName)) throw nameTaken();
  const revision = await existingRevisionOf(op, spec.name);
  let branchAction: BranchRename = "none";
  let branch: string | null = null;
  if (revision !== null) {
    const canRename = provider.supports("canRenameBranch")
      ? await provider.canRenameBranch(cwd)
      : true;
    if (canRename) {
      await requireCleanTree(op, "rename the branch");
      await checkoutIfNeeded(op, revision);
      await provider.renameBranch(cwd, newName);
      branchAction = "renamed";
      branch = newName;
    } else {
      branch = localBranchOf(revision);
      await writeBranchAlias(ref.name, newName, branch, app.env);
      branchAction = "aliased";
    }
  }
  if ((await readBranchMap(ref.name, app.env))[spec.name] !== undefined) {
    await removeBranchAlias(ref.name, spec.name, app.env);
  }
  const stamp = saseTimestamp(app.now());
  const { eventType, detail } = timestampEventText({
    type: "RENAME",
    from: spec.name,
    to: newName,
  });
  await op.store.mutate(ref, (editors) => {
    if (editors.active.has(newName) || editors.archive.has(newName)) throw nameTaken();
    const file = editors.active.has(spec.name) ? editors.active : editors.archive;
    editors.active.rename(spec.name, newName);
    editors.archive.rename(spec.name, newName);
    file.appendTimestamp(newName, { timestamp: stamp, eventType, detail });
    editors.active.updateRunningClaims((claim) =>
      claim.changespec === spec.name ? { ...claim, changespec: newName } : claim
    );
  });
  return { project: ref.name, oldName: spec.name, newName, branchAction, branch };
}
