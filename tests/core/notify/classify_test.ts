import { assertEquals } from "../../_helpers/assert.ts";
import { parseStoreText } from "../../../core/notify/store.ts";
import {
  indicatorFor,
  isError,
  isPriority,
  sectionOf,
  unreadCounts,
} from "../../../core/notify/classify.ts";
import { upstreamFixture } from "../../_helpers/fixtures.ts";

const CONTRACT = upstreamFixture("notifications/store_contract.jsonl");
const { records } = parseStoreText(Deno.readTextFileSync(CONTRACT));
const byId = (id: string) => records.find((record) => record.id === id)!;
// Before the contract's snooze deadline (2026-04-30T13:00Z), so snoozes are live.
const NOW = Date.parse("2026-04-30T12:30:00Z");

Deno.test("contract rows fall into the handbook's sections", () => {
  const sections = Object.fromEntries(records.map((record) => [record.id, sectionOf(record, NOW)]));
  assertEquals(sections, {
    "valid-full": "muted",
    "legacy-minimal": "inbox",
    "dismissed-row": "inbox",
    "silent-row": "inbox",
    "muted-row": "muted",
    "snoozed-row": "muted",
    "priority-plan": "priority",
    "priority-question": "priority",
    "priority-mentor": "priority",
    "priority-axe": "errors",
    "priority-crs": "priority",
    "priority-user-agent-error": "errors",
    "agent-jump-no-suffix": "inbox",
  });
});

Deno.test("errors and priority are disjoint; mute dominates priority", () => {
  for (const record of records) {
    assertEquals(isError(record) && isPriority(record), false, record.id);
  }
  const mutedPlan = { ...byId("priority-plan"), muted: true };
  assertEquals(sectionOf(mutedPlan, NOW), "muted");
});

Deno.test("an expired snooze re-emerges from MUTED on its own", () => {
  const later = Date.parse("2026-04-30T14:00:00Z");
  assertEquals(sectionOf(byId("snoozed-row"), later), "priority");
  assertEquals(sectionOf(byId("muted-row"), later), "muted", "a plain mute stays");
});

Deno.test("unread counts skip read, dismissed and silent rows; indicator follows them", () => {
  const counts = unreadCounts(records, NOW);
  assertEquals(counts, { priority: 4, errors: 2, inbox: 2, muted: 2 });
  assertEquals(indicatorFor(counts), "orange");
  assertEquals(indicatorFor({ priority: 0, errors: 0, inbox: 1, muted: 3 }), "gold");
  assertEquals(indicatorFor({ priority: 0, errors: 0, inbox: 0, muted: 3 }), "cyan");
  assertEquals(indicatorFor({ priority: 0, errors: 0, inbox: 0, muted: 0 }), "none");
});
