import { inset, splitBottom, splitTop } from "../../../tui/engine/geometry.ts";
import { assertEquals } from "../../_helpers/assert.ts";

const SCREEN = { x: 0, y: 0, width: 80, height: 24 };

Deno.test("splitTop / splitBottom: the rows asked for, clamped to the rectangle", () => {
  assertEquals(splitTop(SCREEN, 1), [
    { x: 0, y: 0, width: 80, height: 1 },
    { x: 0, y: 1, width: 80, height: 23 },
  ]);
  assertEquals(splitBottom(SCREEN, 2), [
    { x: 0, y: 0, width: 80, height: 22 },
    { x: 0, y: 22, width: 80, height: 2 },
  ]);
  assertEquals(splitTop(SCREEN, 30)[1].height, 0);
  assertEquals(splitBottom(SCREEN, -1)[1].height, 0);
});

Deno.test("inset: each side, never below zero size", () => {
  assertEquals(inset(SCREEN, 1), { x: 1, y: 1, width: 78, height: 22 });
  assertEquals(inset(SCREEN, 1, 2, 3, 4), { x: 4, y: 1, width: 74, height: 20 });
  assertEquals(inset({ x: 0, y: 0, width: 1, height: 1 }, 1), { x: 1, y: 1, width: 0, height: 0 });
});
