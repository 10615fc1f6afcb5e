import { assertEquals } from "../../_helpers/assert.ts";
import { redact } from "../../../core/doctor/model.ts";

Deno.test("redact hides secret-looking assignments and keys, and leaves everything else as it is", () => {
  const cases: [unknown, unknown][] = [
    ["plain summary with no secrets", "plain summary with no secrets"],
    ["API_KEY=abc123", "API_KEY=[REDACTED]"],
    // The whitespace around the separator goes with the value.
    ["my_api-key: 'xyz' rest", "my_api-key:'[REDACTED]' rest"],
    [
      'GITHUB_TOKEN=ghp_1 and DB_PASSWORD="p w"',
      'GITHUB_TOKEN=[REDACTED] and DB_PASSWORD="[REDACTED] w"',
    ],
    ["passwd=hunter2;next", "passwd=[REDACTED];next"],
    ["Session-Cookie = c00kie, x", "Session-Cookie=[REDACTED], x"],
    ["aws_credentials:/tmp/c", "aws_credentials:[REDACTED]"],
    // A secret word without an assignment, or an assignment without one, stays.
    ["the token was rotated", "the token was rotated"],
    ["monkey business", "monkey business"],
    ["PATH=/usr/bin", "PATH=/usr/bin"],
    // Long s (U+017F) is not an `s` to a case-insensitive, non-Unicode pattern.
    ["ſecret=1", "ſecret=1"],
    [42, 42],
    [null, null],
    [
      { api_key: "v", note: "TOKEN=t", list: ["SECRET=s", "ok"], nested: { cookie: 1 } },
      {
        api_key: "[REDACTED]",
        note: "TOKEN=[REDACTED]",
        list: ["SECRET=[REDACTED]", "ok"],
        nested: { cookie: "[REDACTED]" },
      },
    ],
  ];
  for (const [value, expected] of cases) {
    assertEquals(redact(value), expected, JSON.stringify(value));
  }
});
