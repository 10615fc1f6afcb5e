/**
 * Parser for Claude Code's `--output-format stream-json` (also spoken by
 * Qwen Code and by fakey): a `system/init` event carrying the session id,
 * `assistant` messages with text and `tool_use` blocks, `user` messages with
 * `tool_result` blocks, optional `stream_event` text deltas, and a closing
 * `result` event with usage.
 *
 * @module
 */

import {
  type AgentEvent,
  asRecord,
  asString,
  jsonLinesParser,
  type StreamParser,
  tokenCount,
} from "../../../core/provider_events.ts";

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((block) => typeof block === "string" ? block : asString(asRecord(block)?.text) ?? "")
    .filter((text) => text !== "")
    .join("\n");
}

function resultError(event: Record<string, unknown>): string {
  const result = asString(event.result);
  if (result) return result;
  const errors = Array.isArray(event.errors) ? event.errors.map(String).join("; ") : "";
  return errors || `provider reported ${asString(event.subtype) ?? "an error"}`;
}

/** A parser for one Claude-format stream. */
export function createClaudeStreamParser(): StreamParser {
  let sessionSent = false;
  // With partial messages the text arrives twice: as deltas and again in the
  // full assistant message. Deltas win; the repeat is dropped.
  let sawDeltas = false;
  // A new text content block (the next turn, or text after a tool call)
  // starts as a block of its own, as it would without partial messages.
  let blockStart = false;

  function session(event: Record<string, unknown>, out: AgentEvent[]): void {
    const id = asString(event.session_id);
    if (id && !sessionSent) {
      sessionSent = true;
      out.push({ type: "session", sessionId: id });
    }
  }

  function assistant(event: Record<string, unknown>, out: AgentEvent[]): void {
    const content = asRecord(event.message)?.content;
    const skipText = sawDeltas;
    sawDeltas = false;
    if (!Array.isArray(content)) return;
    for (const raw of content) {
      const block = asRecord(raw);
      if (!block) continue;
      if (block.type === "text" && !skipText) {
        const text = asString(block.text);
        if (text) out.push({ type: "text", text, delta: false });
      } else if (block.type === "tool_use") {
        const id = asString(block.id);
        const name = asString(block.name);
        if (id && name) out.push({ type: "tool_use", id, name, input: block.input ?? {} });
        else {
          out.push({
            type: "diagnostic",
            message: "tool_use block without id or name",
            line: JSON.stringify(block),
          });
        }
      }
    }
  }

  function user(event: Record<string, unknown>, out: AgentEvent[]): void {
    const content = asRecord(event.message)?.content;
    if (!Array.isArray(content)) return;
    const envelope = asRecord(event.tool_use_result);
    for (const raw of content) {
      const block = asRecord(raw);
      if (block?.type !== "tool_result") continue;
      const id = asString(block.tool_use_id);
      if (!id) continue;
      const interrupted = envelope?.interrupted === true;
      const failed = block.is_error === true || envelope?.success === false;
      out.push({
        type: "tool_result",
        id,
        status: interrupted ? "interrupted" : failed ? "failure" : "success",
        output: envelope ?? textOf(block.content),
      });
    }
  }

  function result(event: Record<string, unknown>, out: AgentEvent[]): void {
    const usage = asRecord(event.usage);
    if (usage) {
      out.push({
        type: "usage",
        usage: {
          input_tokens: tokenCount(usage.input_tokens),
          output_tokens: tokenCount(usage.output_tokens),
          cache_creation_input_tokens: tokenCount(usage.cache_creation_input_tokens),
          cache_read_input_tokens: tokenCount(usage.cache_read_input_tokens),
        },
      });
    }
    const ok = event.is_error !== true && (event.subtype ?? "success") === "success";
    out.push(
      ok
        ? { type: "result", ok: true, text: asString(event.result) }
        : { type: "result", ok: false, error: resultError(event) },
    );
  }

  return jsonLinesParser(true, (event, out) => {
    session(event, out);
    switch (event.type) {
      case "assistant":
        assistant(event, out);
        break;
      case "user":
        user(event, out);
        break;
      case "stream_event": {
        const inner = asRecord(event.event);
        if (inner?.type === "content_block_start") {
          blockStart = asRecord(inner.content_block)?.type === "text";
          break;
        }
        const delta = asRecord(inner?.delta);
        const text = delta?.type === "text_delta" ? asString(delta.text) : undefined;
        if (text) {
          sawDeltas = true;
          out.push({ type: "text", text, delta: !blockStart });
          blockStart = false;
        }
        break;
      }
      case "result":
        result(event, out);
        break;
    }
  });
}
