/**
 * Checking out a ChangeSpec (ACE `C`): its branch in the checkout, on a
 * clean tree (nothing is stashed or discarded). Already on it: nothing to do.
 *
 * @module
 */

import type { AppContext } from "../../context.ts";
import {
  checkoutIfNeeded,
  localBranchOf,
  type OpTarget,
  prepareOp,
  requireCleanTree,
  revisionOf,
} from "./prepare.ts";

/** What {@linkcode checkoutChangeSpec} did. */
export interface CheckoutResult {
  readonly name: string;
  readonly revision: string;
  /** The checkout it happened in. */
  readonly cwd: string;
  /** False when the checkout was already on the branch. */
  readonly switched: boolean;
}

/** Check out ChangeSpec `target.name`'s branch. */
export async function checkoutChangeSpec(
  app: AppContext,
  target: OpTarget,
): Promise<CheckoutResult> {
  const op = await prepareOp(app, target);
  const revision = await revisionOf(op, op.spec.name);
  const current = op.provider.supports("branchName") ? await op.provider.branchName(op.cwd) : null;
  if (current !== null && current === localBranchOf(revision)) {
    return { name: op.spec.name, revision, cwd: op.cwd, switched: false };
  }
  await requireCleanTree(op, `check out ${revision}`);
  await checkoutIfNeeded(op, revision);
  return { name: op.spec.name, revision, cwd: op.cwd, switched: true };
}
