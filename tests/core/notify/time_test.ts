import { assertEquals } from "../../_helpers/assert.ts";
import { parseTimestamp, relativeAge } from "../../../core/notify/time.ts";

Deno.test("parseTimestamp reads the ISO-8601 forms producers write, to the exact instant", () => {
  const utc = (text: string) => Date.UTC(2026, 3, 30, 12, 0, 0) + (text ? Number(text) : 0);
  const cases: [string, number][] = [
    ["2026-04-30T12:00:00+00:00", utc("")], // Python isoformat() with an offset
    ["2026-04-30T12:00:00Z", utc("")],
    ["2026-04-30T12:00:00.000Z", utc("")], // JavaScript toISOString()
    ["2026-04-30T12:00:00.123456+00:00", utc("123")], // microseconds: millisecond precision
    ["2026-04-30T14:00:00+02:00", utc("")],
    ["2026-04-30T07:30:00-04:30", utc("")],
    ["2026-04-30T14:00:00+0200", utc("")],
    ["2026-04-30T14:00:00+02", utc("")],
    ["2026-04-30 12:00:00+00:00", utc("")], // space separator
    ["2026-04-30T12:00Z", utc("")], // minutes only
    ["2024-02-29T00:00:00Z", Date.UTC(2024, 1, 29)], // leap day
    ["2000-02-29T00:00:00Z", Date.UTC(2000, 1, 29)], // divisible by 400: leap
  ];
  for (const [text, expected] of cases) assertEquals(parseTimestamp(text), expected, text);
  // Without an offset the time is local, as Python's naive isoformat() means it.
  assertEquals(parseTimestamp("2026-04-30T12:00:00"), new Date(2026, 3, 30, 12).getTime());
  assertEquals(parseTimestamp("2026-04-30"), new Date(2026, 3, 30).getTime());
});

Deno.test("parseTimestamp refuses everything else, including what Date.parse would guess at", () => {
  for (
    const text of [
      "",
      "bogus",
      "1", // Date.parse reads this as the year 2001
      "Tue, 30 Apr 2026 12:00:00 GMT",
      "April 30, 2026",
      "2026-4-30",
      "26-04-30T12:00:00Z",
      "2026-04-30T12",
      "2026-04-30T12:00:00 Z",
      "2026-04-30T12:00:00+2:00",
      "2026-13-01T00:00:00Z",
      "2026-00-10T00:00:00Z",
      "2026-04-31T00:00:00Z",
      "2026-02-29T00:00:00Z", // not a leap year
      "1900-02-29T00:00:00Z", // divisible by 100, not 400
      "2026-04-30T24:00:00Z",
      "2026-04-30T12:60:00Z",
      "2026-04-30T12:00:60Z",
      "2026-04-30T12:00:00+24:00",
      "2026-04-30T12:00:00+05:60",
      "2026-04-30T12:00:00.Z",
      " 2026-04-30T12:00:00Z",
      "2026-04-30T12:00:00Z\n",
    ]
  ) {
    assertEquals(parseTimestamp(text), undefined, JSON.stringify(text));
  }
  assertEquals(parseTimestamp(null), undefined);
  assertEquals(parseTimestamp(undefined), undefined);
});

Deno.test("relativeAge: s/m/h/d bounds, the future, and unparseable text shown as written", () => {
  const now = Date.UTC(2026, 3, 30, 12, 0, 0);
  const at = (seconds: number) => new Date(now - seconds * 1000).toISOString();
  assertEquals(relativeAge(at(0), now), "0s ago");
  assertEquals(relativeAge(at(59), now), "59s ago");
  assertEquals(relativeAge(at(60), now), "1m ago");
  assertEquals(relativeAge(at(3599), now), "59m ago");
  assertEquals(relativeAge(at(3600), now), "1h ago");
  assertEquals(relativeAge(at(86_399), now), "23h ago");
  assertEquals(relativeAge(at(86_400), now), "1d ago");
  assertEquals(relativeAge(at(-5), now), "just now");
  assertEquals(relativeAge("1", now), "1");
});
