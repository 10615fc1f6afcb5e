/**
 * `<` / `>` / `~` on the PRs tab: move the cursor to the focused PR's
 * parent, its first child, or its next sibling (the next PR of the same
 * family: the same name once a `_<N>`/`__<N>` suffix is stripped, in the
 * order the tab lists them, wrapping around). The target must be a row on
 * screen; one the query or a fold hides is reported instead.
 *
 * Each jump is remembered: `Ctrl+R` goes back to the PR a jump left,
 * `Ctrl+K` forward again (a new jump clears the forward list).
 *
 * @module
 */

import { stripRevertedSuffix } from "../../../core/changespec/status.ts";
import type { ChangeSpec } from "../../../core/changespec/types.ts";
import type { PrsState } from "./context.ts";
import { selectedSpec } from "./context.ts";
import { rememberJump } from "./jumps.ts";

/** Which relative a key goes to. */
export type Relative = "ancestor" | "child" | "sibling";

/** Where the cursor goes, or why it cannot. */
export type RelativeMove =
  | { readonly kind: "moved"; readonly state: PrsState }
  | { readonly kind: "none"; readonly message: string };

function rowOf(state: PrsState, name: string): number {
  return state.rows.findIndex((row) => row.kind === "spec" && row.spec.name === name);
}

function shownSpecs(state: PrsState): ChangeSpec[] {
  return state.rows.flatMap((row) => row.kind === "spec" ? [row.spec] : []);
}

function targetName(state: PrsState, spec: ChangeSpec, which: Relative): string | RelativeMove {
  switch (which) {
    case "ancestor":
      return spec.parent ?? { kind: "none", message: `${spec.name} has no parent` };
    case "child": {
      const children = state.relations.relations(spec).children;
      if (children.length === 0) return { kind: "none", message: `${spec.name} has no children` };
      // A child on screen first, else the first one (reported as hidden).
      return (children.find((child) => rowOf(state, child.name) !== -1) ?? children[0]).name;
    }
    case "sibling": {
      const family = stripRevertedSuffix(spec.name);
      const members = shownSpecs(state).filter((s) => stripRevertedSuffix(s.name) === family);
      if (members.length < 2) {
        return { kind: "none", message: `${spec.name} has no siblings shown` };
      }
      const at = members.findIndex((s) => s.name === spec.name);
      return members[(at + 1) % members.length].name;
    }
  }
}

/** Move to the focused PR's `which` relative. */
export function moveToRelative(state: PrsState, which: Relative): RelativeMove {
  const spec = selectedSpec(state);
  if (!spec) return { kind: "none", message: "No PR selected" };
  const name = targetName(state, spec, which);
  if (typeof name !== "string") return name;
  const row = rowOf(state, name);
  if (row === -1) {
    return { kind: "none", message: `${name} is not shown (the query or a fold hides it)` };
  }
  const jumps = { back: rememberJump(state.jumps.back, spec.name), forward: [] };
  return { kind: "moved", state: { ...state, cursor: row, jumps } };
}

/**
 * `Ctrl+R` (back) / `Ctrl+K` (forward): the PR before / after in the jump
 * history. A PR no longer on screen is skipped (and forgotten).
 */
export function moveInJumps(state: PrsState, back: boolean): RelativeMove {
  let from = [...(back ? state.jumps.back : state.jumps.forward)];
  const other = back ? state.jumps.forward : state.jumps.back;
  const here = selectedSpec(state)?.name;
  while (from.length) {
    const name = from[from.length - 1];
    from = from.slice(0, -1);
    const row = rowOf(state, name);
    if (row === -1 || name === here) continue;
    const kept = here ? rememberJump(other, here) : [...other];
    const jumps = back ? { back: from, forward: kept } : { back: kept, forward: from };
    return { kind: "moved", state: { ...state, cursor: row, jumps } };
  }
  return {
    kind: "none",
    message: back ? "No earlier PR in the jump history" : "No later PR in the jump history",
  };
}
