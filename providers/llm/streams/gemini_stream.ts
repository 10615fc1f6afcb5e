/**
 * Parser for the Gemini CLI's `--output-format stream-json`: `init` (session
 * id), `message` (assistant text, possibly deltas), `tool_use` /
 * `tool_result`, `error` (warning or error severity) and a closing `result`
 * with status and token stats.
 *
 * @module
 */

import {
  asRecord,
  asString,
  jsonLinesParser,
  type StreamParser,
  tokenCount,
} from "../../../core/provider_events.ts";

/**
 * A parser for one Gemini stream-json stream. Assistant deltas continue the
 * current turn; the first message after a tool call starts a new turn, so
 * it is a block of its own (separated from the previous turn's text).
 */
export function createGeminiStreamParser(): StreamParser {
  let turnStart = false;
  return jsonLinesParser(true, (event, out, line) => {
    switch (event.type) {
      case "init": {
        const id = asString(event.session_id);
        if (id) out.push({ type: "session", sessionId: id });
        break;
      }
      case "message": {
        const text = asString(event.content);
        if (event.role === "assistant" && text) {
          out.push({ type: "text", text, delta: event.delta === true && !turnStart });
          turnStart = false;
        }
        break;
      }
      case "tool_use": {
        const id = asString(event.tool_id);
        const name = asString(event.tool_name);
        turnStart = true;
        if (id && name) {
          out.push({ type: "tool_use", id, name, input: event.parameters ?? {} });
        } else {
          out.push({ type: "diagnostic", message: "tool_use without tool_id/tool_name", line });
        }
        break;
      }
      case "tool_result": {
        const id = asString(event.tool_id);
        if (!id) {
          out.push({ type: "diagnostic", message: "tool_result without tool_id", line });
          break;
        }
        out.push({
          type: "tool_result",
          id,
          status: event.status === "error" ? "failure" : "success",
          output: event.output ?? asRecord(event.error)?.message,
        });
        break;
      }
      case "error": {
        const message = asString(event.message) ?? "gemini reported an error";
        out.push({ type: "error", message, fatal: event.severity === "error" });
        break;
      }
      case "result": {
        const stats = asRecord(event.stats);
        if (stats) {
          out.push({
            type: "usage",
            usage: {
              input_tokens: tokenCount(stats.input_tokens),
              output_tokens: tokenCount(stats.output_tokens),
              cache_creation_input_tokens: 0,
              cache_read_input_tokens: tokenCount(stats.cached),
            },
          });
        }
        const error = asRecord(event.error);
        out.push(
          event.status === "success" ? { type: "result", ok: true } : {
            type: "result",
            ok: false,
            error: asString(error?.message) ?? asString(event.error) ?? "gemini run failed",
          },
        );
        break;
      }
    }
  });
}
