/**
 * The diff of a ChangeSpec (ACE `d`): its branch's changes as the checkout's
 * VCS provider computes them (git: against the default branch's merge
 * base). Read-only: nothing is checked out or written.
 *
 * @module
 */

import type { AppContext } from "../../context.ts";
import { type OpTarget, prepareOp, revisionOf } from "./prepare.ts";

/** What {@linkcode changeSpecDiff} found. */
export interface ChangeSpecDiff {
  /** The revision the diff is of (the spec's branch). */
  readonly revision: string;
  /** The unified diff ("" when the branch changes nothing). */
  readonly text: string;
}

/** The diff of the ChangeSpec `target` names; a spec without a branch is `not-found`. */
export async function changeSpecDiff(app: AppContext, target: OpTarget): Promise<ChangeSpecDiff> {
  const op = await prepareOp(app, target);
  const revision = await revisionOf(op, op.spec.name);
  return { revision, text: await op.provider.diffRevision(op.cwd, revision) };
}
