/**
 * A jailed agent's commit (run by the broker, outside the jail): only git
 * providers, its checkpoint under SASE_HOME rather than the agent's run
 * directory, and a plan path that must resolve inside the checkout.
 */

import { join } from "node:path";
import { assertEquals, assertThrows } from "../../_helpers/assert.ts";
import {
  isBrokeredCommit,
  requireBrokerableProvider,
  resolvesInside,
} from "../../../core/commit/brokered.ts";
import { checkpointPath } from "../../../core/commit/paths.ts";
import { SaseError } from "../../../core/errors.ts";

Deno.test("a brokered commit is told by SASE_BROKERED_COMMIT and uses git providers only", () => {
  assertEquals(isBrokeredCommit({ SASE_BROKERED_COMMIT: "/ws" }), true);
  assertEquals(isBrokeredCommit({ SASE_BROKERED_COMMIT: "" }), false);
  assertEquals(isBrokeredCommit({}), false);
  requireBrokerableProvider("bare_git");
  requireBrokerableProvider("github");
  assertThrows(
    () => requireBrokerableProvider("hg"),
    SaseError,
    "a jailed agent's commit cannot use the hg VCS provider",
  );
});

Deno.test("a brokered commit keeps its checkpoint under SASE_HOME, per agent session", () => {
  const env = { SASE_ARTIFACTS_DIR: "/a/run", SASE_AGENT_TIMESTAMP: "260328_143052" };
  assertEquals(checkpointPath("/h/.sase", env, "/w"), "/a/run/commit_state.json");
  assertEquals(
    checkpointPath("/h/.sase", env, "/w", true),
    "/h/.sase/commit_state/260328_143052.json",
  );
});

Deno.test("resolvesInside follows links: a plan linked to a file outside is outside", async () => {
  const root = await Deno.realPath(await Deno.makeTempDir());
  try {
    await Deno.mkdir(join(root, "ws"));
    await Deno.writeTextFile(join(root, "secret"), "key\n");
    await Deno.writeTextFile(join(root, "ws", "plan.md"), "plan\n");
    await Deno.symlink(join(root, "secret"), join(root, "ws", "linked.md"));
    assertEquals(await resolvesInside(join(root, "ws", "plan.md"), [join(root, "ws")]), true);
    assertEquals(await resolvesInside(join(root, "ws", "linked.md"), [join(root, "ws")]), false);
    assertEquals(await resolvesInside(join(root, "ws", "gone.md"), [join(root, "ws")]), false);
    assertEquals(await resolvesInside(join(root, "ws2"), [join(root, "ws")]), false);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
