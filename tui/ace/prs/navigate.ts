/**
 * `<` / `>` / `~` on the PRs tab: move the cursor to the focused PR's
 * parent, its first child, or its next sibling (the next PR of the same
 * family: the same name once a `_<N>`/`__<N>` suffix is stripped, in the
 * order the tab lists them, wrapping around). The target must be a row on
 * screen; one the query or a fold hides is reported instead.
 *
 * @module
 */

import { stripRevertedSuffix } from "../../../core/changespec/status.ts";
import type { ChangeSpec } from "../../../core/changespec/types.ts";
import type { PrsState } from "./context.ts";
import { selectedSpec } from "./context.ts";

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
  return { kind: "moved", state: { ...state, cursor: row } };
}
