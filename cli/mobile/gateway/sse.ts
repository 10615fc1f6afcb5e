/**
 * `GET /api/v1/events`: the event stream over server-sent events.
 *
 * A client first gets what it missed (replay after `Last-Event-ID`, or a
 * `resync_required` event when that is no longer possible), then live
 * events. A comment line every keep-alive interval keeps proxies (Tailscale
 * Serve, reverse proxies) from closing an idle stream. Every open stream
 * is tracked so shutdown can end them all.
 *
 * @module
 */

import type { EventBus } from "../../../core/gateway/events.ts";
import type { EventRecordWire } from "../../../core/gateway/wire.ts";

/** The default interval between keep-alive comments. */
export const KEEPALIVE_MS = 15_000;

const encoder = new TextEncoder();

function frame(event: EventRecordWire): Uint8Array {
  const kind = Object.keys(event.payload)[0];
  return encoder.encode(`id: ${event.id}\nevent: ${kind}\ndata: ${JSON.stringify(event)}\n\n`);
}

/** The open streams of one gateway. */
export class EventStreams {
  #closers = new Set<() => void>();
  #keepAliveMs: number;

  constructor(keepAliveMs: number = KEEPALIVE_MS) {
    this.#keepAliveMs = keepAliveMs;
  }

  /** How many streams are open. */
  get size(): number {
    return this.#closers.size;
  }

  /** A streaming response for a client that last saw `lastEventId`. */
  open(bus: EventBus, lastEventId: string | null): Response {
    let close = () => {};
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        let open = true;
        const send = (bytes: Uint8Array) => {
          if (!open) return;
          try {
            controller.enqueue(bytes);
          } catch {
            close();
          }
        };
        send(encoder.encode(`retry: 3000\n: connected\n\n`));
        const replay = bus.replaySince(lastEventId);
        if (replay.kind === "resync") send(frame(replay.event));
        else for (const event of replay.events) send(frame(event));
        const unsubscribe = bus.subscribe((event) => send(frame(event)));
        const timer = setInterval(
          () => send(encoder.encode(`: keep-alive\n\n`)),
          this.#keepAliveMs,
        );
        close = () => {
          if (!open) return;
          open = false;
          unsubscribe();
          clearInterval(timer);
          this.#closers.delete(close);
          try {
            controller.close();
          } catch {
            // The client went away first.
          }
        };
        this.#closers.add(close);
      },
      cancel: () => close(),
    });
    return new Response(body, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-store",
        "x-accel-buffering": "no",
        connection: "keep-alive",
      },
    });
  }

  /** End every open stream (shutdown). */
  closeAll(): void {
    for (const close of [...this.#closers]) close();
  }
}
