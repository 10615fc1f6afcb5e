import { assertEquals } from "../../_helpers/assert.ts";
import { hintOf } from "../../../core/gateway/push.ts";
import type { EventPayloadWire } from "../../../core/gateway/wire.ts";

function event(payload: EventPayloadWire) {
  return {
    schema_version: 1 as const,
    id: "0000000000000007",
    created_at: "2026-05-06T15:00:00Z",
    payload,
  };
}

Deno.test("push hints carry ids, category, reason and generic text only", () => {
  const hint = hintOf(event({
    agents_changed: { reason: "launched", agent_name: "mobile.summary", timestamp: null },
  }))!;
  assertEquals(hint, {
    schema_version: 1,
    id: "0000000000000007",
    created_at: "2026-05-06T15:00:00Z",
    category: "agents",
    reason: "launched",
    notification_id: null,
    agent_name: "mobile.summary",
    helper: null,
    job_id: null,
    title: "SASE agents",
    body: "An agent changed state.",
  });
});

Deno.test("push hints drop names that are not plain identifiers and tidy reasons", () => {
  const pathy = hintOf(event({
    agents_changed: {
      reason: "killed by /home/me",
      agent_name: "/home/me/secret agent",
      timestamp: null,
    },
  }))!;
  assertEquals(pathy.agent_name, null);
  assertEquals(pathy.reason, "killed_by__home_me");
  const note = hintOf(event({
    notifications_changed: {
      reason: "mark_read",
      notification_id: "id with spaces",
      activity_cursor: null,
    },
  }))!;
  assertEquals([note.category, note.notification_id], ["notifications", null]);
  const update = hintOf(event({
    helpers_changed: {
      reason: "update_succeeded",
      helper: "update",
      job_id: "job_abc",
      timestamp: null,
    },
  }))!;
  assertEquals([update.category, update.job_id, update.title], [
    "update",
    "job_abc",
    "SASE update",
  ]);
  assertEquals(hintOf(event({ resync_required: { reason: "restart" } })), null);
  assertEquals(hintOf(event({ heartbeat: { sequence: 1 } })), null);
  assertEquals(hintOf(event({ session: { device_id: "dev_x" } }))!.category, "session");
});
