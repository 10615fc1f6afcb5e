/**
 * The wire format of prompt history: what `sase prompt ... -j` prints and
 * ACE and the gateway will send (snake_case keys, `schema_version` 1). A
 * stored entry's own fields keep the names the history file uses.
 *
 * @module
 */

import { type PromptEntry, promptId } from "./model.ts";
import { promptChips } from "./query.ts";
import type { HistoryDoctorReport, HistoryStats } from "./report.ts";
import type { SearchHit } from "./search.ts";

/** One stored prompt on the wire. */
export interface PromptEntryWire {
  /** `ph_<sha256[:12]>`. */
  id: string;
  text: string;
  timestamp: string;
  last_used: string;
  cancelled: boolean;
  use_count: number;
  workspace: string;
  branch_or_workspace: string;
  chars: number;
  chips: { projects: string[]; xprompts: string[]; directives: string[] };
}

/** A stored prompt in wire form. */
export function promptEntryWire(entry: PromptEntry): PromptEntryWire {
  return {
    id: promptId(entry.text),
    text: entry.text,
    timestamp: entry.timestamp,
    last_used: entry.last_used,
    cancelled: entry.cancelled,
    use_count: entry.use_count,
    workspace: entry.workspace,
    branch_or_workspace: entry.branch_or_workspace,
    chars: entry.text.length,
    chips: promptChips(entry.text),
  };
}

/** `sase prompt list -j`. */
export interface PromptListWire {
  schema_version: 1;
  count: number;
  prompts: PromptEntryWire[];
}

/** A prompt listing in wire form. */
export function promptListWire(entries: readonly PromptEntry[]): PromptListWire {
  return { schema_version: 1, count: entries.length, prompts: entries.map(promptEntryWire) };
}

/** `sase prompt show -f json`: one prompt with the schema version. */
export interface PromptDocumentWire extends PromptEntryWire {
  schema_version: 1;
}

/** One prompt as a versioned document. */
export function promptDocumentWire(entry: PromptEntry): PromptDocumentWire {
  return { schema_version: 1, ...promptEntryWire(entry) };
}

/** One search hit on the wire (an absent `path`, `plan` or `also_in_local` is left out). */
export interface PromptHitWire {
  source: "sdd" | "local";
  id: string;
  title: string;
  path?: string;
  plan?: string;
  tags: string[];
  date: string;
  text: string;
  matched: string[];
  also_in_local?: boolean;
}

/** `sase prompt search -f json`. */
export interface PromptSearchWire {
  schema_version: 1;
  query: string;
  /** Hits shown. */
  count: number;
  /** Hits found (before `--limit`). */
  total: number;
  sdd: number;
  local: number;
  results: PromptHitWire[];
}

/** Search hits (`shown` of `total` found) in wire form. */
export function promptSearchWire(
  query: string,
  shown: readonly SearchHit[],
  total: number,
): PromptSearchWire {
  return {
    schema_version: 1,
    query,
    count: shown.length,
    total,
    sdd: shown.filter((hit) => hit.source === "sdd").length,
    local: shown.filter((hit) => hit.source === "local").length,
    results: shown.map((hit) => ({
      source: hit.source,
      id: hit.id,
      title: hit.title,
      path: hit.path,
      plan: hit.plan,
      tags: hit.tags,
      date: hit.date,
      text: hit.text,
      matched: hit.matched,
      also_in_local: hit.alsoInLocal,
    })),
  };
}

/** `sase prompt stats -j`. */
export interface HistoryStatsWire {
  schema_version: 1;
  path: string;
  size_bytes: number;
  total: number;
  launched: number;
  cancelled: number;
  length: HistoryStats["length"];
  largest: HistoryStats["largest"];
  top_chips: HistoryStats["topChips"];
}

/** Store statistics in wire form. */
export function historyStatsWire(stats: HistoryStats): HistoryStatsWire {
  return {
    schema_version: 1,
    path: stats.path,
    size_bytes: stats.sizeBytes,
    total: stats.total,
    launched: stats.launched,
    cancelled: stats.cancelled,
    length: stats.length,
    largest: stats.largest,
    top_chips: stats.topChips,
  };
}

/** `sase prompt doctor -j`. */
export interface HistoryDoctorWire {
  schema_version: 1;
  path: string;
  exists: boolean;
  size_bytes: number;
  parseable: boolean;
  error: string | null;
  entries: number;
  cancelled: number;
  invalid_entries: number;
  duplicate_ids: string[];
  oversized: string[];
  very_short: string[];
  fzf_available: boolean;
  clipboard_command: string | null;
  ok: boolean;
}

/** The store's health report in wire form. */
export function historyDoctorWire(report: HistoryDoctorReport): HistoryDoctorWire {
  return {
    schema_version: 1,
    path: report.path,
    exists: report.exists,
    size_bytes: report.sizeBytes,
    parseable: report.parseable,
    error: report.error,
    entries: report.entries,
    cancelled: report.cancelled,
    invalid_entries: report.invalidEntries,
    duplicate_ids: report.duplicateIds,
    oversized: report.oversized,
    very_short: report.veryShort,
    fzf_available: report.fzfAvailable,
    clipboard_command: report.clipboardCommand,
    ok: report.ok,
  };
}

/** `sase prompt export -j`: where the prompt went. */
export interface PromptExportWire {
  id: string;
  path: string;
}

/** An export in wire form. */
export function promptExportWire(id: string, path: string): PromptExportWire {
  return { id, path };
}
