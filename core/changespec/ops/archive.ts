/**
 * Archiving a ChangeSpec (handbook 22.3.2 "Archive", ACE status change to
 * Archived): check out its branch, save the branch's whole diff to
 * `SASE_HOME/archived/<name>.diff`, archive the revision (git: tag
 * `archive/<name>` keeps the commits reachable, then the branch is deleted),
 * and mark the spec Archived (which moves it to the archive file).
 *
 * @module
 */

import type { AppContext } from "../../context.ts";
import { changeStatus, type StatusChangeResult } from "../transition.ts";
import {
  type OpTarget,
  prepareOp,
  refuseLiveChildren,
  refuseStatuses,
  requireCleanTree,
  revisionOf,
} from "./prepare.ts";
import { requireNoSavedDiff, savedDiffPath, saveDiff } from "./saved_diffs.ts";

/** What {@linkcode archiveChangeSpec} did. */
export interface ArchiveResult {
  name: string;
  project: string;
  /** The archived ref. */
  revision: string;
  /** `SASE_HOME/archived/<name>.diff`. */
  diffPath: string;
  status: StatusChangeResult;
}

/** Archive ChangeSpec `target.name`: save its diff, archive its branch, mark it Archived. */
export async function archiveChangeSpec(app: AppContext, target: OpTarget): Promise<ArchiveResult> {
  const op = await prepareOp(app, target);
  const { spec, provider, cwd } = op;
  refuseStatuses(spec, ["Archived", "Reverted"], "archive");
  refuseLiveChildren(
    op,
    "archive",
    ["Archived", "Reverted"],
    "archive or revert the children first",
  );
  await requireCleanTree(op, "archive");
  await requireNoSavedDiff("archived", spec.name, app.env);
  const revision = await revisionOf(op, spec.name);
  await target.confirm?.(
    `archive '${spec.name}': save its diff to ${
      savedDiffPath("archived", spec.name, app.env)
    }, keep its commits under an archive tag, delete branch ${revision} and set STATUS Archived`,
  );
  await provider.checkout(cwd, revision);
  const diff = await provider.diffRevision(cwd, revision);
  const diffPath = await saveDiff("archived", spec.name, diff, app.env);
  await provider.archive(cwd, revision);
  const status = await changeStatus(op.store, {
    name: spec.name,
    status: "Archived",
    project: op.ref.name,
    validate: false,
    now: app.now(),
  });
  return { name: spec.name, project: op.ref.name, revision, diffPath, status };
}
