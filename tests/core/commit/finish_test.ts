import { assertEquals } from "../../_helpers/assert.ts";
import { withoutRuntimeTags } from "../../../core/commit/finish.ts";
import { prBodyTags } from "../../../core/commit/plan_context.ts";

Deno.test("withoutRuntimeTags drops the trailing AGENT/MACHINE lines and keeps every other tag", () => {
  assertEquals(withoutRuntimeTags("feat: x\n\nAGENT=bot\nMACHINE=h"), "feat: x");
  assertEquals(
    withoutRuntimeTags("feat: x\n\nbody\n\nBUG=42\nAGENT=bot\nMACHINE=h"),
    "feat: x\n\nbody\n\nBUG=42",
  );
  // Only the trailing block counts: an AGENT= line in the body is text.
  assertEquals(
    withoutRuntimeTags("feat: x\n\nAGENT=in body\nmore\n\nMACHINE=h"),
    "feat: x\n\nAGENT=in body\nmore",
  );
  // The subject line is never a tag, even when it looks like one.
  assertEquals(withoutRuntimeTags("AGENT=x"), "AGENT=x");
});

Deno.test("prBodyTags reads the parent PR's trailing tags, before the agent footer", () => {
  assertEquals(
    prBodyTags("feat: x\n\nBUG=1\nTEAM=core\n\n---\n**Model:** `claude/opus`\n**Agent:** `bot`"),
    [["BUG", "1"], ["TEAM", "core"]],
  );
  assertEquals(prBodyTags("feat: x\n\nTEAM=core"), [["TEAM", "core"]]);
  assertEquals(prBodyTags("feat: x\n\nno tags here"), []);
});
