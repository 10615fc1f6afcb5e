import { assertEquals, assertThrows } from "../../../_helpers/assert.ts";
import { makeSandbox } from "../../../_helpers/sandbox.ts";
import {
  agentTagsPath,
  parseAgentTags,
  readAgentTags,
  runIdentity,
  setAgentTag,
  validateTag,
} from "../../../../core/agent/identity/tags.ts";
import { SaseError } from "../../../../core/errors.ts";

Deno.test("tags: set replaces, unset clears, concurrent writers lose nothing", async () => {
  await using sb = await makeSandbox();
  const a = runIdentity("p", "20260101090000");
  assertEquals((await setAgentTag(sb.env, a, "review")).changed, true);
  assertEquals((await setAgentTag(sb.env, a, "review")).changed, false);
  assertEquals((await setAgentTag(sb.env, a, "build")).previous, "review");
  await Promise.all(
    Array.from({ length: 12 }, (_, i) => setAgentTag(sb.env, runIdentity("q", String(i)), `t${i}`)),
  );
  assertEquals(readAgentTags(sb.env).length, 13);
  await setAgentTag(sb.env, a, null);
  assertEquals(readAgentTags(sb.env).some((entry) => entry.id[1] === "p"), false);
  const stored = JSON.parse(await Deno.readTextFile(agentTagsPath(sb.env)));
  assertEquals(Object.keys(stored[0]).sort(), ["id", "tag"]);
});

Deno.test("tags: names are validated; legacy and malformed entries are tolerated", () => {
  assertThrows(() => validateTag("@review"), SaseError, "tag '@review' must not start with '@'");
  assertThrows(() => validateTag("a b"), SaseError, "tag 'a b' is not valid");
  assertEquals(validateTag("a-b.c_1"), "a-b.c_1");
  assertEquals(
    parseAgentTags(JSON.stringify([
      { id: ["run", "p", "1"], tags: ["bad tag", "legacy"] },
      { id: ["run", "p"], tag: "short-id" },
      { id: ["run", "p", null], tag: "null-suffix" },
      "junk",
    ])),
    [
      { id: ["run", "p", "1"], tag: "legacy" },
      { id: ["run", "p", null], tag: "null-suffix" },
    ],
  );
  assertEquals(parseAgentTags("{not json"), []);
});
