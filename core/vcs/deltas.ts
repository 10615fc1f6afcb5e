/**
 * A ChangeSpec's DELTAS (handbook 8.2.9) from a provider's name-status and
 * line statistics:
 *
 * - `A` and copies (`C`, the target) are added (`+`), `D` deleted (`-`),
 *   `M` and every other status (typechange, unmerged, future ones) modified
 *   (`~`);
 * - a rename (`R`) is split into `-` for its source and `+` for its target;
 *   line counts attach to the target, so a pure rename shows `0` lines;
 * - raw additions/deletions become semantic counts: each added line paired
 *   with a deleted one is a modified line (`+5 -3` is `+2 ~3`); a binary
 *   file is `binary`;
 * - entries are sorted by path and the section is omitted when empty (the
 *   ChangeSpec writer's `formatDeltas` renders them).
 *
 * Providers without line statistics still give file-level entries.
 *
 * @module
 */

import { formatDeltas } from "../changespec/format.ts";
import type { DeltaEntry, DeltaLineStats } from "../changespec/types.ts";
import type { LineStat, NameStatusEntry } from "./provider.ts";

/** Raw counts as semantic line statistics (paired add/delete = modified). */
export function semanticLineStats(stat: LineStat): DeltaLineStats {
  if (stat.added === null || stat.removed === null) return { kind: "binary" };
  const modified = Math.min(stat.added, stat.removed);
  return {
    kind: "counts",
    added: stat.added - modified,
    modified,
    removed: stat.removed - modified,
  };
}

/**
 * The DELTAS entries of a change, sorted by path. `lineStats` null (the
 * provider has none) leaves every entry without a `LINES` drawer.
 */
export function computeDeltas(
  nameStatus: readonly NameStatusEntry[],
  lineStats: readonly LineStat[] | null,
): DeltaEntry[] {
  const statsByPath = new Map(lineStats?.map((stat) => [stat.path, stat]) ?? []);
  const lines = (path: string) => {
    const stat = statsByPath.get(path);
    return stat ? semanticLineStats(stat) : null;
  };
  const deltas: DeltaEntry[] = [];
  for (const entry of nameStatus) {
    const letter = entry.status[0];
    if (letter === "R" && entry.oldPath !== undefined) {
      deltas.push({ path: entry.oldPath, changeType: "D", lines: null });
      deltas.push({ path: entry.path, changeType: "A", lines: lines(entry.path) });
    } else if (letter === "A" || letter === "C") {
      deltas.push({ path: entry.path, changeType: "A", lines: lines(entry.path) });
    } else if (letter === "D") {
      deltas.push({ path: entry.path, changeType: "D", lines: lines(entry.path) });
    } else {
      deltas.push({ path: entry.path, changeType: "M", lines: lines(entry.path) });
    }
  }
  return deltas.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

/** The DELTAS section's text (header, entries, drawers, newline-terminated); "" when empty. */
export function formatDeltasSection(deltas: readonly DeltaEntry[]): string {
  return formatDeltas(deltas).join("");
}
