import { assertEquals } from "../../_helpers/assert.ts";
import { EventBus, eventId } from "../../../core/gateway/events.ts";
import type { EventRecordWire } from "../../../core/gateway/wire.ts";

const START = new Date("2026-05-06T15:00:00Z");
const FIRST = START.getTime() * 1000;

function bus(limit = 4) {
  return new EventBus({ now: () => START, limit });
}

function changed(n: number) {
  return {
    notifications_changed: { reason: `r${n}`, notification_id: null, activity_cursor: null },
  };
}

Deno.test("event ids: 16 digits, strictly increasing from the start time in ms × 1000", () => {
  const events = bus();
  const a = events.publish(changed(1));
  const b = events.publish(changed(2));
  assertEquals(a.id, String(FIRST).padStart(16, "0"));
  assertEquals(a.id.length, 16);
  assertEquals(Number(b.id), Number(a.id) + 1);
  assertEquals(eventId(7), "0000000000000007");
  assertEquals(events.lastId, b.id);
});

Deno.test("replay: exactly the events after Last-Event-ID; none for a fresh client or the newest id", () => {
  const events = bus();
  const sent = [1, 2, 3].map((n) => events.publish(changed(n)));
  const replay = (id: string | null) => {
    const result = events.replaySince(id);
    return result.kind === "events" ? result.events.map((e: EventRecordWire) => e.id) : result.kind;
  };
  assertEquals(replay(null), []);
  assertEquals(replay(sent[0].id), [sent[1].id, sent[2].id]);
  assertEquals(replay(sent[2].id), []);
  // The id just before the first buffered event is still complete.
  assertEquals(replay(eventId(FIRST - 1)), sent.map((e) => e.id));
});

Deno.test("replay: resync_required after overflow, for an id from another gateway life, and for garbage", () => {
  const events = bus(2);
  const sent = [1, 2, 3].map((n) => events.publish(changed(n)));
  const reason = (id: string) => {
    const result = events.replaySince(id);
    return result.kind === "resync" ? result.event.payload : result.events.map((e) => e.id);
  };
  // sent[0] fell out of the 2-event buffer: a client that saw only the one before it missed it.
  assertEquals(reason(eventId(FIRST - 1)), {
    resync_required: { reason: "replay_window_exceeded" },
  });
  assertEquals(reason(sent[0].id), [sent[1].id, sent[2].id]);
  assertEquals(reason(eventId(FIRST + 99)), {
    resync_required: { reason: "unknown_last_event_id" },
  });
  assertEquals(reason("12"), { resync_required: { reason: "malformed_last_event_id" } });
  const resync = events.replaySince("nope");
  assertEquals(resync.kind === "resync" ? resync.event.id : "", sent[2].id);
});

Deno.test("a restarted gateway (later start time) treats the previous life's ids as too old", () => {
  const before = bus();
  const old = before.publish(changed(1));
  const after = new EventBus({ now: () => new Date(START.getTime() + 1000) });
  const result = after.replaySince(old.id);
  assertEquals(result.kind, "resync");
});

Deno.test("subscribers get every published event until they unsubscribe", () => {
  const events = bus();
  const got: string[] = [];
  const stop = events.subscribe((event) => got.push(event.id));
  const a = events.publish(changed(1));
  assertEquals(events.subscriberCount, 1);
  stop();
  events.publish(changed(2));
  assertEquals(got, [a.id]);
  assertEquals(events.subscriberCount, 0);
});
