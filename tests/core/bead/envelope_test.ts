/**
 * The messages for bead event lines that are not events, and for a bad
 * `config.json`: each field of the envelope checked in order, each allowed
 * and refused case of the config's fields.
 */

import { assertEquals, assertThrows } from "../../_helpers/assert.ts";
import { envelopeProblem } from "../../../core/bead/streams.ts";
import { parseBeadConfig } from "../../../core/bead/config.ts";
import { SaseError } from "../../../core/errors.ts";

const GOOD = {
  schema_version: 1,
  event_id: "e1",
  timestamp: "2026-01-01T00:00:00Z",
  actor: "me",
  operation: "issue_created",
  issue_id: "bd-1",
  payload: { kind: "issue_created" },
};

Deno.test("envelopeProblem names the first field that breaks the envelope", () => {
  const cases: [Record<string, unknown> | unknown, string][] = [
    [[], "expected an object"],
    ["text", "expected an object"],
    [{ ...GOOD, schema_version: 2 }, "field 'schema_version': expected 1"],
    [{ ...GOOD, event_id: 7 }, "field 'event_id': expected a string"],
    [{ ...GOOD, event_id: "" }, "field 'event_id': must not be empty"],
    [{ ...GOOD, timestamp: "" }, "field 'timestamp': must not be empty"],
    [{ ...GOOD, actor: null }, "field 'actor': expected a string"],
    [{ ...GOOD, issue_id: "" }, "field 'issue_id': must not be empty"],
    [{ ...GOOD, issue_id: "../evil" }, "field 'issue_id': '../evil' is not a valid bead id"],
    [{ ...GOOD, payload: [] }, "field 'payload': expected an object"],
    [{ ...GOOD, payload: { kind: 3 } }, "field 'payload.kind': expected a string"],
  ];
  for (const [raw, message] of cases) assertEquals(envelopeProblem(raw), message);
  const operation = envelopeProblem({ ...GOOD, operation: "Created" });
  assertEquals(
    operation.startsWith("field 'operation': expected one of issue_created, issue_updated, "),
    true,
  );
});

Deno.test("parseBeadConfig: defaults for missing or null fields, other keys kept", () => {
  assertEquals(parseBeadConfig("{}", "c.json"), { issue_prefix: "", next_counter: 1, owner: "" });
  assertEquals(
    parseBeadConfig(
      '{"issue_prefix": null, "next_counter": 5, "owner": "ann", "newer": {"x": 1}}',
      "c.json",
    ),
    { issue_prefix: "", next_counter: 5, owner: "ann", newer: { x: 1 } },
  );
});

Deno.test("parseBeadConfig refuses each bad field, naming the file and the field", () => {
  const refused: [string, string][] = [
    ["[]", "c.json: field '(root)': expected an object"],
    ['{"issue_prefix": 3}', "c.json: field 'issue_prefix': expected a string"],
    ['{"owner": false}', "c.json: field 'owner': expected a string"],
    ['{"next_counter": 0}', "c.json: field 'next_counter': expected a positive integer"],
    ['{"next_counter": 1.5}', "c.json: field 'next_counter': expected a positive integer"],
    ['{"next_counter": "2"}', "c.json: field 'next_counter': expected a positive integer"],
    ["{", "c.json: invalid JSON"],
  ];
  for (const [text, message] of refused) {
    assertThrows(() => parseBeadConfig(text, "c.json"), SaseError, message);
  }
});
