/**
 * Draws `core/sdd/assets/sdd-directory-map.png`, the picture of an SDD tree
 * that `sase sdd init` writes to `sdd/assets/`: prompt snapshots linked to
 * the plans they produced (tales, epics, legends), legends owning epics,
 * epics driving beads, and the context directories (myths, research)
 * beside them. Rendered with jimp (PNG encoder and its bundled Open Sans
 * bitmap fonts); the output is deterministic, so the committed file can be
 * checked against a fresh render.
 *
 * Usage: `deno run -A scripts/assets/sdd_directory_map.ts [OUTPUT]`.
 *
 * @module
 */

import { fileURLToPath } from "node:url";

/** Where the committed asset lives. */
export const ASSET_PATH = fileURLToPath(
  new URL("../../core/sdd/assets/sdd-directory-map.png", import.meta.url),
);

/** The picture's size in pixels. */
export const SIZE = { width: 960, height: 540 } as const;

/** The colours of the picture, as 0xRRGGBBAA. */
export const COLORS = {
  background: 0xffffffff,
  prompts: 0xdbeafeff,
  plans: 0xdcfce7ff,
  beads: 0xfef3c7ff,
  context: 0xf3f4f6ff,
  border: 0x1f2937ff,
  link: 0x2563ebff,
  flow: 0xb45309ff,
} as const;

/** A box of the picture: its place, fill and two lines of text. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
  fill: number;
  title: string;
  note: string;
}

/** Every box, in drawing order. */
export const BOXES: Readonly<Record<string, Box>> = {
  prompts: {
    x: 40,
    y: 200,
    w: 230,
    h: 90,
    fill: COLORS.prompts,
    title: "prompts/{YYYYMM}/",
    note: "prompt snapshots",
  },
  tales: {
    x: 380,
    y: 90,
    w: 230,
    h: 80,
    fill: COLORS.plans,
    title: "tales/{YYYYMM}/",
    note: "ordinary plans",
  },
  epics: {
    x: 380,
    y: 210,
    w: 230,
    h: 80,
    fill: COLORS.plans,
    title: "epics/{YYYYMM}/",
    note: "multi-phase plans",
  },
  legends: {
    x: 380,
    y: 330,
    w: 230,
    h: 80,
    fill: COLORS.plans,
    title: "legends/{YYYYMM}/",
    note: "own linked epics",
  },
  beads: {
    x: 700,
    y: 210,
    w: 220,
    h: 80,
    fill: COLORS.beads,
    title: "beads/",
    note: "bead issue store",
  },
  myths: {
    x: 40,
    y: 440,
    w: 230,
    h: 70,
    fill: COLORS.context,
    title: "myths/",
    note: "long-horizon context",
  },
  research: {
    x: 700,
    y: 440,
    w: 220,
    h: 70,
    fill: COLORS.context,
    title: "research/{YYYYMM}/",
    note: "findings, options",
  },
};

/**
 * The part of jimp this script uses. jimp is imported by a run-time
 * specifier so its type graph (which brings its own Node typings, at odds
 * with Deno's `node:sqlite`) never joins a `deno check`/`deno test` program.
 */
interface Image {
  setPixelColor(color: number, x: number, y: number): unknown;
  print(options: { font: unknown; x: number; y: number; text: string }): unknown;
  getBuffer(mime: "image/png"): Promise<Uint8Array>;
}

interface Jimp {
  Jimp: new (options: { width: number; height: number; color: number }) => Image;
  loadFont(path: string): Promise<unknown>;
}

interface JimpFonts {
  SANS_14_BLACK: string;
  SANS_16_BLACK: string;
  SANS_32_BLACK: string;
}

type Font = unknown;

/** Import `specifier` without letting the type checker follow it. */
function importUntyped<T>(specifier: string): Promise<T> {
  return import(specifier) as Promise<T>;
}

async function loadJimp(): Promise<{ jimp: Jimp; fonts: JimpFonts }> {
  // jimp takes a global `self` (which Deno defines) for a browser worker and
  // would fetch its fonts; hide it so it reads them from the package files.
  const saved = Object.getOwnPropertyDescriptor(globalThis, "self");
  Object.defineProperty(globalThis, "self", {
    value: undefined,
    configurable: true,
    writable: true,
  });
  try {
    const jimp = await importUntyped<Jimp>("jimp");
    const fonts = await importUntyped<JimpFonts>("jimp/fonts");
    return { jimp, fonts };
  } finally {
    if (saved) Object.defineProperty(globalThis, "self", saved);
  }
}

