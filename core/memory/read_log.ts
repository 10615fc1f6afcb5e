/**
 * The audited-read log (`SASE_HOME/projects/<project>/memory_reads.jsonl`):
 * one metadata-only row per `sase memory read` (never the note's content),
 * appended under the file's lock; readers skip malformed rows.
 *
 * @module
 */

import { appendJsonl, readJsonl } from "../fs/jsonl.ts";

/** The schema version this writer records. */
export const READ_LOG_SCHEMA_VERSION = 1;
/** Versions whose rows carry the fields below (later ones add batch fields this reader ignores). */
const READABLE_VERSIONS = new Set([1, 2, 3]);

/** One audited read, as stored (snake_case: the file is shared with the original). */
export interface MemoryReadEvent {
  schema_version: number;
  id: string;
  timestamp: string;
  project: string;
  cwd: string;
  canonical_path: string;
  resolved_path: string;
  agent_name: string;
  agent_source: string;
  artifacts_dir: string | null;
  reason: string;
  byte_count: number;
  frontmatter_stripped: boolean;
}

const STRING_FIELDS = [
  "id",
  "timestamp",
  "project",
  "cwd",
  "canonical_path",
  "resolved_path",
  "agent_name",
  "agent_source",
  "reason",
] as const;

/** The row as a read event, or null when it is not one (skipped, never repaired). */
export function parseReadEvent(row: unknown): MemoryReadEvent | null {
  if (typeof row !== "object" || row === null || Array.isArray(row)) return null;
  const data = row as Record<string, unknown>;
  if (!READABLE_VERSIONS.has(data.schema_version as number)) return null;
  if (STRING_FIELDS.some((key) => typeof data[key] !== "string")) return null;
  if (typeof data.byte_count !== "number" || !Number.isInteger(data.byte_count)) return null;
  if (typeof data.frontmatter_stripped !== "boolean") return null;
  if (
    data.artifacts_dir !== undefined && data.artifacts_dir !== null &&
    typeof data.artifacts_dir !== "string"
  ) return null;
  return {
    schema_version: data.schema_version as number,
    id: data.id as string,
    timestamp: data.timestamp as string,
    project: data.project as string,
    cwd: data.cwd as string,
    canonical_path: data.canonical_path as string,
    resolved_path: data.resolved_path as string,
    agent_name: data.agent_name as string,
    agent_source: data.agent_source as string,
    artifacts_dir: (data.artifacts_dir as string | null | undefined) ?? null,
    reason: data.reason as string,
    byte_count: data.byte_count,
    frontmatter_stripped: data.frontmatter_stripped,
  };
}

/** Append one event under the log's lock. */
export async function appendReadEvent(path: string, event: MemoryReadEvent): Promise<void> {
  await appendJsonl(path, [event]);
}

/** Every readable event in the log, oldest first; a missing log has none. */
export async function readReadEvents(path: string): Promise<MemoryReadEvent[]> {
  const result = await readJsonl<unknown>(path);
  return result.records.map(parseReadEvent).filter((e): e is MemoryReadEvent => e !== null);
}
