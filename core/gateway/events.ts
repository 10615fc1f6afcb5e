/**
 * The gateway's event stream: what `GET /api/v1/events` sends.
 *
 * Ids are 16-digit zero-padded decimal strings, strictly increasing. The
 * first id of a gateway process is its start time in milliseconds times
 * 1000, so the ids of a restarted gateway are all above every id of the
 * previous one, and an id from before a restart is recognisably older than
 * the replay buffer. The buffer keeps the last {@linkcode REPLAY_LIMIT}
 * events in memory; a client reconnecting with `Last-Event-ID` gets exactly
 * the events after it, or a `resync_required` event when they are no
 * longer all there (a restart, an overflow, an id this gateway never sent).
 *
 * @module
 */

import type { EventPayloadWire, EventRecordWire } from "./wire.ts";

/** Events kept for replay. */
export const REPLAY_LIMIT = 1024;

/** Format a sequence number as an event id. */
export function eventId(sequence: number): string {
  return String(sequence).padStart(16, "0");
}

/** What a reconnecting client gets before live events. */
export type Replay =
  | { kind: "events"; events: EventRecordWire[] }
  | { kind: "resync"; event: EventRecordWire };

/** A live subscriber. */
export type EventListener = (event: EventRecordWire) => void;

/** The event stream of one gateway process. */
export class EventBus {
  #next: number;
  #buffer: EventRecordWire[] = [];
  #listeners = new Set<EventListener>();
  #limit: number;
  #now: () => Date;
  #onPublish?: (event: EventRecordWire) => void;

  constructor(
    options: { now?: () => Date; limit?: number; onPublish?: (event: EventRecordWire) => void } =
      {},
  ) {
    this.#now = options.now ?? (() => new Date());
    this.#next = this.#now().getTime() * 1000;
    this.#limit = options.limit ?? REPLAY_LIMIT;
    this.#onPublish = options.onPublish;
  }

  /** The id of the newest event (one below the first id when none was sent). */
  get lastId(): string {
    return eventId(this.#next - 1);
  }

  /** Publish an event to every subscriber and the replay buffer. */
  publish(payload: EventPayloadWire): EventRecordWire {
    const event: EventRecordWire = {
      schema_version: 1,
      id: eventId(this.#next++),
      created_at: this.#now().toISOString(),
      payload,
    };
    this.#buffer.push(event);
    if (this.#buffer.length > this.#limit) this.#buffer.shift();
    for (const listener of this.#listeners) listener(event);
    this.#onPublish?.(event);
    return event;
  }

  /** Subscribe; the returned function unsubscribes. */
  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** How many clients are subscribed. */
  get subscriberCount(): number {
    return this.#listeners.size;
  }

  /** What a client that last saw `lastEventId` missed (nothing for a fresh client). */
  replaySince(lastEventId: string | null): Replay {
    if (lastEventId === null || lastEventId === "") return { kind: "events", events: [] };
    const newest = this.#next - 1;
    const oldest = this.#buffer[0] ? Number(this.#buffer[0].id) : this.#next;
    const seen = /^\d{16}$/.test(lastEventId) ? Number(lastEventId) : NaN;
    if (!Number.isSafeInteger(seen) || seen > newest || seen < oldest - 1) {
      const reason = !Number.isSafeInteger(seen)
        ? "malformed_last_event_id"
        : seen > newest
        ? "unknown_last_event_id"
        : "replay_window_exceeded";
      return {
        kind: "resync",
        event: {
          schema_version: 1,
          id: this.lastId,
          created_at: this.#now().toISOString(),
          payload: { resync_required: { reason } },
        },
      };
    }
    return { kind: "events", events: this.#buffer.filter((event) => Number(event.id) > seen) };
  }
}
