/**
 * The ChangeSpec status state machine: statuses, allowed transitions, suffix
 * helpers and the pure planner that decides what a transition does.
 *
 * @module
 */

import type { ChangeSpecStatus } from "./types.ts";

/** Every valid status, in lifecycle order. */
export const STATUSES: readonly ChangeSpecStatus[] = [
  "WIP",
  "Draft",
  "Ready",
  "Mailed",
  "Submitted",
  "Reverted",
  "Archived",
];

/** Allowed transitions; statuses not listed are terminal. */
export const TRANSITIONS: Readonly<Record<ChangeSpecStatus, readonly ChangeSpecStatus[]>> = {
  WIP: ["Draft", "Ready"],
  Draft: ["Ready"],
  Ready: ["Mailed", "Draft"],
  Mailed: ["Submitted"],
  Submitted: [],
  Reverted: [],
  Archived: [],
};

/** Statuses whose specs live in `<project>-archive.sase`. */
export const ARCHIVE_STATUSES: readonly ChangeSpecStatus[] = ["Submitted", "Reverted", "Archived"];

const WORKSPACE_SUFFIX = / \([a-zA-Z0-9_-]+_\d+\)$/;
const READY_TO_MAIL = / - \(!: READY TO MAIL\)$/;

/** Strip a workspace suffix (`Draft (fig_1)`) and the legacy READY TO MAIL marker. */
export function baseStatus(status: string): string {
  return status.replace(WORKSPACE_SUFFIX, "").replace(READY_TO_MAIL, "").trim();
}

/** Normalise a user-typed status (`ready`, `Drafted`) to a valid one, or null. */
export function normalizeStatus(text: string): ChangeSpecStatus | null {
  const lower = baseStatus(text).toLowerCase();
  if (lower === "drafted") return "Draft";
  return STATUSES.find((status) => status.toLowerCase() === lower) ?? null;
}

/** Strip a `__<N>` (checked first) or `_<N>` suffix from a ChangeSpec name. */
export function stripRevertedSuffix(name: string): string {
  const double = /^(.+)__\d+$/.exec(name);
  if (double) return double[1];
  const single = /^(.+)_\d+$/.exec(name);
  return single ? single[1] : name;
}

/** True when `name` ends in a `_<N>` suffix. */
export function hasNumericSuffix(name: string): boolean {
  return /_\d+$/.test(name);
}

/** Next free N for `<name>_<N>`, counting both `_N` and `__N` forms. */
export function nextSuffixNumber(name: string, existing: Iterable<string>): number {
  const prefix = `${name}_`;
  let max = 0;
  for (const other of existing) {
    if (!other.startsWith(prefix)) continue;
    const match = /^_?(\d+)$/.exec(other.slice(prefix.length));
    if (match) max = Math.max(max, Number(match[1]));
  }
  return max + 1;
}

/** The exact rejection text for a transition the table does not allow. */
export function invalidTransitionMessage(name: string, from: string, to: string): string {
  const base = normalizeStatus(from);
  const allowed = base ? TRANSITIONS[base] : [];
  const list = `[${allowed.map((status) => `'${status}'`).join(", ")}]`;
  return `Invalid status transition for '${name}': '${from}' -> '${to}'. Allowed transitions from '${from}': ${list}`;
}

/** True when the table allows `from` (raw, suffixes ignored) → `to`. */
export function isValidTransition(from: string, to: string): boolean {
  const base = normalizeStatus(from);
  const target = normalizeStatus(to);
  return base !== null && target !== null && TRANSITIONS[base].includes(target);
}

/** Inputs of {@linkcode planStatusTransition}. */
export interface TransitionRequest {
  name: string;
  /** STATUS as stored (may carry suffixes). */
  oldStatus: string;
  newStatus: ChangeSpecStatus;
  /** Every ChangeSpec name in the project (active and archive). */
  existingNames: readonly string[];
  /** Status of the in-project parent, if any. */
  parentStatus: string | null;
  /** False only for operations that bypass the table (revert, archive, restore). */
  validate: boolean;
  /** ChangeSpecs whose PARENT is this one, with their stored statuses (default: none). */
  children?: readonly { name: string; status: string }[];
  /**
   * Live siblings (same name once `_N`/`__N` is stripped, WIP or Draft) that
   * have a child which is not Reverted (default: none). A WIP/Draft → Ready
   * move of a suffixed spec reverts its siblings, which would orphan those.
   */
  siblingsWithUnrevertedChildren?: readonly string[];
}

