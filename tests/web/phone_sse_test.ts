/**
 * The phone app's server-sent event parsing (`web/phone/src/events.ts`):
 * frames split on blank lines whatever the line endings, a frame cut
 * across chunks waits for its end, `data` lines join, comments and
 * unknown fields are dropped, one optional space after the colon is
 * removed and no more.
 */

import { assertEquals } from "../_helpers/assert.ts";
import { parseFrame, takeFrames } from "../../web/phone/src/events.ts";

Deno.test("takeFrames: complete frames out, the unfinished rest kept; CRLF and CR count as newlines", () => {
  assertEquals(takeFrames("id: 1\ndata: a\n\nid: 2\nda"), {
    frames: ["id: 1\ndata: a"],
    rest: "id: 2\nda",
  });
  assertEquals(takeFrames("id: 1\r\ndata: a\r\n\r\n: keep-alive\r\rdata: y"), {
    frames: ["id: 1\ndata: a", ": keep-alive"],
    rest: "data: y",
  });
  assertEquals(takeFrames("no end yet"), { frames: [], rest: "no end yet" });
  // A CRLF pair cut between two chunks is one line end, not two.
  const first = takeFrames("data: x\r");
  assertEquals(first, { frames: [], rest: "data: x\r" });
  assertEquals(takeFrames(first.rest + "\nid: 3\n\n"), { frames: ["data: x\nid: 3"], rest: "" });
  assertEquals(takeFrames(first.rest + "\n\r\n"), { frames: ["data: x"], rest: "" });
});

Deno.test("parseFrame: id, event and joined data; comments, unknown fields and a second space kept apart", () => {
  assertEquals(
    parseFrame(
      ': connected\nretry: 3000\nid: 0001\nevent: notifications_changed\ndata: {"a":\ndata:1}',
    ),
    { id: "0001", event: "notifications_changed", data: '{"a":\n1}' },
  );
  assertEquals(parseFrame(": keep-alive"), {});
  assertEquals(parseFrame("data:  two spaces"), { data: " two spaces" });
  assertEquals(parseFrame("data"), { data: "" });
  assertEquals(parseFrame("id: 7\nbogus: x"), { id: "7" });
});
