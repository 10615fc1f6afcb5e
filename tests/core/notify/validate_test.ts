import { assertEquals } from "../../_helpers/assert.ts";
import { issuePath, validateNotification } from "../../../core/notify/model.ts";
import { NotificationSchema } from "../../../core/notify/schema.ts";

const VALID = { id: "n1", timestamp: "2026-04-30T12:00:00+00:00", sender: "crs" };

/** Values that differ from a valid row in one or two fields. */
const CASES: Record<string, unknown>[] = [
  VALID,
  { ...VALID, icon: "🔔", notes: ["a", "b"], files: [], tags: ["x"], action: null },
  { ...VALID, action_data: { changespec_name: "x", nested: { n: 1 } }, read: true, muted: false },
  { ...VALID, snooze_until: null, resurfaced_at: "2026-05-01T00:00:00Z", extra: [1, { a: 2 }] },
  { timestamp: VALID.timestamp, sender: "crs" },
  { ...VALID, id: "" },
  { ...VALID, timestamp: "" },
  { ...VALID, sender: 5 },
  { ...VALID, id: null },
  { ...VALID, id: ["n1"] },
  { ...VALID, icon: 7 },
  { ...VALID, icon: false },
  { ...VALID, notes: "just text" },
  { ...VALID, notes: ["ok", 3, null] },
  { ...VALID, files: [null] },
  { ...VALID, tags: {} },
  { ...VALID, action: ["PlanApproval"] },
  { ...VALID, action_data: [] },
  { ...VALID, action_data: "x" },
  { ...VALID, action_data: null },
  { ...VALID, read: "yes" },
  { ...VALID, dismissed: 1 },
  { ...VALID, silent: null },
  { ...VALID, muted: {} },
  { ...VALID, snooze_until: 0 },
  { ...VALID, resurfaced_at: true },
  // Two bad fields: the first in field order is reported, whatever the key order.
  { read: "no", ...VALID, id: "" },
  { muted: 1, notes: [1], ...VALID },
  { sender: "", timestamp: 3, id: "n" },
];

/** The answer zod's schema gives, in `validateNotification`'s terms. */
function viaSchema(value: Record<string, unknown>) {
  const parsed = NotificationSchema.safeParse(value);
  if (parsed.success) return { ok: true, record: value };
  const issue = parsed.error.issues[0];
  const missing = issue.code === "invalid_type" && issue.path.length === 1 &&
    value[String(issue.path[0])] === undefined;
  return {
    ok: false,
    field: issuePath(issue.path),
    reason: missing ? "is required" : issue.message,
  };
}

Deno.test("validateNotification agrees with the zod schema library users get", () => {
  for (const value of CASES) {
    assertEquals(validateNotification(value), viaSchema(value), JSON.stringify(value));
  }
});

Deno.test("validateNotification: the messages a reader sees", () => {
  const reason = (value: unknown) => {
    const result = validateNotification(value);
    return result.ok ? "ok" : `${result.field}: ${result.reason}`;
  };
  assertEquals(reason(VALID), "ok");
  assertEquals(reason({ ...VALID, sender: undefined }), "sender: is required");
  assertEquals(reason({ ...VALID, id: "" }), "id: must be a non-empty string");
  assertEquals(
    reason({ ...VALID, timestamp: "" }),
    "timestamp: must be a non-empty ISO-8601 string",
  );
  assertEquals(
    reason({ ...VALID, notes: ["a", 2] }),
    "notes[1]: Invalid input: expected string, received number",
  );
  assertEquals(
    reason({ ...VALID, action_data: [] }),
    "action_data: Invalid input: expected record, received array",
  );
  assertEquals(
    reason({ ...VALID, read: null }),
    "read: Invalid input: expected boolean, received null",
  );
  assertEquals(reason([VALID]), "(record): must be a JSON object");
  assertEquals(reason("row"), "(record): must be a JSON object");
  // The record is the caller's own object, unknown fields and key order intact.
  const row = { sender: "x", id: "i", extra: 1, timestamp: "t" };
  const result = validateNotification(row);
  assertEquals(result.ok && result.record === row, true);
});
