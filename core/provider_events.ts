/**
 * The one event model every provider stream is normalised into. A parser
 * turns its CLI's output lines into these events; the run service turns the
 * events into artifacts (`live_reply.md`, `tool_calls.jsonl`, `usage.json`,
 * the session id in `agent_meta.json`) and the terminal outcome.
 *
 * @module
 */

/** Token counters as persisted in `usage.json` (handbook 21.20.1). */
export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

/** Status of a tool call as recorded in `tool_calls.jsonl`. */
export type ToolCallStatus = "pending" | "success" | "failure" | "interrupted";

/** The provider announced its session id (the resume key). */
export interface SessionEvent {
  type: "session";
  sessionId: string;
}

/**
 * Assistant text. A chunk (`delta: false`) starts a new block (a whole block,
 * or the first piece of one that deltas continue) and is separated from
 * earlier text by a blank line; a delta continues the previous text.
 */
export interface TextEvent {
  type: "text";
  text: string;
  delta: boolean;
}

/** The agent started a tool call. */
export interface ToolUseEvent {
  type: "tool_use";
  id: string;
  name: string;
  input: unknown;
}

/** A tool call finished. */
export interface ToolResultEvent {
  type: "tool_result";
  id: string;
  name?: string;
  status: Exclude<ToolCallStatus, "pending">;
  output?: unknown;
  durationMs?: number;
}

/**
 * Reasoning the model exposed (Codex reasoning summaries), with a short
 * description of the action it led to when one followed.
 */
export interface ThinkingEvent {
  type: "thinking";
  text: string;
  followingAction?: string;
}

/** Cumulative token usage so far (replaces earlier usage events). */
export interface UsageEvent {
  type: "usage";
  usage: Usage;
}

/** The closing event of a run: success or a reported error. */
export interface ResultEvent {
  type: "result";
  ok: boolean;
  /** The final reply text when the provider repeats it. */
  text?: string;
  /** Error text when `ok` is false. */
  error?: string;
}

/** An error the provider reported in its stream (`fatal` ends the run). */
export interface ErrorEvent {
  type: "error";
  message: string;
  fatal: boolean;
}

/** A line the parser could not use (malformed JSON, unknown shape). */
export interface DiagnosticEvent {
  type: "diagnostic";
  message: string;
  line: string;
}

/** Any normalised stream event. */
export type AgentEvent =
  | SessionEvent
  | TextEvent
  | ToolUseEvent
  | ToolResultEvent
  | ThinkingEvent
  | UsageEvent
  | ResultEvent
  | ErrorEvent
  | DiagnosticEvent;

/** A stateful line parser for one provider stream. */
export interface StreamParser {
  /** True when a healthy stream always ends with a `result` event. */
  readonly expectsResult: boolean;
  /** Parse one output line (without its newline). */
  push(line: string): AgentEvent[];
  /** The stream ended: flush anything buffered. */
  end(): AgentEvent[];
}

/** A zeroed usage record. */
export function emptyUsage(): Usage {
  return {
    input_tokens: 0,
    output_tokens: 0,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
  };
}

/** A non-negative integer from a JSON value, or 0. */
export function tokenCount(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

/** Parse one JSON line into an object, or a diagnostic when it is not one. */
export function parseJsonLine(
  line: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; event: DiagnosticEvent } {
  try {
    const value = JSON.parse(line);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      return { ok: true, value };
    }
    return { ok: false, event: { type: "diagnostic", message: "not a JSON object", line } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      event: { type: "diagnostic", message: `malformed JSON: ${message}`, line },
    };
  }
}

/**
 * A stream parser for JSON-lines output: blank lines are skipped, a line that
 * is not a JSON object becomes a diagnostic, and every object is handed to
 * `onEvent`, which appends the normalised events it implies to `out`.
 */
export function jsonLinesParser(
  expectsResult: boolean,
  onEvent: (event: Record<string, unknown>, out: AgentEvent[], line: string) => void,
): StreamParser {
  return {
    expectsResult,
    push(line) {
      if (line.trim() === "") return [];
      const parsed = parseJsonLine(line);
      if (!parsed.ok) return [parsed.event];
      const out: AgentEvent[] = [];
      onEvent(parsed.value, out, line);
      return out;
    },
    end: () => [],
  };
}

/** Narrow a JSON value to a plain object. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? value as Record<string, unknown>
    : undefined;
}

/** Narrow a JSON value to a non-empty string. */
export function asString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
