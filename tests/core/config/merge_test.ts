import { assertEquals } from "../../_helpers/assert.ts";
import { deepMerge, getPath, mergeLayers } from "../../../core/config/merge.ts";

// The layer stack of the original implementation's config parity test
// (guide anchor_repo.md A19), folded through our merge.
Deno.test("the A19 layer example merges to the original's exact values", () => {
  const merged = mergeLayers([
    {
      strategy: "concatenate",
      value: {
        timezone: "America/New_York",
        use_chezmoi: false,
        axe: { max_hook_runners: 3, chop_script_dirs: ["a"] },
        linked_repos: [{ name: "core" }],
      },
    },
    {
      strategy: "concatenate",
      value: { axe: { chop_script_dirs: ["b"] }, linked_repos: [{ name: "plugin" }] },
    },
    {
      strategy: "replace",
      value: {
        timezone: "US/Pacific",
        axe: { max_hook_runners: 5 },
        linked_repos: [{ name: "user" }],
        sibling_repos: [{ name: "dep" }],
      },
    },
    {
      strategy: "concatenate",
      value: { axe: { chop_script_dirs: ["c"] }, linked_repos: [{ name: "overlay" }] },
    },
    { strategy: "concatenate", value: { use_chezmoi: true, linked_repos: [{ name: "local" }] } },
    { strategy: "concatenate", value: null },
  ]);
  assertEquals(merged, {
    axe: { chop_script_dirs: ["a", "b", "c"], max_hook_runners: 5 },
    linked_repos: [{ name: "user" }, { name: "overlay" }, { name: "local" }],
    sibling_repos: [{ name: "dep" }],
    timezone: "US/Pacific",
    use_chezmoi: true,
  });
  assertEquals(Object.keys(merged), [
    "axe",
    "linked_repos",
    "sibling_repos",
    "timezone",
    "use_chezmoi",
  ]);
});

Deno.test("lists replace in a replace layer and concatenate otherwise", () => {
  assertEquals(deepMerge({ items: ["a"] }, { items: ["x"] }, "replace"), { items: ["x"] });
  assertEquals(deepMerge({ items: ["a"] }, { items: ["x"] }, "concatenate"), { items: ["a", "x"] });
});

Deno.test("tools entries are replaced whole instead of concatenating argv", () => {
  const merged = deepMerge(
    { tools: { check: { argv: ["echo", "user"] }, fmt: { argv: ["fmt"] } } },
    { tools: { check: { argv: ["just", "check"] } } },
    "concatenate",
  );
  assertEquals(merged, { tools: { check: { argv: ["just", "check"] }, fmt: { argv: ["fmt"] } } });
});

Deno.test("getPath walks dotted keys and list indexes", () => {
  const config = { axe: { lumberjacks: { hooks: { chops: ["a", "b"] } } } };
  assertEquals(getPath(config, "axe.lumberjacks.hooks.chops.1"), "b");
  assertEquals(getPath(config, "axe.missing"), undefined);
});