/** Statuses a child may have while its parent is (or goes back to) WIP or Draft. */
const CHILD_OF_UNFINISHED: readonly string[] = ["WIP", "Draft", "Reverted"];

/** What a transition must do. */
export interface TransitionPlan {
  newStatus: ChangeSpecStatus;
  /** The spec's name after the transition. */
  newName: string;
  /** `Old -> New` for the TIMESTAMPS STATUS event. */
  timestampDetail: string;
  /** Move to the archive file (`to`), back from it (`from`), or stay. */
  archive: "to" | "from" | "none";
  /** Revert the other live members of the sibling family. */
  revertSiblings: boolean;
  /** Mentor draft marker action (Ready → Draft sets it, Draft → Ready clears it). */
  mentorDraft: "set" | "clear" | "none";
}

/** Thrown text is the caller's business: this returns a plan or an error string. */
export function planStatusTransition(req: TransitionRequest): TransitionPlan | { error: string } {
  const from = baseStatus(req.oldStatus);
  const to = req.newStatus;
  const archive = archiveAction(from, to);
  const plan: TransitionPlan = {
    newStatus: to,
    newName: req.name,
    timestampDetail: `${req.oldStatus} -> ${to}`,
    archive,
    revertSiblings: false,
    mentorDraft: "none",
  };
  const invalid = () => ({ error: invalidTransitionMessage(req.name, req.oldStatus, to) });
  if (to === "Draft" && from === "Ready") {
    const blocking = (req.children ?? []).filter((child) =>
      !CHILD_OF_UNFINISHED.includes(baseStatus(child.status))
    );
    if (blocking.length > 0) {
      return {
        error: `Cannot transition '${req.name}' to Draft: children must be WIP, Draft, or ` +
          `Reverted. Invalid children: ${
            blocking.map((child) => `${child.name} (${baseStatus(child.status)})`).join(", ")
          }`,
      };
    }
    if (req.validate && !isValidTransition(req.oldStatus, to)) return invalid();
    const existing = req.existingNames.filter((name) => name !== req.name).concat(req.name);
    plan.newName = `${req.name}_${nextSuffixNumber(req.name, existing)}`;
    plan.mentorDraft = "set";
    return plan;
  }
  if (to === "Draft" || to === "Reverted" || to === "Archived") {
    return req.validate && !isValidTransition(req.oldStatus, to) ? invalid() : plan;
  }
  const parent = req.parentStatus === null ? null : baseStatus(req.parentStatus);
  if ((parent === "WIP" || parent === "Draft") && !CHILD_OF_UNFINISHED.includes(to)) {
    return {
      error: `Cannot transition '${req.name}' to ${to}: parent is ${parent}. ` +
        "Children of WIP/Draft ChangeSpecs must be WIP, Draft, or Reverted.",
    };
  }
  if (req.validate && !isValidTransition(req.oldStatus, to)) return invalid();
  if (to === "Ready" && (from === "WIP" || from === "Draft") && hasNumericSuffix(req.name)) {
    const sibling = req.siblingsWithUnrevertedChildren?.[0];
    if (sibling !== undefined) {
      return {
        error: `Cannot transition '${req.name}' to Ready: sibling ChangeSpec '${sibling}' ` +
          "has unreverted children.",
      };
    }
    plan.newName = stripRevertedSuffix(req.name);
    plan.revertSiblings = true;
  }
  if (from === "Draft" && to === "Ready") plan.mentorDraft = "clear";
  return plan;
}

function archiveAction(from: string, to: ChangeSpecStatus): TransitionPlan["archive"] {
  const wasArchived = (ARCHIVE_STATUSES as readonly string[]).includes(from);
  const isArchived = ARCHIVE_STATUSES.includes(to);
  if (wasArchived === isArchived) return "none";
  return isArchived ? "to" : "from";
}
