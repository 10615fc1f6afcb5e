import { SaseError } from "../../../core/errors.ts";
import { assertEquals, assertStringIncludes, assertThrows } from "../../_helpers/assert.ts";
import { parseStoreText } from "../../../core/notify/store.ts";
import {
  filterNotifications,
  findNotification,
  sortNewestFirst,
} from "../../../core/notify/catalog.ts";
import { notificationWire } from "../../../core/notify/wire.ts";
import { notificationMarkdown } from "../../../core/notify/markdown.ts";
import { relativeAge } from "../../../core/notify/time.ts";
import { upstreamFixture } from "../../_helpers/fixtures.ts";

const CONTRACT = upstreamFixture("notifications/store_contract.jsonl");
const { records } = parseStoreText(Deno.readTextFileSync(CONTRACT));
const ids = (rows: { id: string }[]) => rows.map((row) => row.id);

Deno.test("dismissed rows are hidden unless all; silent rows are listed", () => {
  const shown = ids(filterNotifications(records));
  assertEquals(shown.includes("dismissed-row"), false);
  assertEquals(shown.includes("silent-row"), true);
  assertEquals(ids(filterNotifications(records, { all: true })).includes("dismissed-row"), true);
});

Deno.test("filters: sender, exact normalized tag, unread, query over tags and action data, limit", () => {
  assertEquals(ids(filterNotifications(records, { sender: "question" })), [
    "snoozed-row",
    "priority-question",
  ]);
  assertEquals(ids(filterNotifications(records, { tag: " REVIEW " })), ["valid-full"]);
  assertEquals(ids(filterNotifications(records, { tag: "revie" })), []);
  assertEquals(ids(filterNotifications(records, { unread: true })).includes("valid-full"), false);
  assertEquals(ids(filterNotifications(records, { query: "DONE" })), ["valid-full"]);
  assertEquals(ids(filterNotifications(records, { query: "digest.txt" })), ["priority-axe"]);
  assertEquals(filterNotifications(records, { limit: 2 }).length, 2);
});

Deno.test("newest first, ties in file order, unparseable stamps last", () => {
  const rows = [
    { id: "old", timestamp: "2026-01-01T00:00:00Z", sender: "s" },
    { id: "bad", timestamp: "yesterday-ish", sender: "s" },
    { id: "new1", timestamp: "2026-02-01T00:00:00Z", sender: "s" },
    { id: "new2", timestamp: "2026-02-01T00:00:00Z", sender: "s" },
  ];
  assertEquals(ids(sortNewestFirst(rows)), ["new1", "new2", "old", "bad"]);
});

Deno.test("the JSON row has the handbook keys in order, then every other stored field", () => {
  const row = notificationWire(records.find((record) => record.id === "valid-full")!);
  assertEquals(Object.keys(row), [
    "id",
    "timestamp",
    "age",
    "sender",
    "priority",
    "notes",
    "files",
    "tags",
    "action",
    "action_data",
    "read",
    "dismissed",
    "silent",
    "muted",
    "snooze_until",
    "icon",
  ]);
  const legacy = notificationWire(records.find((record) => record.id === "legacy-minimal")!);
  assertEquals([legacy.notes, legacy.action, legacy.read, legacy.snooze_until], [
    [],
    null,
    false,
    null,
  ]);
});

Deno.test("find by exact id or unique prefix; ambiguity and absence are errors", () => {
  assertEquals(findNotification(records, "silent-row").id, "silent-row");
  assertEquals(findNotification(records, "legacy").id, "legacy-minimal");
  assertStringIncludes(
    assertThrows(() => findNotification(records, "priority-"), SaseError).message,
    "ambiguous",
  );
  assertStringIncludes(
    assertThrows(() => findNotification(records, "nope"), SaseError).message,
    "no notification",
  );
});

Deno.test("markdown shows tags, notes, files, action data and state", () => {
  const text = notificationMarkdown(
    notificationWire(records.find((record) => record.id === "valid-full")!),
  );
  for (
    const line of [
      "# Notification valid-full",
      "- tags: `done`, `review`",
      "  - full row",
      "  - `/tmp/full.py`",
      "- action: `JumpToChangeSpec`",
      "  - changespec_name: `valid-full`",
      "  - read: true",
      "  - snooze_until: `2026-04-30T13:00:00+00:00`",
      "- icon: 🔔",
    ]
  ) assertStringIncludes(text, line);
});

Deno.test("relative ages", () => {
  const now = Date.parse("2026-04-30T12:00:00Z");
  assertEquals(relativeAge("2026-04-30T11:59:30Z", now), "30s ago");
  assertEquals(relativeAge("2026-04-30T11:55:00Z", now), "5m ago");
  assertEquals(relativeAge("2026-04-30T09:00:00Z", now), "3h ago");
  assertEquals(relativeAge("2026-04-28T12:00:00Z", now), "2d ago");
  assertEquals(relativeAge("2026-05-01T00:00:00Z", now), "just now");
  assertEquals(relativeAge("garbage", now), "garbage");
});
