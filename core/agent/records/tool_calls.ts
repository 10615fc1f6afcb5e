/**
 * `tool_calls.jsonl` rows (schema version 3), from two writers: the stream
 * recorder (normalised tool events, `source: "stream"`) and Claude's
 * PreToolUse/PostToolUse hooks (`source: "hook"`). A `ToolUse` row carries a
 * bounded, redacted input summary when a call starts; a `ToolResult` row
 * carries status, duration and a bounded, redacted response preview when it
 * ends. Commands and output previews go through the same redaction
 * ({@linkcode redactSecrets}) before they are cut to size, so a secret
 * that straddles the preview limit is still hidden whole.
 * Writing them (and deduplicating across writers) is `tool_call_log.ts`.
 *
 * @module
 */

import type { ToolCallStatus, ToolResultEvent, ToolUseEvent } from "../../provider_events.ts";

/** The schema version sase writes. */
export const TOOL_CALLS_SCHEMA_VERSION = 3;

const PREVIEW_LIMIT = 512;
const MAX_KEYS = 20;
const REDACTED = "[REDACTED]";
// A secret-looking name: one of these words anywhere in it (`AUTH` but not
// `author`, as in `git commit --author`, which is no secret).
const SECRET_WORD = String.raw`(?:TOKEN|KEY|SECRET|PASSWORD|PASS|AUTH(?!OR))`;
const SECRET_IDENT = String.raw`[A-Za-z0-9_]*${SECRET_WORD}[A-Za-z0-9_]*`;
/** `NAME=value` (shell assignments, `env` output). */
const ASSIGNMENT = new RegExp(
  String.raw`(^|[\s;])((?:export\s+)?)(${SECRET_IDENT})=(['"]?)([^\s;'"&|]+)\4`,
  "gi",
);
/** `name: value` and `"name": "value"` (YAML, JSON, HTTP headers). */
const KEY_VALUE = new RegExp(
  String.raw`(^|[\s{,])(["']?)(${
    SECRET_IDENT.replaceAll("_]", "_.-]")
  })\2(\s*:\s*)(["']?)([^\s"',}]+)\5`,
  "gi",
);
/** `--name value` and `--name=value` command-line flags. */
const FLAG = new RegExp(
  String.raw`(^|\s)(--?${SECRET_IDENT.replaceAll("_]", "_-]")})([= ])(['"]?)([^\s'"]+)\4`,
  "gi",
);
/** `Bearer <token>` / `Basic <credentials>` wherever they appear. */
const SCHEME = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g;

/** Which writer produced a row. */
export type ToolCallSource = "stream" | "hook";

/** One `tool_calls.jsonl` row. */
export interface ToolCallRecord {
  schema_version: number;
  recorded_at: string;
  runtime: string;
  source: ToolCallSource;
  /** The Claude hook that produced a `hook` row (`PreToolUse` / `PostToolUse`). */
  hook_event?: string;
  event: "ToolUse" | "ToolResult";
  status: ToolCallStatus;
  tool_name?: string;
  tool_use_id: string;
  tool_input_summary?: Record<string, unknown>;
  tool_response_summary?: Record<string, unknown>;
  duration_ms?: number;
  session_id?: string;
  cwd?: string;
  parent_tool_use_id?: string;
  transcript_path?: string;
  permission_mode?: string;
  /** The user interrupted the call (hook rows). */
  is_interrupt?: boolean;
}

/** Context shared by a run's rows. */
export interface ToolCallContext {
  runtime: string;
  sessionId?: string;
  cwd?: string;
  /** `SASE_TOOL_LOG_FULL=1`: keep raw input/output (debugging only). */
  full?: boolean;
  now?: Date;
}

/** Cap a string at the preview limit, noting how much was cut. */
export function preview(value: unknown, limit = PREVIEW_LIMIT): string {
  const text = (typeof value === "string" ? value : JSON.stringify(value) ?? String(value))
    .replace(/\r\n?/g, "\n");
  return text.length <= limit
    ? text
    : `${text.slice(0, limit)}...[truncated ${text.length - limit} chars]`;
}

