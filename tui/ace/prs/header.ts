/**
 * The PRs tab's info-panel header: the query, how many ChangeSpecs it
 * matched, the `[group: <label>]` badge of the grouping mode, and the time
 * left to the next auto-refresh (none when `-r 0` turned it off).
 *
 * @module
 */

import { agentText, type Line, seg } from "../segments.ts";
import type { PrsState } from "./context.ts";
import { PR_GROUPING_LABELS } from "./tree.ts";

/** The header line; `refreshInSeconds` null when auto-refresh is off. */
export function prsHeader(state: PrsState, refreshInSeconds: number | null): Line {
  const shown = state.rows.filter((row) => row.kind === "spec").length;
  return [
    seg(agentText(state.query), "bold"),
    seg(`  ${shown} PR${shown === 1 ? "" : "s"}`, "dim"),
    seg(`  [group: ${PR_GROUPING_LABELS[state.mode]}]`, "badge"),
    ...(refreshInSeconds === null
      ? []
      : [seg(`  ↻ ${Math.max(0, Math.ceil(refreshInSeconds))}s`, "dim")]),
  ];
}
