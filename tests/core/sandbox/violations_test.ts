/**
 * From what the jail saw to what a person is told: writes the command was
 * allowed (the session watches more than one command's paths) are dropped;
 * the rest is kept, once, bounded.
 */

import { assertEquals } from "../../_helpers/assert.ts";
import {
  describeViolations,
  MAX_VIOLATIONS,
  relevantViolations,
} from "../../../core/sandbox/violations.ts";

const POLICY = { write: ["/ws", "/run/dir/"], denyWrite: ["/ws/.env"] };

Deno.test("writes inside the writable paths are dropped; outside, or inside a deny, they stay", () => {
  assertEquals(
    relevantViolations([
      "deny openat /ws/file.txt",
      "deny openat /ws",
      "deny mkdir /run/dir/sub",
      "deny openat /ws2/file.txt",
      "deny openat /ws/.env",
      "deny unlink /home/u/.bashrc",
      "deny network-outbound evil.example:443 (host is not on the allow list)",
      "deny openat /ws2/file.txt",
    ], POLICY),
    [
      "deny openat /ws2/file.txt",
      "deny openat /ws/.env",
      "deny unlink /home/u/.bashrc",
      "deny network-outbound evil.example:443 (host is not on the allow list)",
    ],
  );
});

Deno.test("at most MAX_VIOLATIONS lines of at most 500 characters", () => {
  const many = Array.from({ length: MAX_VIOLATIONS + 10 }, (_, n) => `deny openat /x/${n}`);
  const kept = relevantViolations(many, POLICY);
  assertEquals(kept.length, MAX_VIOLATIONS);
  assertEquals(kept.at(-1), `deny openat /x/${MAX_VIOLATIONS - 1}`);
  assertEquals(relevantViolations([`deny openat /${"a".repeat(600)}`], POLICY)[0].length, 500);
});

Deno.test("the error report's sentence lists every denial", () => {
  assertEquals(
    describeViolations(["deny openat /x", "deny network-outbound h:443 (r)"]),
    "the jail denied: deny openat /x; deny network-outbound h:443 (r)",
  );
});
