import {
  colorRgb,
  colorSgr,
  detectColorDepth,
  rgbTo16,
  rgbTo256,
} from "../../../tui/engine/color.ts";
import { assertEquals, assertThrows } from "../../_helpers/assert.ts";

const envOf = (vars: Record<string, string>) => (name: string) => vars[name];

Deno.test("detectColorDepth: NO_COLOR wins, then COLORTERM, then a 256-colour TERM, else 16", () => {
  assertEquals(detectColorDepth(envOf({ NO_COLOR: "1", COLORTERM: "truecolor" })), "none");
  // An empty NO_COLOR does not count (no-color.org: "present and not an empty string").
  assertEquals(detectColorDepth(envOf({ NO_COLOR: "", COLORTERM: "truecolor" })), "truecolor");
  assertEquals(detectColorDepth(envOf({ COLORTERM: "24bit", TERM: "xterm" })), "truecolor");
  assertEquals(detectColorDepth(envOf({ COLORTERM: "TrueColor" })), "truecolor");
  assertEquals(detectColorDepth(envOf({ TERM: "tmux-256color" })), "256");
  assertEquals(detectColorDepth(envOf({ COLORTERM: "yes", TERM: "xterm-256color" })), "256");
  assertEquals(detectColorDepth(envOf({ TERM: "xterm" })), "16");
  assertEquals(detectColorDepth(envOf({})), "16");
});

Deno.test("rgbTo256: cube colours and grays map to their exact palette entries", () => {
  assertEquals(rgbTo256([255, 0, 0]), 196); // 16 + 36*5
  assertEquals(rgbTo256([0, 0, 0]), 16);
  assertEquals(rgbTo256([95, 135, 175]), 16 + 36 * 1 + 6 * 2 + 3);
  // A mid gray is closer to the ramp (232 + (128-8)/10 = 244: 128) than to the cube.
  assertEquals(rgbTo256([128, 128, 128]), 244);
  assertEquals(rgbTo256([0x87, 0x87, 0xaf]), 103); // the handbook's runtime-suffix colour #8787AF
});

Deno.test("rgbTo16: the nearest ANSI colour", () => {
  assertEquals(rgbTo16([250, 10, 10]), 9); // bright red (255,0,0) beats red (205,0,0)
  assertEquals(rgbTo16([200, 0, 0]), 1);
  assertEquals(rgbTo16([130, 130, 130]), 8);
  assertEquals(rgbTo16([255, 255, 255]), 15);
});

Deno.test("colorSgr: each depth's encoding, foreground and background", () => {
  assertEquals(colorSgr("#ff8700", "truecolor", false), "38;2;255;135;0");
  assertEquals(colorSgr("#ff8700", "truecolor", true), "48;2;255;135;0");
  assertEquals(colorSgr("#ff8700", "256", false), "38;5;208");
  assertEquals(colorSgr(208, "truecolor", false), "38;5;208");
  // #ff8700 to the 16: yellow (205,205,0) is at 50²+70² = 7400, bright red (255,0,0) at 135².
  assertEquals(colorSgr("#ff8700", "16", false), "33");
  assertEquals(colorSgr(1, "16", false), "31");
  assertEquals(colorSgr(9, "16", false), "91");
  assertEquals(colorSgr(9, "16", true), "101");
  assertEquals(colorSgr(4, "16", true), "44");
  assertEquals(colorSgr("#ff0000", "none", false), "");
});

Deno.test("colorRgb: refuses what is not a colour", () => {
  assertThrows(() => colorRgb("red"), TypeError, 'not a colour: "red"');
  assertThrows(() => colorRgb("#12345"), TypeError, "not a colour");
  assertThrows(() => colorRgb(256), TypeError, "not a palette index: 256");
  assertThrows(() => colorRgb(-1), TypeError, "not a palette index: -1");
  assertEquals(colorRgb(255), [238, 238, 238]);
  assertEquals(colorRgb(232), [8, 8, 8]);
});