/**
 * Hide the values of secret-looking names (`TOKEN`, `KEY`, `SECRET`,
 * `PASSWORD`, `PASS`, `AUTH` but not `AUTHOR` anywhere in the name) in commands and tool
 * output: `NAME=value`, `name: value` / `"name": "value"`,
 * `--name value` / `--name=value`, and any `Bearer`/`Basic` credential.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(SCHEME, (_match, scheme) => `${scheme} ${REDACTED}`)
    .replace(
      ASSIGNMENT,
      (_match, lead, exp, name, quote) => `${lead}${exp}${name}=${quote}${REDACTED}${quote}`,
    )
    .replace(
      KEY_VALUE,
      (match, lead, quote, name, colon, valueQuote, value) =>
        value === REDACTED
          ? match
          : `${lead}${quote}${name}${quote}${colon}${valueQuote}${REDACTED}${valueQuote}`,
    )
    .replace(
      FLAG,
      (_match, lead, flag, separator, quote) =>
        `${lead}${flag}${separator}${quote}${REDACTED}${quote}`,
    );
}

/** {@linkcode preview} of text that may hold secrets: redacted first, then cut. */
function safePreview(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  return preview(redactSecrets(text));
}

function bounded(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return preview(value);
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    return depth >= 2
      ? { type: "list", length: value.length }
      : value.slice(0, MAX_KEYS).map((item) => bounded(item, depth + 1));
  }
  const keys = Object.keys(value).sort().slice(0, MAX_KEYS);
  if (depth >= 2) return { type: "object", keys };
  return Object.fromEntries(
    keys.map((key) => [key, bounded((value as Record<string, unknown>)[key], depth + 1)]),
  );
}

/** A bounded, redacted summary of a tool's input. */
export function summarizeInput(
  name: string,
  input: unknown,
  full = false,
): Record<string, unknown> {
  if (full) return { raw: input };
  if (typeof input !== "object" || input === null || Array.isArray(input)) return {};
  const record = input as Record<string, unknown>;
  const pick = (...fields: string[]) =>
    Object.fromEntries(
      fields.filter((field) => field in record).map((field) => [field, bounded(record[field])]),
    );
  switch (name) {
    case "Bash":
    case "command_execution": {
      const summary = pick("description", "timeout", "run_in_background");
      if (typeof record.command === "string") summary.command = safePreview(record.command);
      return summary;
    }
    case "Read":
      return pick("file_path", "offset", "limit");
    case "Write":
      return {
        ...pick("file_path"),
        content_length: typeof record.content === "string" ? record.content.length : 0,
      };
    case "Edit":
      return {
        ...pick("file_path", "replace_all"),
        old_string_length: typeof record.old_string === "string" ? record.old_string.length : 0,
        new_string_length: typeof record.new_string === "string" ? record.new_string.length : 0,
      };
    case "Grep":
      return pick("pattern", "path", "glob", "output_mode");
    case "Glob":
      return pick("pattern", "path");
    default:
      return { input_keys: Object.keys(record).sort().slice(0, MAX_KEYS) };
  }
}

/** A bounded, redacted summary of a tool's output. */
export function summarizeOutput(output: unknown, full = false): Record<string, unknown> {
  if (full) return { raw: output };
  if (output === undefined || output === null) return {};
  if (typeof output === "string") return output ? { content_preview: safePreview(output) } : {};
  if (typeof output !== "object" || Array.isArray(output)) return { preview: safePreview(output) };
  const record = output as Record<string, unknown>;
  const summary: Record<string, unknown> = {};
  for (const key of ["success", "exit_code", "interrupted", "is_error"]) {
    if (key in record) summary[key] = bounded(record[key]);
  }
  for (const key of ["output", "stdout", "stderr", "content", "result", "error"]) {
    if (record[key] !== undefined && record[key] !== "") {
      summary[`${key}_preview`] = safePreview(record[key]);
    }
  }
  return summary;
}

function base(context: ToolCallContext) {
  return {
    schema_version: TOOL_CALLS_SCHEMA_VERSION,
    recorded_at: (context.now ?? new Date()).toISOString(),
    runtime: context.runtime,
    source: "stream" as const,
    ...(context.sessionId ? { session_id: context.sessionId } : {}),
    ...(context.cwd ? { cwd: context.cwd } : {}),
  };
}

