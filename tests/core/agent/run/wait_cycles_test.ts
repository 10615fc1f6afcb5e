import { assertEquals, assertRejects } from "../../../_helpers/assert.ts";
import { SaseError } from "../../../../core/errors.ts";
import { assertNoWaitCycle, findWaitCycle } from "../../../../core/agent/run/wait_cycles.ts";

const none = () => Promise.resolve([]);

Deno.test("findWaitCycle: self-waits, pairs and longer loops, in launch order", async () => {
  assertEquals(await findWaitCycle([{ name: "a", waits: ["a"] }], none), ["a", "a"]);
  assertEquals(
    await findWaitCycle([{ name: "a", waits: ["b"] }, { name: "b", waits: ["a"] }], none),
    ["a", "b", "a"],
  );
  assertEquals(
    await findWaitCycle([
      { name: "p", waits: [] },
      { name: "q", waits: ["s"] },
      { name: "r", waits: ["q"] },
      { name: "s", waits: ["r"] },
    ], none),
    ["q", "s", "r", "q"],
  );
  // A cycle behind an unnamed agent's wait is still found.
  assertEquals(
    await findWaitCycle([
      { waits: ["m"] },
      { name: "m", waits: ["n"] },
      { name: "n", waits: ["m"] },
    ], none),
    ["m", "n", "m"],
  );
});

Deno.test("findWaitCycle: chains, diamonds and waits on earlier agents are not cycles", async () => {
  assertEquals(
    await findWaitCycle([
      { name: "a", waits: [] },
      { name: "b", waits: ["a"] },
      { name: "c", waits: ["a"] },
      { name: "d", waits: ["b", "c"] },
    ], none),
    undefined,
  );
  assertEquals(await findWaitCycle([{ name: "new", waits: ["old"] }], none), undefined);
  // The earlier agent waits for something else: still fine.
  const earlier = (name: string) => Promise.resolve(name === "old" ? ["other"] : []);
  assertEquals(await findWaitCycle([{ name: "new", waits: ["old"] }], earlier), undefined);
});

Deno.test("findWaitCycle: an earlier agent still waiting for one of this launch closes a cycle", async () => {
  const asked: string[] = [];
  const earlier = (name: string) => {
    asked.push(name);
    return Promise.resolve(name === "x" ? ["mid"] : name === "mid" ? ["y"] : []);
  };
  assertEquals(await findWaitCycle([{ name: "y", waits: ["x"] }], earlier), [
    "y",
    "x",
    "mid",
    "y",
  ]);
  // Each earlier agent is looked up once.
  assertEquals(asked, ["x", "mid"]);
});

Deno.test("assertNoWaitCycle names the cycle in a usage error", async () => {
  const error = (await assertRejects(
    () => assertNoWaitCycle([{ name: "a", waits: ["b"] }, { name: "b", waits: ["a"] }], none),
    SaseError,
    "%wait cycle: a -> b -> a: these agents would wait for each other forever",
  )) as SaseError;
  assertEquals([error.code, error.kind], ["launch.wait_cycle", "invalid-input"]);
  await assertRejects(
    () => assertNoWaitCycle([{ name: "solo", waits: ["solo"] }], none),
    SaseError,
    "agent 'solo' waits for itself (%wait:solo)",
  );
  await assertNoWaitCycle([{ name: "a", waits: [] }], () => {
    throw new Error("no lookups without waits");
  });
});
