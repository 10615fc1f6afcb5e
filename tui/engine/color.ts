/**
 * Colours and the terminal's colour depth: a colour is written once (as
 * `#rrggbb` or an xterm palette index) and each frame is encoded for the
 * depth the terminal supports, falling back truecolor → 256 → 16, or no
 * colour at all under `NO_COLOR`.
 *
 * @module
 */

/** A colour: `#rrggbb` (truecolor) or an xterm palette index 0-255. */
export type Color = string | number;

/** What the terminal can show: 24-bit, the xterm 256 palette, the 16 ANSI colours, or none. */
export type ColorDepth = "truecolor" | "256" | "16" | "none";

/**
 * The colour depth the environment announces. `NO_COLOR` (any non-empty
 * value, per no-color.org) wins; then `COLORTERM=truecolor|24bit`; then a
 * `TERM` naming 256 colours; anything else gets the 16 ANSI colours, which
 * every terminal able to run a full-screen UI has.
 */
export function detectColorDepth(env: (name: string) => string | undefined): ColorDepth {
  if ((env("NO_COLOR") ?? "") !== "") return "none";
  const colorTerm = (env("COLORTERM") ?? "").toLowerCase();
  if (colorTerm === "truecolor" || colorTerm === "24bit") return "truecolor";
  if ((env("TERM") ?? "").includes("256color")) return "256";
  return "16";
}

/** The xterm default values of the 16 ANSI colours, what fallback measures distance against. */
const ANSI16: readonly (readonly [number, number, number])[] = [
  [0, 0, 0],
  [205, 0, 0],
  [0, 205, 0],
  [205, 205, 0],
  [0, 0, 238],
  [205, 0, 205],
  [0, 205, 205],
  [229, 229, 229],
  [127, 127, 127],
  [255, 0, 0],
  [0, 255, 0],
  [255, 255, 0],
  [92, 92, 255],
  [255, 0, 255],
  [0, 255, 255],
  [255, 255, 255],
];

/** The six levels of each channel in the xterm 6×6×6 colour cube (indexes 16-231). */
const CUBE_LEVELS = [0, 95, 135, 175, 215, 255];

type Rgb = readonly [number, number, number];

/** The RGB value of a colour (a palette index resolves through the xterm palette). */
export function colorRgb(color: Color): Rgb {
  if (typeof color === "number") return paletteRgb(color);
  const match = /^#([0-9a-fA-F]{6})$/.exec(color);
  if (!match) throw new TypeError(`not a colour: ${JSON.stringify(color)} (use #rrggbb or 0-255)`);
  const value = parseInt(match[1], 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function paletteRgb(index: number): Rgb {
  if (!Number.isInteger(index) || index < 0 || index > 255) {
    throw new TypeError(`not a palette index: ${index} (use 0-255)`);
  }
  if (index < 16) return ANSI16[index];
  if (index < 232) {
    const n = index - 16;
    return [
      CUBE_LEVELS[Math.floor(n / 36)],
      CUBE_LEVELS[Math.floor(n / 6) % 6],
      CUBE_LEVELS[n % 6],
    ];
  }
  const gray = 8 + (index - 232) * 10;
  return [gray, gray, gray];
}

function distance(a: Rgb, b: Rgb): number {
  return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2;
}

function nearestLevel(channel: number): number {
  let best = 0;
  for (let i = 1; i < CUBE_LEVELS.length; i++) {
    if (Math.abs(CUBE_LEVELS[i] - channel) < Math.abs(CUBE_LEVELS[best] - channel)) best = i;
  }
  return best;
}

/** The nearest xterm 256-palette index to `rgb`: the closer of the cube colour and the gray ramp. */
export function rgbTo256(rgb: Rgb): number {
  const [r, g, b] = rgb.map(nearestLevel);
  const cube = 16 + 36 * r + 6 * g + b;
  const average = (rgb[0] + rgb[1] + rgb[2]) / 3;
  const grayStep = Math.max(0, Math.min(23, Math.round((average - 8) / 10)));
  const gray = 232 + grayStep;
  return distance(rgb, paletteRgb(gray)) < distance(rgb, paletteRgb(cube)) ? gray : cube;
}

/** The nearest of the 16 ANSI colours to `rgb`. */
export function rgbTo16(rgb: Rgb): number {
  let best = 0;
  for (let i = 1; i < 16; i++) {
    if (distance(rgb, ANSI16[i]) < distance(rgb, ANSI16[best])) best = i;
  }
  return best;
}

/**
 * The SGR parameters selecting `color` as foreground (or background when
 * `background`), encoded for `depth`; "" under depth `none`.
 */
export function colorSgr(color: Color, depth: ColorDepth, background: boolean): string {
  if (depth === "none") return "";
  const base = background ? 48 : 38;
  if (depth === "truecolor" && typeof color === "string") {
    const [r, g, b] = colorRgb(color);
    return `${base};2;${r};${g};${b}`;
  }
  let index = typeof color === "number" ? color : rgbTo256(colorRgb(color));
  if (depth === "256" || (depth === "truecolor" && index >= 16)) return `${base};5;${index}`;
  if (index >= 16) index = rgbTo16(paletteRgb(index));
  const offset = background ? 40 : 30;
  return String(index < 8 ? offset + index : offset + 60 + index - 8);
}
