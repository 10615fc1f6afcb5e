/**
 * Status transitions and field edits applied to ProjectSpec files: plan
 * with the pure state machine, then splice lines under the ProjectSpec lock
 * (renames, TIMESTAMPS events, sibling reverts, archive moves).
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import type { ProjectSpecEditor } from "./edit.ts";
import { saseTimestamp } from "../time.ts";
import {
  ARCHIVE_STATUSES,
  baseStatus,
  normalizeStatus,
  planStatusTransition,
  stripRevertedSuffix,
} from "./status.ts";
import { type ChangeSpecStore, editorHolding, type ProjectEditors } from "./store.ts";
import type { ChangeSpec, ChangeSpecStatus } from "./types.ts";

/** A status change request. */
export interface StatusChange {
  name: string;
  /** Target status (any case; `Drafted` is read as Draft). */
  status: string;
  /** Restrict the lookup to one project. */
  project?: string;
  /** False for revert/archive/restore operations that bypass the table. */
  validate?: boolean;
  /** Clock for TIMESTAMPS entries (tests pin it). */
  now?: Date;
}

/** What a status change did. */
export interface StatusChangeResult {
  project: string;
  oldName: string;
  newName: string;
  oldStatus: string;
  newStatus: ChangeSpecStatus;
  archived: "to" | "from" | "none";
  /** Names (after renaming) of siblings that were reverted. */
  reverted: string[];
}

/** Single-line fields {@linkcode updateField} may set. */
export const EDITABLE_FIELDS = ["PARENT", "PR", "PR_ORIGIN", "BUG"] as const;

function allSpecs(editors: ProjectEditors): ChangeSpec[] {
  return [...editors.active.parsed.specs, ...editors.archive.parsed.specs];
}

function moveSpec(from: ProjectSpecEditor, to: ProjectSpecEditor, name: string): void {
  to.appendSpecText(from.removeSpec(name));
}

/** Apply a status transition; throws `changespec.invalid_transition` with the exact text. */
export async function changeStatus(
  store: ChangeSpecStore,
  change: StatusChange,
): Promise<StatusChangeResult> {
  const target = normalizeStatus(change.status);
  if (!target) {
    throw new SaseError("changespec.bad_status", `unknown status '${change.status}'`, {
      hint: "use one of WIP, Draft, Ready, Mailed, Submitted, Reverted, Archived",
      kind: "invalid-input",
    });
  }
  const ref = await store.locate(change.name, change.project);
  const stamp = saseTimestamp(change.now ?? new Date());
  return await store.mutate(ref, (editors) => {
    const file = editorHolding(editors, change.name);
    const spec = file.spec(change.name);
    const specs = allSpecs(editors);
    const parent = spec.parent ? specs.find((s) => s.name === spec.parent) ?? null : null;
    const childrenOf = (name: string) => specs.filter((s) => s.parent === name);
    const family = stripRevertedSuffix(spec.name);
    const plan = planStatusTransition({
      name: spec.name,
      oldStatus: spec.status,
      newStatus: target,
      existingNames: specs.map((s) => s.name),
      parentStatus: parent?.status ?? null,
      validate: change.validate ?? true,
      children: childrenOf(spec.name).map((s) => ({ name: s.name, status: s.status })),
      siblingsWithUnrevertedChildren: specs
        .filter((s) =>
          s.name !== spec.name && stripRevertedSuffix(s.name) === family &&
          ["WIP", "Draft"].includes(baseStatus(s.status)) &&
          childrenOf(s.name).some((child) => baseStatus(child.status) !== "Reverted")
        )
        .map((s) => s.name),
    });
    if ("error" in plan) {
      throw new SaseError("changespec.invalid_transition", plan.error, { kind: "conflict" });
    }
    const reverted: string[] = [];
    if (plan.revertSiblings) {
      const base = plan.newName;
      for (const sibling of editors.active.parsed.specs) {
        if (sibling.name === spec.name) continue;
        if (stripRevertedSuffix(sibling.name) !== base && sibling.name !== base) continue;
        if ((ARCHIVE_STATUSES as readonly string[]).includes(baseStatus(sibling.status))) continue;
        reverted.push(revertSibling(editors, sibling, stamp));
      }
    }
    if (plan.newName !== spec.name) {
      editors.active.rename(spec.name, plan.newName);
      editors.archive.rename(spec.name, plan.newName);
      file.appendTimestamp(plan.newName, {
        timestamp: stamp,
        eventType: "RENAME",
        detail: `${spec.name} -> ${plan.newName}`,
      });
    }
    file.setField(plan.newName, "STATUS", plan.newStatus);
    file.appendTimestamp(plan.newName, {
      timestamp: stamp,
      eventType: "STATUS",
      detail: plan.timestampDetail,
    });
    if (plan.archive === "to" && file === editors.active) {
      moveSpec(editors.active, editors.archive, plan.newName);
    }
    if (plan.archive === "from" && file === editors.archive) {
      moveSpec(editors.archive, editors.active, plan.newName);
    }
    return {
      project: ref.name,
      oldName: spec.name,
      newName: plan.newName,
      oldStatus: spec.status,
      newStatus: plan.newStatus,
      archived: plan.archive,
      reverted,
    };
  });
}

