/**
 * Parser for `opencode run --format json`: every event carries `sessionID`;
 * `text` events carry assistant text in `part.text`, `tool_use` events a tool
 * part with its state, `step_finish` token counters (accumulated into one
 * usage total) and `error` the failure. OpenCode has no closing event, so
 * the exit code decides success.
 *
 * @module
 */

import {
  type AgentEvent,
  asRecord,
  asString,
  emptyUsage,
  jsonLinesParser,
  type StreamParser,
  tokenCount,
} from "../../../core/provider_events.ts";

function errorMessage(event: Record<string, unknown>): string {
  const error = asRecord(event.error);
  return asString(asRecord(error?.data)?.message) ?? asString(error?.message) ??
    asString(error?.name) ?? asString(event.message) ?? "opencode reported an error";
}

/** A parser for one OpenCode JSON event stream. */
export function createOpenCodeStreamParser(): StreamParser {
  let sessionSent = false;
  const usage = emptyUsage();
  const used = new Set<string>();

  function tool(event: Record<string, unknown>, out: AgentEvent[], line: string): void {
    const part = asRecord(event.part);
    const id = asString(part?.callID) ?? asString(part?.id);
    const name = asString(part?.tool);
    const state = asRecord(part?.state);
    if (!id || !name) {
      out.push({ type: "diagnostic", message: "tool_use without callID or tool", line });
      return;
    }
    if (!used.has(id)) {
      used.add(id);
      out.push({ type: "tool_use", id, name, input: state?.input ?? {} });
    }
    const status = asString(state?.status);
    if (status === "completed" || status === "error") {
      const time = asRecord(state?.time);
      const duration = typeof time?.end === "number" && typeof time?.start === "number"
        ? time.end - time.start
        : undefined;
      out.push({
        type: "tool_result",
        id,
        name,
        status: status === "error" ? "failure" : "success",
        output: state?.output ?? state?.error,
        durationMs: duration,
      });
    }
  }

  return jsonLinesParser(false, (event, out, line) => {
    const session = asString(event.sessionID);
    if (session && !sessionSent) {
      sessionSent = true;
      out.push({ type: "session", sessionId: session });
    }
    switch (event.type) {
      case "text": {
        const text = asString(asRecord(event.part)?.text) ?? asString(event.text);
        if (text) out.push({ type: "text", text, delta: false });
        break;
      }
      case "tool_use":
        tool(event, out, line);
        break;
      case "step_finish": {
        const tokens = asRecord(asRecord(event.part)?.tokens);
        if (!tokens) break;
        const cache = asRecord(tokens.cache);
        usage.input_tokens += tokenCount(tokens.input);
        usage.output_tokens += tokenCount(tokens.output);
        usage.cache_read_input_tokens += tokenCount(cache?.read);
        usage.cache_creation_input_tokens += tokenCount(cache?.write);
        out.push({ type: "usage", usage: { ...usage } });
        break;
      }
      case "error":
        out.push({ type: "error", message: errorMessage(event), fatal: true });
        break;
    }
  });
}
