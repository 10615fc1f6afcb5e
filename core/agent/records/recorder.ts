/**
 * Turns one attempt's normalised events into artifacts as they arrive:
 * `live_reply.md` (+ a `{byte_offset, timestamp}` line per chunk in
 * `live_reply_timestamps.jsonl`), `tool_calls.jsonl` rows (shared with
 * Claude's tool hooks, see `tool_call_log.ts`), `<runtime>_thinking.jsonl`
 * for providers that expose reasoning, `usage.json`, and the session id
 * (handed to `onSession` the moment it appears). It also
 * collects what the outcome needs: the reply, the closing result, errors.
 *
 * @module
 */

import { join } from "../../fs/path.ts";
import { atomicWriteJson } from "../../fs/atomic_write.ts";
import { appendJsonl } from "../../fs/jsonl.ts";
import type { AgentEvent, ResultEvent, Usage } from "../../provider_events.ts";
import { ARTIFACT_FILES, PRIVATE_FILE_MODE } from "./artifacts.ts";
import { preview, type ToolCallRecord, toolResultRecord, toolUseRecord } from "./tool_calls.ts";
import { appendToolCallRecord } from "./tool_call_log.ts";

/** The reasoning artifact of `runtime` (`codex_thinking.jsonl` for Codex). */
export function thinkingFileName(runtime: string): string {
  return `${runtime}_thinking.jsonl`;
}

/** Options of a recorder. */
export interface RecorderOptions {
  dir: string;
  /** Provider name written as the tool-call `runtime`. */
  runtime: string;
  cwd: string;
  /** Keep raw tool input/output (`SASE_TOOL_LOG_FULL=1`). */
  fullToolLog?: boolean;
  /** Receives exactly the text appended to `live_reply.md` (separators included). */
  echo?: (text: string) => void;
  onSession?: (sessionId: string) => Promise<void>;
}

/** Records one attempt. */
export class RunRecorder {
  #options: RecorderOptions;
  #reply = "";
  #bytes = 0;
  /** Whether `live_reply.md` already held an earlier attempt's text (checked on first write). */
  #continues: boolean | undefined;
  #sessionId: string | undefined;
  #usage: Usage | undefined;
  #result: ResultEvent | undefined;
  #errors: { message: string; fatal: boolean }[] = [];
  #written = new Set<string>();
  #tools = new Map<string, { name: string; startedAt: number }>();
  #encoder = new TextEncoder();

  constructor(options: RecorderOptions) {
    this.#options = options;
  }

  /**
   * This attempt's reply text so far (`live_reply.md` holds exactly this,
   * after any earlier invocation's text and a blank line).
   */
  get reply(): string {
    return this.#reply;
  }
  get sessionId(): string | undefined {
    return this.#sessionId;
  }
  get usage(): Usage | undefined {
    return this.#usage;
  }
  get result(): ResultEvent | undefined {
    return this.#result;
  }
  get errors(): readonly { message: string; fatal: boolean }[] {
    return this.#errors;
  }

  #path(name: string): string {
    return join(this.#options.dir, name);
  }

  /**
   * A later invocation in the same run (a commit finalizer follow-up, a
   * resumed turn) continues the file: offsets count from its end and the
   * new text starts after a blank line.
   */
  async #continuation(): Promise<string> {
    if (this.#continues !== undefined) return "";
    const size = await Deno.stat(this.#path(ARTIFACT_FILES.liveReply)).then(
      (info) => info.size,
      () => 0,
    );
    this.#continues = size > 0;
    this.#bytes = size;
    return this.#continues ? "\n\n" : "";
  }

  async #appendReply(text: string): Promise<void> {
    const written = (await this.#continuation()) + text;
    await appendJsonl(this.#path(ARTIFACT_FILES.replyTimestamps), [{
      byte_offset: this.#bytes,
      timestamp: new Date().toISOString(),
    }]);
    const bytes = this.#encoder.encode(written);
    await Deno.writeFile(this.#path(ARTIFACT_FILES.liveReply), bytes, {
      append: true,
      mode: PRIVATE_FILE_MODE,
    });
    this.#bytes += bytes.length;
    this.#reply += text;
    this.#options.echo?.(written);
  }

  async #toolRow(key: string, row: ToolCallRecord): Promise<void> {
    // Streams can announce a call twice (partial and full messages, item
    // updates); the set skips those without touching the file, which the
    // shared writer then deduplicates against Claude's hook rows.
    if (this.#written.has(key)) return;
    this.#written.add(key);
    await appendToolCallRecord(this.#path(ARTIFACT_FILES.toolCalls), row);
  }

  #context() {
    return {
      runtime: this.#options.runtime,
      sessionId: this.#sessionId,
      cwd: this.#options.cwd,
      full: this.#options.fullToolLog,
    };
  }

  /** Record one event. */
  async handle(event: AgentEvent): Promise<void> {
    switch (event.type) {
      case "session":
        if (this.#sessionId === event.sessionId) return;
        this.#sessionId = event.sessionId;
        await this.#options.onSession?.(event.sessionId);
        return;
      case "text": {
        const separator = !event.delta && this.#reply !== "" ? "\n\n" : "";
        await this.#appendReply(separator + event.text);
        return;
      }
      case "tool_use":
        if (!this.#tools.has(event.id)) {
          this.#tools.set(event.id, { name: event.name, startedAt: performance.now() });
        }
        await this.#toolRow(`use:${event.id}`, toolUseRecord(event, this.#context()));
        return;
      case "tool_result": {
        const started = this.#tools.get(event.id);
        await this.#toolRow(
          `result:${event.id}`,
          toolResultRecord(event, {
            ...this.#context(),
            name: started?.name,
            durationMs: started ? performance.now() - started.startedAt : undefined,
          }),
        );
        return;
      }
      case "thinking":
        // Model output: private to the user, like every artifact holding it.
        await appendJsonl(this.#path(thinkingFileName(this.#options.runtime)), [{
          text: event.text,
          timestamp: new Date().toISOString(),
          ...(event.followingAction ? { following_action: event.followingAction } : {}),
        }], { mode: PRIVATE_FILE_MODE });
        return;
      case "usage":
        this.#usage = event.usage;
        await atomicWriteJson(this.#path(ARTIFACT_FILES.usage), event.usage);
        return;
      case "result":
        this.#result = event;
        if (this.#reply === "" && event.ok && event.text) {
          // Providers that only repeat the answer in their result still get a reply.
          await this.#appendReply(event.text);
        }
        return;
      case "error":
        this.#errors.push({ message: event.message, fatal: event.fatal });
        return;
      case "diagnostic":
        await appendJsonl(this.#path("stream_diagnostics.jsonl"), [{
          recorded_at: new Date().toISOString(),
          runtime: this.#options.runtime,
          message: event.message,
          line: preview(event.line),
        }], { mode: PRIVATE_FILE_MODE });
        return;
    }
  }
}
