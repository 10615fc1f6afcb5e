/**
 * The tools panel's timeline (handbook 4.24): the `tool_calls.jsonl` rows
 * of an agent (its retries and plan phases concatenated by the loader)
 * paired by `tool_use_id` into one row per call, in start order: a status
 * label (`ok`, `fail`, `stop`, `agent` for a sub-agent launch, `wait` while
 * no result has arrived), the tool name, a compact target and the duration,
 * then a short result preview. The header counts calls, failures and
 * interruptions and shows when the file was last read.
 *
 * @module
 */

import type { ToolCallRecord } from "../../../core/agent/records/tool_calls.ts";
import { agentText, type Line, seg, type StyleName } from "../segments.ts";
import { formatElapsed } from "./glyphs.ts";
import { clockTime } from "../shared.ts";

/** One call of the timeline. */
export interface ToolCall {
  readonly id: string;
  readonly name: string;
  readonly label: "ok" | "fail" | "stop" | "agent" | "wait";
  readonly target: string | null;
  readonly durationMs: number | null;
  readonly preview: string | null;
}

const SUB_AGENT_TOOLS = new Set(["Task", "Agent"]);
const TARGET_FIELDS = ["file_path", "path", "command", "url", "pattern", "description"];
const PREVIEW_FIELDS = [
  "content_preview",
  "output_preview",
  "stdout_preview",
  "result_preview",
  "error_preview",
  "stderr_preview",
  "preview",
];
/** How many characters of a result preview a row shows. */
export const PREVIEW_CHARS = 160;

function firstString(
  record: Record<string, unknown> | undefined,
  fields: readonly string[],
): string | null {
  if (!record) return null;
  for (const field of fields) {
    const value = record[field];
    if (typeof value === "string" && value.trim() !== "") return value;
  }
  return null;
}

function oneLine(text: string, limit: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > limit ? `${flat.slice(0, limit - 1)}…` : flat;
}

/** Pair the rows into calls, in the order calls started. */
export function toolCalls(records: readonly ToolCallRecord[]): ToolCall[] {
  const calls = new Map<string, { use?: ToolCallRecord; result?: ToolCallRecord }>();
  for (const record of records) {
    const entry = calls.get(record.tool_use_id) ?? {};
    if (record.event === "ToolUse") entry.use ??= record;
    else entry.result = record;
    calls.set(record.tool_use_id, entry);
  }
  return [...calls].map(([id, { use, result }]) => {
    const name = use?.tool_name ?? result?.tool_name ?? "?";
    const status = result?.status ?? "pending";
    const interrupted = result?.is_interrupt === true || status === "interrupted";
    const label: ToolCall["label"] = SUB_AGENT_TOOLS.has(name) && status !== "failure"
      ? "agent"
      : interrupted
      ? "stop"
      : status === "failure"
      ? "fail"
      : status === "success"
      ? "ok"
      : "wait";
    const target = firstString(use?.tool_input_summary, TARGET_FIELDS);
    const preview = firstString(result?.tool_response_summary, PREVIEW_FIELDS);
    return {
      id,
      name,
      label,
      target: target === null ? null : oneLine(target, 80),
      durationMs: result?.duration_ms ?? null,
      preview: preview === null ? null : oneLine(preview, PREVIEW_CHARS),
    };
  });
}

const LABEL_STYLES: Readonly<Record<ToolCall["label"], StyleName>> = {
  ok: "tool.ok",
  fail: "tool.fail",
  stop: "tool.stop",
  agent: "tool.agent",
  wait: "tool.wait",
};

function duration(ms: number): string {
  return ms < 1000 ? `${ms}ms` : formatElapsed(ms / 1000);
}

/** What the panel knows about the artifact. */
export interface ToolsInput {
  /** Null when `tool_calls.jsonl` does not exist. */
  readonly records: readonly ToolCallRecord[] | null;
  /** When the file was last read. */
  readonly loadedAt: Date;
  /** A reload is in flight. */
  readonly refreshing: boolean;
}

/** The panel's lines. */
export function toolLines(input: ToolsInput): Line[] {
  if (input.records === null) return [[seg("No tools artifact available", "dim")]];
  const calls = toolCalls(input.records);
  const failed = calls.filter((call) => call.label === "fail").length;
  const stopped = calls.filter((call) => call.label === "stop").length;
  const header: Line = [
    seg(`${calls.length} call${calls.length === 1 ? "" : "s"}`, "bold"),
    seg(` · ${failed} failed · ${stopped} interrupted`, "dim"),
    seg(` · ${clockTime(input.loadedAt)}`, "dim"),
    ...(input.refreshing ? [seg(" (refreshing...)", "dim")] : []),
  ];
  if (calls.length === 0) return [header, [seg("No tool calls recorded", "dim")]];
  const out: Line[] = [header];
  for (const call of calls) {
    out.push([
      seg(call.label.padEnd(5), LABEL_STYLES[call.label]),
      seg(` ${agentText(call.name)}`, "bold"),
      ...(call.target ? [seg(` ${agentText(call.target)}`)] : []),
      ...(call.durationMs !== null ? [seg(` ${duration(call.durationMs)}`, "dim")] : []),
    ]);
    if (call.preview) out.push([seg(`      ${agentText(call.preview)}`, "dim")]);
  }
  return out;
}
