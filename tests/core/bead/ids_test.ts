/**
 * Id allocation as the original does it (sase-org/sase's own store holds
 * `sase-9`, `sase-a`, `sase-10`, `sase-3r`, `sase-3a.88` with
 * `next_counter: 189`): the top-level counter in base 36, child numbers in
 * decimal, always past every id already used.
 */

import { assertEquals } from "../../_helpers/assert.ts";
import { join } from "node:path";
import { nextChildId, nextCounter, topLevelId } from "../../../core/bead/ids.ts";
import { initStore } from "../../../core/bead/init.ts";
import { mutateStore } from "../../../core/bead/store.ts";
import { planCreate } from "../../../core/bead/mutate.ts";

Deno.test("top-level ids write the counter in base 36", () => {
  assertEquals(
    [1, 9, 10, 35, 36, 189, 201].map((counter) => topLevelId("sase", counter)),
    ["sase-1", "sase-9", "sase-a", "sase-z", "sase-10", "sase-59", "sase-5l"],
  );
});

Deno.test("the next counter passes config.json and every base-36 id of the prefix", () => {
  const used = ["sase-10", "sase-3r", "sase-3r.2", "sase-5l", "sase-ai-a1", "other-zz"];
  assertEquals(nextCounter("sase", 189, used), 202); // sase-5l = 201
  assertEquals(nextCounter("sase", 500, used), 500);
  assertEquals(nextCounter("sase", 1, []), 1);
  // "sase-ai-a1" belongs to the prefix "sase-ai": its counter is a1.
  assertEquals(nextCounter("sase-ai", 1, used), 362);
});

Deno.test("child numbers stay decimal", () => {
  assertEquals(
    nextChildId("sase-3a", ["sase-3a.9", "sase-3a.88", "sase-3a.88.1", "sase-3ab.99"]),
    "sase-3a.89",
  );
});

Deno.test("the tenth plan of a fresh store is <prefix>-a, as the original names it", async () => {
  const root = await Deno.makeTempDir({ prefix: "sase-bead-ids-" });
  try {
    const dir = join(root, "beads");
    await initStore(dir, { prefix: "p", owner: "", actor: "t" });
    const ids: string[] = [];
    for (let i = 0; i < 11; i++) {
      ids.push(
        await mutateStore(
          dir,
          { actor: "t" },
          (ctx) => planCreate(ctx, { title: `Plan ${i}`, type: { kind: "plan", file: "p.md" } }),
        ),
      );
    }
    assertEquals(ids.slice(8), ["p-9", "p-a", "p-b"]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