function fillRect(image: Image, x: number, y: number, w: number, h: number, color: number): void {
  for (let dy = 0; dy < h; dy++) {
    for (let dx = 0; dx < w; dx++) image.setPixelColor(color, x + dx, y + dy);
  }
}

function strokeRect(image: Image, box: Box, color: number): void {
  for (const t of [0, 1]) {
    fillRect(image, box.x, box.y + t, box.w, 1, color);
    fillRect(image, box.x, box.y + box.h - 1 - t, box.w, 1, color);
    fillRect(image, box.x + t, box.y, 1, box.h, color);
    fillRect(image, box.x + box.w - 1 - t, box.y, 1, box.h, color);
  }
}

/** A 3-pixel line from (x0, y0) to (x1, y1), with an arrowhead at the end. */
function arrow(image: Image, x0: number, y0: number, x1: number, y1: number, color: number): void {
  const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0));
  for (let i = 0; i <= steps; i++) {
    const x = Math.round(x0 + ((x1 - x0) * i) / steps);
    const y = Math.round(y0 + ((y1 - y0) * i) / steps);
    fillRect(image, x - 1, y - 1, 3, 3, color);
  }
  const angle = Math.atan2(y1 - y0, x1 - x0);
  for (let d = 0; d <= 14; d++) {
    const spread = d * 0.5;
    for (let s = -spread; s <= spread; s++) {
      const x = Math.round(x1 - d * Math.cos(angle) - s * Math.sin(angle));
      const y = Math.round(y1 - d * Math.sin(angle) + s * Math.cos(angle));
      image.setPixelColor(color, x, y);
    }
  }
}

function drawBox(image: Image, box: Box, title: Font, note: Font): void {
  fillRect(image, box.x, box.y, box.w, box.h, box.fill);
  strokeRect(image, box, COLORS.border);
  image.print({ font: title, x: box.x + 14, y: box.y + 14, text: box.title });
  image.print({ font: note, x: box.x + 14, y: box.y + 44, text: box.note });
}

/** Render the picture; resolves to the PNG bytes. */
export async function renderSddDirectoryMap(): Promise<Uint8Array> {
  const { jimp, fonts } = await loadJimp();
  const [heading, title, note] = await Promise.all([
    jimp.loadFont(fonts.SANS_32_BLACK),
    jimp.loadFont(fonts.SANS_16_BLACK),
    jimp.loadFont(fonts.SANS_14_BLACK),
  ]);
  const image = new jimp.Jimp({ ...SIZE, color: COLORS.background });
  image.print({ font: heading, x: 40, y: 24, text: "sdd/  Spec-Driven Development" });
  const b = BOXES;
  const right = (box: Box) => box.x + box.w;
  const middle = (box: Box) => box.y + box.h / 2;
  // Prompt snapshots link to their plans (`plan:`), plans back (`prompt:`).
  for (const plan of [b.tales, b.epics, b.legends]) {
    arrow(image, right(b.prompts), middle(b.prompts), plan.x - 2, middle(plan), COLORS.link);
  }
  image.print({ font: note, x: 44, y: 172, text: "links: plan: / prompt:" });
  // A legend owns epics; an epic's phases become beads.
  arrow(
    image,
    b.legends.x + 60,
    b.legends.y,
    b.epics.x + 60,
    b.epics.y + b.epics.h + 2,
    COLORS.flow,
  );
  image.print({ font: note, x: b.legends.x + 70, y: 298, text: "owns" });
  arrow(image, right(b.epics), middle(b.epics), b.beads.x - 2, middle(b.beads), COLORS.flow);
  image.print({ font: note, x: 622, y: 222, text: "bead work" });
  for (const box of Object.values(b)) drawBox(image, box, title, note);
  image.print({
    font: note,
    x: 300,
    y: 470,
    text: "context: not part of the prompt/plan links",
  });
  return new Uint8Array(await image.getBuffer("image/png"));
}

if (import.meta.main) {
  const output = Deno.args[0] ?? ASSET_PATH;
  await Deno.writeFile(output, await renderSddDirectoryMap());
  console.log(`wrote ${output}`);
}
