/**
 * Marks on the PRs tab (`m` marks or unmarks the focused PR and moves to the
 * next row, `u` clears them all). Marks are ChangeSpec names, so they
 * survive a reload, a query change and a regrouping; a marked spec the
 * query no longer shows stays marked but is not acted on (`S` acts on the
 * marked specs the tab currently holds, in row order).
 *
 * @module
 */

import type { ChangeSpec } from "../../../core/changespec/types.ts";
import { moveCursor, type PrsState, selectedSpec } from "./context.ts";

/** `m`: toggle the mark of the focused PR and advance one row (a banner cannot be marked). */
export function toggleMark(state: PrsState): PrsState | null {
  const spec = selectedSpec(state);
  if (!spec) return null;
  const marks = new Set(state.marks);
  if (marks.has(spec.name)) marks.delete(spec.name);
  else marks.add(spec.name);
  return moveCursor({ ...state, marks }, 1);
}

/** `u`: drop every mark. */
export function clearMarks(state: PrsState): PrsState {
  return state.marks.size === 0 ? state : { ...state, marks: new Set() };
}

/** The marked specs among the tab's matches, in the order they were loaded. */
export function markedSpecs(state: PrsState): ChangeSpec[] {
  if (state.marks.size === 0) return [];
  return state.matches.filter((spec) => state.marks.has(spec.name));
}