/** Revert one live sibling: rename to `<name>__<stamp>`, mark Reverted, archive it. */
function revertSibling(editors: ProjectEditors, sibling: ChangeSpec, stamp: string): string {
  const taken = new Set(allSpecs(editors).map((s) => s.name));
  let newName = `${sibling.name}__${stamp}`;
  for (let n = 2; taken.has(newName); n++) newName = `${sibling.name}__${stamp}_${n}`;
  editors.active.rename(sibling.name, newName);
  editors.archive.rename(sibling.name, newName);
  editors.active.appendTimestamp(newName, {
    timestamp: stamp,
    eventType: "RENAME",
    detail: `${sibling.name} -> ${newName}`,
  });
  editors.active.setField(newName, "STATUS", "Reverted");
  editors.active.appendTimestamp(newName, {
    timestamp: stamp,
    eventType: "STATUS",
    detail: `${sibling.status} -> Reverted`,
  });
  moveSpec(editors.active, editors.archive, newName);
  return newName;
}

/** A single-line field edit. */
export interface FieldEdit {
  name: string;
  field: typeof EDITABLE_FIELDS[number];
  /** New value; null removes the field. */
  value: string | null;
  project?: string;
}

/** Set or clear one single-line field of a ChangeSpec under the lock. */
export async function updateField(store: ChangeSpecStore, edit: FieldEdit): Promise<void> {
  if (!(EDITABLE_FIELDS as readonly string[]).includes(edit.field)) {
    throw new SaseError("changespec.bad_field", `field '${edit.field}' cannot be edited this way`, {
      hint: `editable fields: ${EDITABLE_FIELDS.join(", ")}; use a status change for STATUS`,
      kind: "invalid-input",
    });
  }
  if (edit.value !== null && edit.value.includes("\n")) {
    throw new SaseError("changespec.bad_value", `value for ${edit.field} must be a single line`, {
      kind: "invalid-input",
    });
  }
  const ref = await store.locate(edit.name, edit.project);
  await store.mutate(ref, (editors) => {
    const file = editorHolding(editors, edit.name);
    file.setField(edit.name, edit.field, edit.value);
  });
}

/** Append a reference (`bead:...`, `research:...`) to a spec's REFS section. */
export async function addRef(
  store: ChangeSpecStore,
  name: string,
  refText: string,
  project?: string,
): Promise<void> {
  if (refText.trim() === "" || refText.includes("\n")) {
    throw new SaseError("changespec.bad_value", "a REFS entry must be one non-empty line", {
      kind: "invalid-input",
    });
  }
  const ref = await store.locate(name, project);
  await store.mutate(ref, (editors) => {
    const file = editorHolding(editors, name);
    file.appendRef(name, refText.trim());
  });
}
