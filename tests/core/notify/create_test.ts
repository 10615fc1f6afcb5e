import { assertEquals, assertMatch, assertThrows } from "../../_helpers/assert.ts";
import { buildNotification, parseNotificationJson } from "../../../core/notify/create.ts";
import { normalizeTags } from "../../../core/notify/model.ts";
import { SaseError } from "../../../core/errors.ts";

function errorOf(fn: () => unknown): SaseError {
  return assertThrows(fn, SaseError) as SaseError;
}

Deno.test("tags are trimmed, lowercased, emptied and deduped in sender order", () => {
  assertEquals(normalizeTags([" Review ", "review", "", "Done", "  "]), ["review", "done"]);
});

Deno.test("a new notification gets a UUID4 id and an ISO timestamp; CLI tags are appended", () => {
  const record = buildNotification(
    { sender: "t", notes: ["Hello"], tags: [" Review ", "review", ""] },
    { tags: ["handoff", "REVIEW"], now: new Date("2026-04-30T12:00:00Z") },
  );
  assertMatch(record.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assertEquals(Date.parse(record.timestamp), Date.parse("2026-04-30T12:00:00Z"));
  assertEquals(record.tags, ["review", "handoff"]);
  assertEquals(record.notes, ["Hello"]);
});

Deno.test("given id, timestamp, state flags and unknown fields are kept; -s wins over the JSON", () => {
  const input = {
    id: "x1",
    timestamp: "2026-04-30T12:00:00+00:00",
    sender: "json-sender",
    read: true,
    extra: { a: 1 },
  };
  const record = buildNotification(input, { sender: "cli" });
  assertEquals(record, { ...input, sender: "cli" });
});

Deno.test("bad input names the field at fault", () => {
  assertMatch(
    errorOf(() => parseNotificationJson("{bad", { source: "stdin" })).message,
    /stdin is not valid JSON: .*line 1 column 2/,
  );
  assertMatch(errorOf(() => parseNotificationJson("   ")).message, /is empty/);
  assertMatch(errorOf(() => parseNotificationJson("[1]")).message, /must be a JSON object/);
  assertEquals(
    errorOf(() => parseNotificationJson('{"notes":["x"]}')).message,
    "notification input: field 'sender' is required",
  );
  assertMatch(
    errorOf(() => parseNotificationJson('{"sender":"s","notes":["a",2]}')).message,
    /field 'notes\[1\]'/,
  );
  assertMatch(
    errorOf(() => parseNotificationJson('{"sender":"s","read":"yes"}')).message,
    /field 'read'/,
  );
  assertMatch(
    errorOf(() => parseNotificationJson('{"sender":"s","tags":"x"}')).message,
    /field 'tags' must be a list of strings/,
  );
  assertMatch(
    errorOf(() => parseNotificationJson('{"sender":""}')).message,
    /field 'sender' must be a non-empty string/,
  );
});

Deno.test("time fields must be ISO-8601 timestamps; the error names the field", () => {
  const base = { sender: "s" };
  for (const field of ["timestamp", "snooze_until", "resurfaced_at"]) {
    for (const bad of ["bogus", "1", "2026-02-30T00:00:00Z", "Tue, 30 Apr 2026 12:00:00 GMT"]) {
      assertEquals(
        errorOf(() => buildNotification({ ...base, [field]: bad }, { source: "stdin" })).message,
        `notification stdin: field '${field}' is not an ISO-8601 timestamp: '${bad}' (e.g. 2026-04-30T12:00:00+00:00)`,
      );
    }
    const good = "2026-04-30T12:00:00+00:00";
    assertEquals(buildNotification({ ...base, [field]: good })[field], good);
  }
  // Cleared snoozes stay valid; a non-string is a type error of the schema, still naming the field.
  assertEquals(buildNotification({ ...base, snooze_until: null }).snooze_until, null);
  assertMatch(errorOf(() => buildNotification({ ...base, timestamp: 5 })).message, /'timestamp'/);
});

Deno.test("a value nested deeper than 100 levels is refused naming its field, not a stack overflow", () => {
  const deep = (levels: number) => "[".repeat(levels) + "]".repeat(levels);
  // The record is level 1, so `extra` may hold 99 nested lists.
  const ok = parseNotificationJson(`{"sender":"s","extra":${deep(99)}}`);
  assertEquals(ok.sender, "s");
  assertEquals(
    errorOf(() => parseNotificationJson(`{"sender":"s","extra":${deep(100)}}`)).message,
    "notification input: field 'extra' nests deeper than 100 levels",
  );
  const huge = errorOf(() => parseNotificationJson(`{"sender":"s","x":{"y":${deep(200_000)}}}`));
  assertEquals(huge.message, "notification input: field 'x' nests deeper than 100 levels");
});

Deno.test("a JSON syntax error quoting control characters shows them inert", () => {
  const message = errorOf(() => parseNotificationJson('{"sender": x\u001b]0;t\u0007}')).message;
  assertEquals(message.includes("\x1b"), false, message);
  assertEquals(message.includes("\x07"), false, message);
  assertMatch(message, /is not valid JSON: /);
});
