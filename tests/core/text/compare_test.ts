import { assertEquals } from "../../_helpers/assert.ts";
import { compareCaseInsensitive, compareCodeUnits } from "../../../core/text/compare.ts";

Deno.test("compareCodeUnits orders by UTF-16 code unit, whatever the locale would say", () => {
  const cases: [string, string, number][] = [
    ["a", "b", -1],
    ["b", "a", 1],
    ["same", "same", 0],
    ["", "a", -1],
    ["ab", "a", 1],
    ["Z", "a", -1], // 0x5a < 0x61
    ["my-proj", "my_proj", -1], // `-` 0x2d < `_` 0x5f
    ["my_proj", "my2", 1], // `_` 0x5f > `2` 0x32
    ["20261101120000", "20261101115959", 1],
    ["é", "z", 1], // U+00E9 after ASCII
  ];
  for (const [a, b, expected] of cases) {
    assertEquals(compareCodeUnits(a, b), expected, `${a} vs ${b}`);
  }
});

Deno.test("compareCaseInsensitive compares lower-cased text, then breaks case ties by code unit", () => {
  const cases: [string, string, number][] = [
    ["Alpha", "beta", -1],
    ["beta", "Alpha", 1],
    ["Web", "web", -1],
    ["web", "Web", 1],
    ["web", "web", 0],
    ["my-proj", "my2", -1],
    ["my2", "my_proj", -1],
    ["Zeta", "alpha", 1],
  ];
  for (const [a, b, expected] of cases) {
    assertEquals(compareCaseInsensitive(a, b), expected, `${a} vs ${b}`);
  }
});
