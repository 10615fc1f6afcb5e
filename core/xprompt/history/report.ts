/**
 * `sase prompt stats` and `sase prompt doctor`: read-only summaries that
 * never include full prompt text.
 *
 * @module
 */

import type { HistoryRead } from "./store.ts";
import { promptId } from "./model.ts";
import { preview, promptChips } from "./query.ts";

/** Prompts longer than this are flagged by `doctor`. */
export const OVERSIZED_CHARS = 20_000;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Store statistics. */
export function historyStats(read: HistoryRead) {
  const lengths = read.entries.map((entry) => entry.text.length).sort((a, b) => a - b);
  const chips = new Map<string, number>();
  for (const entry of read.entries) {
    const found = promptChips(entry.text);
    for (const chip of [...found.projects, ...found.xprompts]) {
      chips.set(chip, (chips.get(chip) ?? 0) + 1);
    }
  }
  return {
    schema_version: 1,
    path: read.path,
    size_bytes: read.sizeBytes,
    total: read.entries.length,
    launched: read.entries.filter((entry) => !entry.cancelled).length,
    cancelled: read.entries.filter((entry) => entry.cancelled).length,
    length: {
      min: lengths[0] ?? 0,
      p50: percentile(lengths, 50),
      p90: percentile(lengths, 90),
      p99: percentile(lengths, 99),
      max: lengths.at(-1) ?? 0,
    },
    largest: [...read.entries].sort((a, b) => b.text.length - a.text.length).slice(0, 5).map((
      entry,
    ) => ({
      id: promptId(entry.text),
      chars: entry.text.length,
      preview: preview(entry.text),
    })),
    top_chips: [...chips.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(
      0,
      10,
    )
      .map(([chip, count]) => ({ chip, count })),
  };
}

function onPath(command: string): boolean {
  for (const dir of (Deno.env.get("PATH") ?? "").split(":")) {
    try {
      if (Deno.statSync(`${dir}/${command}`).isFile) return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

/** Health report of the store. */
export function historyDoctor(read: HistoryRead) {
  const ids = read.entries.map((entry) => promptId(entry.text));
  const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index);
  return {
    schema_version: 1,
    path: read.path,
    exists: read.exists,
    size_bytes: read.sizeBytes,
    parseable: !read.corrupt,
    error: read.corrupt ?? null,
    entries: read.entries.length,
    cancelled: read.entries.filter((entry) => entry.cancelled).length,
    invalid_entries: read.invalid,
    duplicate_ids: [...new Set(duplicates)],
    oversized: read.entries.filter((entry) => entry.text.length > OVERSIZED_CHARS).map((entry) =>
      promptId(entry.text)
    ),
    very_short: read.entries.filter((entry) => entry.text.trim().split(/\s+/).length < 2).map((
      entry,
    ) => promptId(entry.text)),
    fzf_available: onPath("fzf"),
    clipboard_command: ["wl-copy", "xclip", "xsel", "pbcopy"].find(onPath) ?? null,
    ok: !read.corrupt && read.invalid === 0 && duplicates.length === 0,
  };
}
