/**
 * Reading what the Agents detail area shows for one agent, bounded: the
 * head of `live_reply.md` (only as many bytes as asked for; more on
 * scroll) with its `live_reply_timestamps.jsonl` chunks, the
 * `tool_calls.jsonl` rows, and `agent_meta.json`.
 *
 * @module
 */

import { join } from "../../../core/fs/path.ts";
import { READ_LIMITS, readTextEdgeSync } from "../../../core/fs/bounded_read.ts";
import { readJsonl } from "../../../core/fs/jsonl.ts";
import { readJsonObject } from "../../../core/fs/json_object.ts";
import { ARTIFACT_FILES } from "../../../core/agent/records/artifacts.ts";
import type { ToolCallRecord } from "../../../core/agent/records/tool_calls.ts";
import type { ReplyChunk, ReplyPhase } from "../agents/reply.ts";

/** How much of a reply the first paint reads. */
export const FIRST_REPLY_BYTES = 256 * 1024;

function chunksOf(records: readonly unknown[]): ReplyChunk[] {
  return records.flatMap((record) => {
    if (!record || typeof record !== "object") return [];
    const { byte_offset: offset, timestamp } = record as Record<string, unknown>;
    return typeof offset === "number" && typeof timestamp === "string"
      ? [{ byteOffset: offset, timestamp }]
      : [];
  });
}

/**
 * One phase's reply from the run directory `dir`: at most `bytes` bytes of
 * `live_reply.md` (cut back to a whole character), `truncated` when the
 * file holds more. A missing reply reads as empty.
 */
export async function readReplyPhase(
  dir: string,
  label: string,
  startedAt: string | null,
  bytes = FIRST_REPLY_BYTES,
): Promise<ReplyPhase> {
  const path = join(dir, ARTIFACT_FILES.liveReply);
  const size = await Deno.stat(path).then((info) => info.size, () => 0);
  let text = size === 0 ? "" : readTextEdgeSync(path, "head", bytes) ?? "";
  if (size > bytes) text = text.replace(/\uFFFD$/, "");
  const stamps = await readJsonl(join(dir, ARTIFACT_FILES.replyTimestamps), READ_LIMITS.record)
    .catch(() => ({ records: [] as unknown[] }));
  return { label, startedAt, text, chunks: chunksOf(stamps.records), truncated: size > bytes };
}

/** The tool-call rows of `dir`; null when the artifact does not exist. */
export async function readToolRecords(dir: string): Promise<ToolCallRecord[] | null> {
  const path = join(dir, ARTIFACT_FILES.toolCalls);
  try {
    await Deno.stat(path);
  } catch {
    return null;
  }
  const { records } = await readJsonl<ToolCallRecord>(path, READ_LIMITS.store);
  return records.filter((record) => record && typeof record.tool_use_id === "string");
}

/** `agent_meta.json` of `dir` (empty when missing or not an object). */
export async function readAgentMeta(dir: string): Promise<Record<string, unknown>> {
  return await readJsonObject(join(dir, ARTIFACT_FILES.meta)) ?? {};
}
