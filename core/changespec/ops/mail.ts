/**
 * Mailing a ChangeSpec for review (ACE `m`, handbook 22.3.2 "Mail"): its
 * branch is pushed (`git push -u origin <branch>`); with GitHub the pull
 * request is found or created (`gh pr create --fill`) and its URL stored in
 * the spec's PR field when it has none. A Ready spec then moves to Mailed
 * (the STATUS event is its TIMESTAMPS record); a spec in another status is
 * pushed and keeps its status.
 *
 * @module
 */

import type { AppContext } from "../../context.ts";
import { SaseError } from "../../errors.ts";
import { isValidTransition } from "../status.ts";
import { editorHolding } from "../store.ts";
import { changeStatus, type StatusChangeResult } from "../transition.ts";
import {
  localBranchOf,
  type OpTarget,
  prepareOp,
  refuseStatuses,
  requireCleanTree,
  revisionOf,
} from "./prepare.ts";
import { SETTLED_STATUSES } from "./sync.ts";

/** What {@linkcode mailChangeSpec} did. */
export interface MailResult {
  name: string;
  project: string;
  revision: string;
  /** The review URL the spec has after mailing (null: the provider has none). */
  prUrl: string | null;
  /** True when the URL was stored by this mail. */
  prStored: boolean;
  /** The status change to Mailed; null when the spec was not Ready. */
  status: StatusChangeResult | null;
}

/** Push ChangeSpec `target.name` for review. */
export async function mailChangeSpec(app: AppContext, target: OpTarget): Promise<MailResult> {
  const op = await prepareOp(app, target);
  const { spec, provider, cwd } = op;
  refuseStatuses(spec, SETTLED_STATUSES, "mail");
  const revision = await revisionOf(op, spec.name);
  // Pull requests are found and opened for the checked-out branch.
  const current = provider.supports("branchName") ? await provider.branchName(cwd) : null;
  const switching = current !== localBranchOf(revision);
  if (switching) await requireCleanTree(op, "check out the branch to mail");
  await target.confirm?.(`mail '${spec.name}': push ${revision} for review`);
  if (switching) await provider.checkout(cwd, revision);
  await provider.mail(cwd, revision);
  let prUrl = spec.pr;
  let prStored = false;
  if (prUrl === null && provider.supports("changeUrl")) {
    prUrl = await provider.changeUrl(cwd).catch((error) => {
      if (error instanceof SaseError) {
        app.warn(`mailed, but the review URL could not be read: ${error.message}`);
        return null;
      }
      throw error;
    });
    if (prUrl !== null) {
      const url = prUrl;
      await op.store.mutate(op.ref, (editors) => {
        editorHolding(editors, spec.name).setField(spec.name, "PR", url);
      });
      prStored = true;
    }
  }
  let status: StatusChangeResult | null = null;
  if (isValidTransition(spec.status, "Mailed")) {
    try {
      status = await changeStatus(op.store, {
        name: spec.name,
        status: "Mailed",
        project: op.ref.name,
        now: app.now(),
      });
    } catch (error) {
      // The push happened: a family rule keeping the status is worth a warning, not a failure.
      if (!(error instanceof SaseError) || error.kind !== "conflict") throw error;
      app.warn(`mailed, but STATUS stays ${spec.status}: ${error.message}`);
    }
  }
  return { name: spec.name, project: op.ref.name, revision, prUrl, prStored, status };
}
