/**
 * Parser for `codex exec --json` (Codex CLI 0.130-era `exec_events`):
 * `thread.started` carries the session (thread) id, `item.*` events carry
 * agent messages, reasoning and tool items, `turn.completed` / `turn.failed`
 * close the turn, `error` reports stream errors. Handbook 21.20: Codex usage
 * is not persisted, so no usage events are produced.
 *
 * A completed `reasoning` item is held back until the next action (a reply
 * or a tool call) so its thinking event can name what the reasoning led to;
 * it is released without one when another reasoning item or the end of the
 * turn comes first.
 *
 * @module
 */

import {
  type AgentEvent,
  asRecord,
  asString,
  jsonLinesParser,
  type StreamParser,
  type ToolResultEvent,
} from "../../../core/provider_events.ts";

const TOOL_ITEMS = new Set([
  "command_execution",
  "file_change",
  "mcp_tool_call",
  "web_search",
  "function_call",
  "collab_tool_call",
]);

function toolName(item: Record<string, unknown>): string {
  if (item.type === "mcp_tool_call") {
    return `mcp:${asString(item.server) ?? "?"}/${asString(item.tool) ?? "?"}`;
  }
  if (item.type === "function_call") return asString(item.name) ?? "function_call";
  return String(item.type);
}

function toolInput(item: Record<string, unknown>): unknown {
  switch (item.type) {
    case "command_execution":
      return { command: item.command };
    case "file_change":
      return { changes: item.changes };
    case "mcp_tool_call":
      return item.arguments ?? {};
    case "web_search":
      return { query: item.query };
    case "function_call":
      return item.arguments ?? {};
    default:
      return {};
  }
}

function toolStatus(item: Record<string, unknown>): ToolResultEvent["status"] {
  const status = asString(item.status);
  if (status === "declined") return "interrupted";
  if (status === "failed" || item.error) return "failure";
  if (typeof item.exit_code === "number" && item.exit_code !== 0) return "failure";
  return "success";
}

function toolOutput(item: Record<string, unknown>): unknown {
  if (item.type === "command_execution") {
    return { exit_code: item.exit_code, output: item.aggregated_output };
  }
  if (item.type === "mcp_tool_call") return item.error ?? item.result;
  return undefined;
}

/** The text of a reasoning item: `text` (0.130) or `summary_text` parts (older builds). */
function reasoningText(item: Record<string, unknown>): string | undefined {
  const text = asString(item.text);
  if (text) return text;
  if (!Array.isArray(item.summary)) return undefined;
  const parts = item.summary
    .map((part) => typeof part === "string" ? part : asString(asRecord(part)?.text) ?? "")
    .filter((part) => part !== "");
  return parts.length > 0 ? parts.join("\n") : undefined;
}

/** The program a command runs, looking through Codex's `bash -lc '<script>'` wrapper. */
function commandProgram(value: unknown): string | undefined {
  const text = Array.isArray(value) ? value.map(String).join(" ") : asString(value);
  const script = text?.trim().replace(/^(?:\S*\/)?(?:ba|z)?sh\s+-l?c\s+/, "")
    .replace(/^['"]/, "");
  return script?.split(/\s+/)[0] || undefined;
}

/** A short label for the action a reasoning item led to. */
function describeAction(item: Record<string, unknown>): string {
  switch (item.type) {
    case "agent_message":
      return (asString(item.text) ?? "").trim().slice(0, 80);
    case "command_execution": {
      const word = commandProgram(item.command);
      return word ? `Bash \`${word}\`` : "Bash";
    }
    case "file_change": {
      const changes = Array.isArray(item.changes) ? item.changes : [];
      const path = asString(asRecord(changes[0])?.path);
      const more = changes.length > 1 ? ` (+${changes.length - 1} more)` : "";
      return path ? `Edit ${path.split("/").pop()}${more}` : "Edit";
    }
    default:
      return toolName(item);
  }
}

/** A parser for one `codex exec --json` stream. */
export function createCodexStreamParser(): StreamParser {
  const started = new Set<string>();
  let pendingThinking: string | undefined;

  function releaseThinking(out: AgentEvent[], followingAction?: string): void {
    if (pendingThinking === undefined) return;
    out.push({
      type: "thinking",
      text: pendingThinking,
      ...(followingAction ? { followingAction } : {}),
    });
    pendingThinking = undefined;
  }

  function item(kind: string, raw: unknown, out: AgentEvent[], line: string): void {
    const item = asRecord(raw);
    const id = asString(item?.id);
    if (!item || !id) {
      out.push({ type: "diagnostic", message: `${kind} without an item id`, line });
      return;
    }
    if (item.type === "reasoning") {
      const text = kind === "item.completed" ? reasoningText(item) : undefined;
      if (text) {
        releaseThinking(out);
        pendingThinking = text;
      }
      return;
    }
    if (item.type === "agent_message") {
      const text = asString(item.text);
      if (kind === "item.completed" && text) {
        releaseThinking(out, describeAction(item));
        out.push({ type: "text", text, delta: false });
      }
      return;
    }
    if (item.type === "error") {
      const message = asString(item.message);
      if (message) out.push({ type: "error", message, fatal: false });
      return;
    }
    if (!TOOL_ITEMS.has(String(item.type))) return;
    if (!started.has(id)) {
      started.add(id);
      releaseThinking(out, describeAction(item));
      out.push({ type: "tool_use", id, name: toolName(item), input: toolInput(item) });
    }
    const finished = kind === "item.completed" || item.type === "function_call";
    if (finished) {
      out.push({
        type: "tool_result",
        id,
        name: toolName(item),
        status: toolStatus(item),
        output: toolOutput(item),
      });
    }
  }

  const parser = jsonLinesParser(true, (event, out, line) => {
    switch (event.type) {
      case "thread.started": {
        const id = asString(event.thread_id);
        if (id) out.push({ type: "session", sessionId: id });
        break;
      }
      case "item.started":
      case "item.updated":
      case "item.completed":
        item(event.type, event.item, out, line);
        break;
      case "turn.completed":
        releaseThinking(out);
        out.push({ type: "result", ok: true });
        break;
      case "turn.failed":
        releaseThinking(out);
        out.push({
          type: "result",
          ok: false,
          error: asString(asRecord(event.error)?.message) ?? "codex turn failed",
        });
        break;
      case "error": {
        const message = asString(event.message);
        if (message) out.push({ type: "error", message, fatal: false });
        break;
      }
    }
  });
  return {
    ...parser,
    end() {
      const out: AgentEvent[] = [];
      releaseThinking(out);
      return out;
    },
  };
}
