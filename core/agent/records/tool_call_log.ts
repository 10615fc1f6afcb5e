/**
 * Writing a run's `tool_calls.jsonl`, which two writers share: the stream
 * recorder (inside `sase run`) and Claude's tool hooks (`sase
 * __claude-tool-hook`, a separate process per call). Both may append at the
 * same moment, so every write is a read-check-write under the file's lock.
 *
 * Each call gets at most one row per event (`ToolUse`, `ToolResult`), keyed
 * by tool-use id. When both writers describe the same call, the hook row
 * wins (handbook 21.5.5): Claude reports it from the tool runner itself, with
 * the exact input and response, while the stream row is reconstructed from
 * messages. A hook row arriving after the stream row replaces it in place
 * (the file is rewritten atomically); a stream row arriving after a hook row
 * is dropped.
 *
 * @module
 */

import { dirname, join } from "../../fs/path.ts";
import { atomicWriteTextFile } from "../../fs/atomic_write.ts";
import { appendJsonl, appendJsonlLocked } from "../../fs/jsonl.ts";
import { withFileLock } from "../../fs/lock.ts";
import { ARTIFACT_FILES, PRIVATE_FILE_MODE } from "./artifacts.ts";
import { preview, type ToolCallRecord } from "./tool_calls.ts";
import { READ_LIMITS, readTextBounded } from "../../fs/bounded_read.ts";

/** What {@linkcode appendToolCallRecord} did with a row. */
export type ToolCallWrite = "appended" | "replaced" | "duplicate";

async function readOrEmpty(path: string): Promise<string> {
  try {
    return await readTextBounded(path, READ_LIMITS.store);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return "";
    throw error;
  }
}

function parseRow(line: string): Partial<ToolCallRecord> | undefined {
  try {
    const value = JSON.parse(line);
    return typeof value === "object" && value !== null ? value : undefined;
  } catch {
    // A torn or foreign line is not a row; readers skip it the same way.
    return undefined;
  }
}

/** A result row without a duration gets one from its `ToolUse` row's time. */
function withDuration(record: ToolCallRecord, startedAt: string | undefined): ToolCallRecord {
  if (record.event !== "ToolResult" || record.duration_ms !== undefined || !startedAt) {
    return record;
  }
  const elapsed = Date.parse(record.recorded_at) - Date.parse(startedAt);
  return Number.isFinite(elapsed) ? { ...record, duration_ms: Math.max(0, elapsed) } : record;
}

/**
 * Add `record` to the `tool_calls.jsonl` at `path`, deduplicated by event
 * and tool-use id across every writer of the file (see the module doc for
 * which row wins).
 */
export async function appendToolCallRecord(
  path: string,
  record: ToolCallRecord,
): Promise<ToolCallWrite> {
  await Deno.mkdir(dirname(path), { recursive: true });
  return await withFileLock(path, async () => {
    const text = await readOrEmpty(path);
    const lines = text.split("\n");
    let match = -1;
    let matchSource: string | undefined;
    let startedAt: string | undefined;
    lines.forEach((line, index) => {
      if (line.trim() === "") return;
      const row = parseRow(line);
      if (row?.tool_use_id !== record.tool_use_id) return;
      if (row.event === "ToolUse" && typeof row.recorded_at === "string") {
        startedAt ??= row.recorded_at;
      }
      if (row.event === record.event && match < 0) {
        match = index;
        matchSource = row.source;
      }
    });
    const row = withDuration(record, startedAt);
    if (match >= 0) {
      if (record.source !== "hook" || matchSource === "hook") return "duplicate";
      lines[match] = JSON.stringify(row);
      await atomicWriteTextFile(path, lines.join("\n"), { mode: PRIVATE_FILE_MODE });
      return "replaced";
    }
    await appendJsonlLocked(path, [row], { mode: PRIVATE_FILE_MODE });
    return "appended";
  });
}

/**
 * Record why tool-call capture degraded (hooks skipped, a bad hook payload)
 * in the run's `tool_calls_writer_errors.jsonl`. Best effort: never throws,
 * since it runs on paths that must not fail the agent.
 */
export async function appendToolCallDiagnostic(
  artifactsDir: string | undefined,
  reason: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  if (!artifactsDir) return;
  const fields = Object.fromEntries(
    Object.entries(extra).map(([key, value]) => [
      key,
      typeof value === "string" ? preview(value, 240) : value,
    ]),
  );
  try {
    const path = join(artifactsDir, ARTIFACT_FILES.toolCallErrors);
    await appendJsonl(path, [{
      recorded_at: new Date().toISOString(),
      reason,
      ...fields,
    }], { mode: PRIVATE_FILE_MODE });
  } catch {
    // Diagnostics are advisory; losing one must not break the caller.
  }
}
