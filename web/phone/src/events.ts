/**
 * The live event stream (`GET /api/v1/events`) read with `fetch`, because
 * `EventSource` cannot send the `Authorization` header and the token must
 * never travel in a URL. The stream body is parsed as server-sent events;
 * the last event id is kept and sent back as `Last-Event-ID` on every
 * reconnect, so the gateway replays what was missed or says
 * `resync_required` when it cannot.
 *
 * @module
 */

import { authHeaders } from "./api.ts";

/** One event of the stream. */
export interface FeedEvent {
  id: string;
  /** The payload's single key: `notifications_changed`, `agents_changed`, `resync_required`, ... */
  kind: string;
  payload: Record<string, unknown>;
}

/** Where the stream stands. */
export type FeedState = "connecting" | "live" | "offline" | "unauthorized";

/** What the feed tells the app. */
export interface FeedHandlers {
  event(event: FeedEvent): void;
  state(state: FeedState): void;
}

/** The first and the longest wait before reconnecting. */
const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 30_000;

/**
 * Split a buffer into complete SSE frames; the rest stays for the next
 * chunk. A `\r` at the very end is held back: it may be the first half of
 * a `\r\n` the next chunk completes.
 */
export function takeFrames(buffer: string): { frames: string[]; rest: string } {
  const held = buffer.endsWith("\r") ? "\r" : "";
  const normalized = buffer.slice(0, buffer.length - held.length).replace(/\r\n?/g, "\n");
  const parts = normalized.split("\n\n");
  return { frames: parts.slice(0, -1), rest: parts[parts.length - 1] + held };
}

/** The fields of one frame (`data` lines joined with newlines); comments dropped. */
export function parseFrame(frame: string): { id?: string; event?: string; data?: string } {
  const fields: { id?: string; event?: string; data?: string } = {};
  for (const line of frame.split("\n")) {
    if (line === "" || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const name = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (name === "data") {
      fields.data = fields.data === undefined ? value : `${fields.data}\n${value}`;
    } else if (name === "id" || name === "event") fields[name] = value;
  }
  return fields;
}

/** The event stream of one paired session; reconnects until stopped. */
export class EventFeed {
  #handlers: FeedHandlers;
  #lastEventId: string | null = null;
  #abort: AbortController | null = null;
  #running = false;
  #wake: (() => void) | null = null;

  constructor(handlers: FeedHandlers) {
    this.#handlers = handlers;
  }

  /** Start reading (and reconnecting) in the background. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop();
  }

  /** Stop for good (logout). */
  stop(): void {
    this.#running = false;
    this.#abort?.abort();
    this.#wake?.();
  }

  /** Reconnect now instead of after the back-off (the browser came back online). */
  retryNow(): void {
    this.#wake?.();
  }

  async #loop(): Promise<void> {
    let delay = RETRY_MIN_MS;
    while (this.#running) {
      this.#handlers.state("connecting");
      try {
        const done = await this.#read(() => {
          delay = RETRY_MIN_MS;
        });
        if (done === "unauthorized") {
          this.#running = false;
          this.#handlers.state("unauthorized");
          return;
        }
      } catch {
        // A dropped connection or an unreachable gateway: retry below.
      }
      if (!this.#running) return;
      this.#handlers.state("offline");
      await new Promise<void>((resume) => {
        const timer = setTimeout(resume, delay);
        this.#wake = () => {
          clearTimeout(timer);
          resume();
        };
      });
      this.#wake = null;
      delay = Math.min(delay * 2, RETRY_MAX_MS);
    }
  }

  /** One connection: read frames until the stream ends. */
  async #read(connected: () => void): Promise<"ended" | "unauthorized"> {
    this.#abort = new AbortController();
    const headers: Record<string, string> = { ...authHeaders(), accept: "text/event-stream" };
    if (this.#lastEventId) headers["last-event-id"] = this.#lastEventId;
    const response = await fetch("/api/v1/events", {
      headers,
      cache: "no-store",
      signal: this.#abort.signal,
    });
    if (response.status === 401) return "unauthorized";
    if (!response.ok || !response.body) throw new Error(`event stream: HTTP ${response.status}`);
    connected();
    this.#handlers.state("live");
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    while (true) {
      const { value, done } = await reader.read();
      if (done) return "ended";
      const { frames, rest } = takeFrames(buffer + value);
      buffer = rest;
      for (const frame of frames) this.#dispatch(parseFrame(frame));
    }
  }

  #dispatch(fields: { id?: string; event?: string; data?: string }): void {
    if (fields.id) this.#lastEventId = fields.id;
    if (fields.data === undefined) return;
    let record: { id?: unknown; payload?: unknown };
    try {
      record = JSON.parse(fields.data);
    } catch {
      return;
    }
    const payload = record.payload as Record<string, unknown> | undefined;
    if (!payload || typeof payload !== "object") return;
    const kind = fields.event ?? Object.keys(payload)[0];
    this.#handlers.event({ id: fields.id ?? String(record.id ?? ""), kind, payload });
  }
}
