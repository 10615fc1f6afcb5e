/**
 * `sase prompt stats` and `sase prompt doctor`: read-only summaries that
 * never include full prompt text.
 *
 * @module
 */

import type { Env } from "../../config/paths.ts";
import type { HistoryRead } from "./store.ts";
import { promptId } from "./model.ts";
import { preview, promptChips } from "./query.ts";

/** Prompts longer than this are flagged by `doctor`. */
export const OVERSIZED_CHARS = 20_000;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Statistics of the store (its wire form is in `wire.ts`). */
export interface HistoryStats {
  path: string;
  sizeBytes: number;
  total: number;
  launched: number;
  cancelled: number;
  /** Prompt length percentiles, in characters. */
  length: { min: number; p50: number; p90: number; p99: number; max: number };
  /** The five longest prompts (id and preview, never the text). */
  largest: { id: string; chars: number; preview: string }[];
  /** The ten most used project and xprompt chips. */
  topChips: { chip: string; count: number }[];
}

/** Store statistics. */
export function historyStats(read: HistoryRead): HistoryStats {
  const lengths = read.entries.map((entry) => entry.text.length).sort((a, b) => a - b);
  const chips = new Map<string, number>();
  for (const entry of read.entries) {
    const found = promptChips(entry.text);
    for (const chip of [...found.projects, ...found.xprompts]) {
      chips.set(chip, (chips.get(chip) ?? 0) + 1);
    }
  }
  return {
    path: read.path,
    sizeBytes: read.sizeBytes,
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
    topChips: [...chips.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(
      0,
      10,
    )
      .map(([chip, count]) => ({ chip, count })),
  };
}

function onPath(command: string, env: Env): boolean {
  for (const dir of (env.PATH ?? "").split(":")) {
    try {
      if (Deno.statSync(`${dir}/${command}`).isFile) return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

/** The health report of the store (its wire form is in `wire.ts`). */
export interface HistoryDoctorReport {
  path: string;
  exists: boolean;
  sizeBytes: number;
  /** The file is JSON with a `prompts` list. */
  parseable: boolean;
  /** Why it is not parseable. */
  error: string | null;
  entries: number;
  cancelled: number;
  /** Entries that do not match the schema (skipped on read). */
  invalidEntries: number;
  duplicateIds: string[];
  /** Ids of prompts longer than {@linkcode OVERSIZED_CHARS}. */
  oversized: string[];
  /** Ids of one-word prompts. */
  veryShort: string[];
  fzfAvailable: boolean;
  /** The first clipboard command on `PATH`. */
  clipboardCommand: string | null;
  ok: boolean;
}

/** Health report of the store; tools are looked up on `env.PATH`. */
export function historyDoctor(read: HistoryRead, env: Env): HistoryDoctorReport {
  const ids = read.entries.map((entry) => promptId(entry.text));
  const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index);
  return {
    path: read.path,
    exists: read.exists,
    sizeBytes: read.sizeBytes,
    parseable: !read.corrupt,
    error: read.corrupt ?? null,
    entries: read.entries.length,
    cancelled: read.entries.filter((entry) => entry.cancelled).length,
    invalidEntries: read.invalid,
    duplicateIds: [...new Set(duplicates)],
    oversized: read.entries.filter((entry) => entry.text.length > OVERSIZED_CHARS).map((entry) =>
      promptId(entry.text)
    ),
    veryShort: read.entries.filter((entry) => entry.text.trim().split(/\s+/).length < 2).map((
      entry,
    ) => promptId(entry.text)),
    fzfAvailable: onPath("fzf", env),
    clipboardCommand: ["wl-copy", "xclip", "xsel", "pbcopy"].find((name) => onPath(name, env)) ??
      null,
    ok: !read.corrupt && read.invalid === 0 && duplicates.length === 0,
  };
}
