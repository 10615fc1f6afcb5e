/**
 * The prompt history modal's state (handbook 4.30): the stored prompts
 * newest first, the search text, whether cancelled prompts show, and the
 * highlighted row. Which rows show is the core filter `sase prompt list`
 * applies (`matchesFilter`).
 *
 * @module
 */

import { matchesFilter } from "../../../../core/xprompt/history/query.ts";
import type { PromptEntry } from "../../../../core/xprompt/history/model.ts";
import type { LineInputState } from "../../../widgets/line_input.ts";

/** The modal's state. */
export interface HistoryState {
  /** Every stored prompt, newest use first. */
  readonly entries: readonly PromptEntry[];
  readonly filter: LineInputState;
  readonly showCancelled: boolean;
  /** The highlighted row among the visible ones. */
  readonly selected: number;
}

/** The prompts the filter and the cancelled toggle keep. */
export function visibleEntries(state: HistoryState): PromptEntry[] {
  return state.entries.filter((entry) =>
    matchesFilter(entry, {
      query: state.filter.text,
      cancelled: state.showCancelled ? "include" : "exclude",
    })
  );
}

/** The highlighted prompt, if any row shows. */
export function selectedEntry(state: HistoryState): PromptEntry | undefined {
  const visible = visibleEntries(state);
  return visible[Math.min(state.selected, visible.length - 1)];
}

/**
 * `last_used` (`YYMMDD_HHMMSS`) as `MM-DD HH:MM`; the stored text itself
 * when it does not have that shape.
 */
export function shortStamp(stamp: string): string {
  const match = /^\d{2}(\d{2})(\d{2})_(\d{2})(\d{2})\d{2}$/.exec(stamp);
  return match ? `${match[1]}-${match[2]} ${match[3]}:${match[4]}` : stamp;
}