/** The `ToolUse` row for a started call. */
export function toolUseRecord(event: ToolUseEvent, context: ToolCallContext): ToolCallRecord {
  return {
    ...base(context),
    event: "ToolUse",
    status: "pending",
    tool_name: preview(event.name),
    tool_use_id: preview(event.id),
    tool_input_summary: summarizeInput(event.name, event.input, context.full),
  };
}

/** The `ToolResult` row for a finished call. */
export function toolResultRecord(
  event: ToolResultEvent,
  context: ToolCallContext & { name?: string; durationMs?: number },
): ToolCallRecord {
  const name = event.name ?? context.name;
  const duration = event.durationMs ?? context.durationMs;
  return {
    ...base(context),
    event: "ToolResult",
    status: event.status,
    ...(name ? { tool_name: preview(name) } : {}),
    tool_use_id: preview(event.id),
    tool_response_summary: summarizeOutput(event.output, context.full),
    ...(duration !== undefined ? { duration_ms: Math.max(0, Math.round(duration)) } : {}),
  };
}

/** The Claude hook events the collector turns into rows. */
export const CLAUDE_HOOK_EVENTS: readonly string[] = ["PreToolUse", "PostToolUse"];

/** The fields sase reads from a Claude PreToolUse/PostToolUse hook payload. */
export interface ClaudeHookPayload {
  hook_event_name: string;
  session_id?: string;
  tool_name?: string;
  tool_use_id?: string;
  tool_input?: unknown;
  tool_response?: unknown;
  /** Error text some Claude versions attach to a failed call. */
  error?: unknown;
  duration_ms?: number;
  cwd?: string;
  transcript_path?: string;
  permission_mode?: string;
  parent_tool_use_id?: string;
}

function envelopeFlag(response: unknown, key: string): unknown {
  return typeof response === "object" && response !== null && !Array.isArray(response)
    ? (response as Record<string, unknown>)[key]
    : undefined;
}

function hookStatus(payload: ClaudeHookPayload): Exclude<ToolCallStatus, "pending"> {
  const response = payload.tool_response;
  if (envelopeFlag(response, "interrupted") === true) return "interrupted";
  const failed = (typeof payload.error === "string" && payload.error !== "") ||
    envelopeFlag(response, "is_error") === true ||
    envelopeFlag(response, "success") === false;
  return failed ? "failure" : "success";
}

/**
 * The row for one Claude hook payload, or `undefined` when it is not a
 * PreToolUse/PostToolUse call with a tool-use id (the id is what ties a hook
 * row to the stream's row for the same call).
 */
export function claudeHookRecord(
  payload: ClaudeHookPayload,
  options: { full?: boolean; now?: Date } = {},
): ToolCallRecord | undefined {
  if (!CLAUDE_HOOK_EVENTS.includes(payload.hook_event_name) || !payload.tool_use_id) {
    return undefined;
  }
  const name = payload.tool_name ?? "";
  const optional = (key: string, value: string | undefined) =>
    value ? { [key]: preview(value) } : {};
  const record: ToolCallRecord = {
    schema_version: TOOL_CALLS_SCHEMA_VERSION,
    recorded_at: (options.now ?? new Date()).toISOString(),
    runtime: "claude",
    source: "hook",
    hook_event: payload.hook_event_name,
    event: payload.hook_event_name === "PreToolUse" ? "ToolUse" : "ToolResult",
    status: payload.hook_event_name === "PreToolUse" ? "pending" : hookStatus(payload),
    ...optional("tool_name", payload.tool_name),
    tool_use_id: preview(payload.tool_use_id),
    ...optional("session_id", payload.session_id),
    ...optional("cwd", payload.cwd),
    ...optional("parent_tool_use_id", payload.parent_tool_use_id),
    ...optional("transcript_path", payload.transcript_path),
    ...optional("permission_mode", payload.permission_mode),
    tool_input_summary: summarizeInput(name, payload.tool_input, options.full),
  };
  if (record.event === "ToolUse") return record;
  const summary = summarizeOutput(payload.tool_response, options.full);
  if (typeof payload.error === "string" && payload.error !== "" && !options.full) {
    summary.error_preview = safePreview(payload.error);
  }
  record.tool_response_summary = summary;
  if (payload.duration_ms !== undefined) {
    record.duration_ms = Math.max(0, Math.round(payload.duration_ms));
  }
  if (record.status === "interrupted") record.is_interrupt = true;
  return record;
}
