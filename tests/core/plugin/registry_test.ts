import { assertEquals } from "../../_helpers/assert.ts";
import { PluginRegistry } from "../../../core/plugin/registry.ts";
import { firstByKey } from "../../../core/plugin/first_by_key.ts";

/** A registry of `sase_xprompts` entries whose loads are counted; `"throw"` fails to load. */
function xpromptRegistry(values: string[]): { registry: PluginRegistry; loads: string[] } {
  const registry = new PluginRegistry();
  const loads: string[] = [];
  for (const value of values) {
    registry.register({
      group: "sase_xprompts",
      name: value,
      plugin: `p_${value}`,
      source: `./${value}.ts`,
      load: () => {
        loads.push(value);
        return value === "throw" ? Promise.reject(new Error("bad dir")) : Promise.resolve(value);
      },
    });
  }
  return { registry, loads };
}

Deno.test("firstResult: the first answer wins and later entries are never loaded", async () => {
  const { registry, loads } = xpromptRegistry(["a", "b", "c"]);
  const answer = await registry.firstResult(
    "sase_xprompts",
    (dir) => dir === "b" ? "got b" : undefined,
  );
  assertEquals(answer, "got b");
  assertEquals(loads, ["a", "b"]);
  assertEquals(await registry.firstResult("sase_xprompts", () => undefined), undefined);
  // Each entry loads once, however often it is asked.
  assertEquals(loads, ["a", "b", "c"]);
});

Deno.test("collectAll: every answer in registration order, undefined answers left out", async () => {
  const { registry } = xpromptRegistry(["a", "b", "c"]);
  assertEquals(
    await registry.collectAll(
      "sase_xprompts",
      (dir) => dir === "b" ? undefined : dir.toUpperCase(),
    ),
    ["A", "C"],
  );
  // Another group's entries are not asked.
  assertEquals(await registry.collectAll("sase_config", (path) => path), []);
});

Deno.test("an entry that throws while loading is skipped and recorded as a failure", async () => {
  const { registry } = xpromptRegistry(["a", "throw", "c"]);
  assertEquals(await registry.collectAll("sase_xprompts", (dir) => dir), ["a", "c"]);
  assertEquals(
    await registry.firstResult("sase_xprompts", (dir) => dir === "c" ? dir : undefined),
    "c",
  );
  // Recorded once, although two dispatches met it.
  assertEquals(registry.failures(), [{
    plugin: "p_throw",
    source: "./throw.ts",
    group: "sase_xprompts",
    message: "bad dir",
  }]);
});

Deno.test("firstByKey keeps the first item of each key (a plugin never replaces a built-in)", () => {
  const items = [{ k: "claude", from: "builtin" }, { k: "x", from: "p1" }, {
    k: "claude",
    from: "p2",
  }];
  assertEquals([...firstByKey(items, (item) => item.k).values()], [
    { k: "claude", from: "builtin" },
    { k: "x", from: "p1" },
  ]);
});
