/**
 * The collector behind `sase __claude-tool-hook`: one Claude
 * PreToolUse/PostToolUse payload (JSON on stdin) becomes one row in
 * `$SASE_ARTIFACTS_DIR/tool_calls.jsonl`.
 *
 * Claude runs it for every tool call and treats a failing hook as a failing
 * tool, so it never throws: empty input is a silent no-op, and bad JSON, an
 * unexpected payload, an unsupported event or any internal error becomes a
 * line in `tool_calls_writer_errors.jsonl` instead (handbook 21.5.5).
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import { z } from "zod";
import type { Env } from "../../config/paths.ts";
import { ARTIFACT_FILES } from "./artifacts.ts";
import { CLAUDE_HOOK_EVENTS, type ClaudeHookPayload, claudeHookRecord } from "./tool_calls.ts";
import { appendToolCallDiagnostic, appendToolCallRecord } from "./tool_call_log.ts";

const payloadSchema = z.looseObject({
  hook_event_name: z.string(),
  session_id: z.string().optional(),
  tool_name: z.string().optional(),
  tool_use_id: z.string().optional(),
  tool_input: z.unknown().optional(),
  tool_response: z.unknown().optional(),
  error: z.unknown().optional(),
  duration_ms: z.number().optional(),
  cwd: z.string().optional(),
  transcript_path: z.string().optional(),
  permission_mode: z.string().optional(),
  parent_tool_use_id: z.string().optional(),
});

/** What the collector did with one payload (for tests and callers that log). */
export type HookCollectOutcome =
  | "empty"
  | "no_artifacts_dir"
  | "recorded"
  | "duplicate"
  | "diagnostic";

async function collect(raw: string, dir: string, env: Env): Promise<HookCollectOutcome> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    await appendToolCallDiagnostic(dir, "invalid_json", {
      raw_preview: raw,
      error: error instanceof Error ? error.message : String(error),
    });
    return "diagnostic";
  }
  const parsed = payloadSchema.safeParse(value);
  if (!parsed.success) {
    await appendToolCallDiagnostic(dir, "invalid_payload", {
      raw_preview: raw,
      error: parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`)
        .join("; "),
    });
    return "diagnostic";
  }
  const payload: ClaudeHookPayload = parsed.data;
  if (!CLAUDE_HOOK_EVENTS.includes(payload.hook_event_name)) {
    await appendToolCallDiagnostic(dir, "unsupported_hook_event", {
      hook_event_name: payload.hook_event_name,
    });
    return "diagnostic";
  }
  const record = claudeHookRecord(payload, { full: env.SASE_TOOL_LOG_FULL === "1" });
  if (!record) {
    await appendToolCallDiagnostic(dir, "missing_tool_use_id", {
      hook_event_name: payload.hook_event_name,
      tool_name: payload.tool_name ?? "",
    });
    return "diagnostic";
  }
  const written = await appendToolCallRecord(join(dir, ARTIFACT_FILES.toolCalls), record);
  return written === "duplicate" ? "duplicate" : "recorded";
}

/** Record one hook payload (`raw` is Claude's stdin); never throws. */
export async function collectClaudeHook(raw: string, env: Env): Promise<HookCollectOutcome> {
  if (raw.trim() === "") return "empty";
  const dir = env.SASE_ARTIFACTS_DIR;
  // Without an artifact directory there is nowhere to write, not even a diagnostic.
  if (!dir) return "no_artifacts_dir";
  try {
    return await collect(raw, dir, env);
  } catch (error) {
    await appendToolCallDiagnostic(dir, "collector_exception", {
      raw_preview: raw,
      error: error instanceof Error ? error.message : String(error),
    });
    return "diagnostic";
  }
}
