import { assert, assertEquals, assertMatch, assertThrows } from "../../_helpers/assert.ts";
import { buildNotification, parseNotificationJson } from "../../../core/notify/create.ts";
import { normalizeTags } from "../../../core/notify/model.ts";
import { SaseError } from "../../../core/errors.ts";

function errorOf(fn: () => unknown): SaseError {
  const error = assertThrows(fn);
  assert(error instanceof SaseError, String(error));
  return error;
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
