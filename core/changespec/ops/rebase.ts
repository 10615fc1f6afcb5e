/**
 * Rebasing a ChangeSpec onto a new parent: its branch's own commits move
 * onto the new parent's branch (or onto the default parent when it gets no
 * parent), PARENT is rewritten (removed for none), and a TIMESTAMPS
 * `REBASE old -> new` event records the move (`root` standing for no
 * parent). DELTAS are refreshed against the new parent.
 *
 * The new parent must be another spec of the same project that is not the
 * spec's own descendant (that would make a cycle), and a spec past Draft
 * cannot move under a WIP or Draft parent (children of unfinished specs stay
 * WIP, Draft or Reverted).
 *
 * @module
 */

import type { AppContext } from "../../context.ts";
import { SaseError } from "../../errors.ts";
import { saseTimestamp } from "../../time.ts";
import { editorHolding } from "../store.ts";
import { timestampEventText } from "../timestamp_event.ts";
import type { ChangeSpec } from "../types.ts";
import { type DeltasRefresh, refreshDeltas } from "./deltas.ts";
import {
  baseRevisionOf,
  type OpTarget,
  prepareOp,
  refuseStatuses,
  requireCleanTree,
  revisionOf,
  statusOf,
} from "./prepare.ts";
import { abandonStoppedRebase, SETTLED_STATUSES } from "./sync.ts";

/** What {@linkcode rebaseChangeSpec} did. */
export interface RebaseResult {
  name: string;
  project: string;
  oldParent: string | null;
  newParent: string | null;
  /** The ref the branch now sits on. */
  onto: string;
  deltas: DeltasRefresh;
}

/** Whether `candidate` descends from `name` through PARENT links. */
function isDescendant(specs: readonly ChangeSpec[], name: string, candidate: string): boolean {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const seen = new Set<string>();
  for (let at = byName.get(candidate); at && !seen.has(at.name); at = byName.get(at.parent ?? "")) {
    if (at.parent === name) return true;
    seen.add(at.name);
  }
  return false;
}

/** Check that `newParent` may become `spec`'s parent. */
function checkNewParent(
  spec: ChangeSpec,
  specs: readonly ChangeSpec[],
  newParent: string | null,
): void {
  if (newParent === spec.parent) {
    throw new SaseError(
      "changespec.same_parent",
      `'${spec.name}' already has ${newParent === null ? "no parent" : `parent '${newParent}'`}`,
      { kind: "conflict" },
    );
  }
  if (newParent === null) return;
  if (newParent === spec.name) {
    throw new SaseError("changespec.bad_parent", `'${spec.name}' cannot be its own parent`, {
      kind: "invalid-input",
    });
  }
  const parent = specs.find((s) => s.name === newParent);
  if (!parent) {
    throw new SaseError(
      "changespec.not_found",
      `no ChangeSpec named '${newParent}' in project '${spec.projectBasename}' to rebase onto`,
      { hint: "PARENT is a ChangeSpec name, never a VCS ref", kind: "not-found" },
    );
  }
  if (isDescendant(specs, spec.name, newParent)) {
    throw new SaseError(
      "changespec.parent_cycle",
      `cannot rebase '${spec.name}' onto its own descendant '${newParent}'`,
      { kind: "conflict" },
    );
  }
  const parentStatus = statusOf(parent);
  if (["Reverted", "Archived"].includes(parentStatus)) {
    throw new SaseError(
      "changespec.bad_parent",
      `cannot rebase '${spec.name}' onto '${newParent}': its status is ${parentStatus}`,
      { kind: "conflict" },
    );
  }
  const own = statusOf(spec);
  if (["WIP", "Draft"].includes(parentStatus) && !["WIP", "Draft"].includes(own)) {
    throw new SaseError(
      "changespec.bad_parent",
      `cannot rebase '${spec.name}' (${own}) onto '${newParent}': its parent would be ` +
        `${parentStatus}, and children of WIP/Draft ChangeSpecs must be WIP, Draft, or Reverted`,
      { kind: "conflict" },
    );
  }
}

/** Move ChangeSpec `target.name` onto `newParent` (null: no parent, the default branch). */
export async function rebaseChangeSpec(
  app: AppContext,
  target: OpTarget,
  newParent: string | null,
): Promise<RebaseResult> {
  const op = await prepareOp(app, target);
  const { spec, provider, cwd } = op;
  refuseStatuses(spec, SETTLED_STATUSES, "rebase");
  checkNewParent(spec, op.specs, newParent);
  await requireCleanTree(op, "rebase");
  const branch = await revisionOf(op, spec.name);
  const oldBase = await baseRevisionOf(op, spec.parent);
  const onto = await baseRevisionOf(op, newParent);
  try {
    await provider.rebase(cwd, branch, onto, { oldParent: oldBase });
  } catch (error) {
    await abandonStoppedRebase(op, "rebase", error);
  }
  const stamp = saseTimestamp(app.now());
  const { eventType, detail } = timestampEventText({
    type: "REBASE",
    from: spec.parent,
    to: newParent,
  });
  await op.store.mutate(op.ref, (editors) => {
    const file = editorHolding(editors, spec.name);
    file.setField(spec.name, "PARENT", newParent);
    file.appendTimestamp(spec.name, { timestamp: stamp, eventType, detail });
  });
  const deltas = await refreshDeltas(op, { name: spec.name, parent: newParent });
  return {
    name: spec.name,
    project: op.ref.name,
    oldParent: spec.parent,
    newParent,
    onto,
    deltas,
  };
}
