import { join } from "node:path";
import { assert, assertEquals } from "../_helpers/assert.ts";
import { makeSandbox } from "../_helpers/sandbox.ts";
import { renderSddDirectoryMap } from "../../scripts/assets/sdd_directory_map.ts";
import { checkSddInit, runSddInit } from "../../core/sdd/init.ts";

/** A module by a run-time specifier the type checker does not follow. */
function importUntyped(specifier: string): Promise<unknown> {
  return import(specifier);
}

/** jimp's decoder, imported by a run-time specifier (its Node typings stay out of the test program). */
async function decodePng(
  bytes: Uint8Array,
): Promise<{ getPixelColor(x: number, y: number): number }> {
  const { Jimp } = await importUntyped("jimp") as {
    Jimp: { read(data: ArrayBuffer): Promise<{ getPixelColor(x: number, y: number): number }> };
  };
  return await Jimp.read(bytes.slice().buffer);
}

const ASSET = new URL("../../core/sdd/assets/sdd-directory-map.png", import.meta.url);

Deno.test("the bundled directory map is exactly what the generator draws", async () => {
  const committed = await Deno.readFile(ASSET);
  const fresh = await renderSddDirectoryMap();
  assertEquals(fresh.length, committed.length);
  assert(
    fresh.every((byte, i) => byte === committed[i]),
    "rerun scripts/assets/sdd_directory_map.ts",
  );
});

Deno.test("the directory map is a 960x540 PNG with the boxes' colours where the boxes are", async () => {
  const bytes = await Deno.readFile(ASSET);
  assertEquals([...bytes.slice(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  assertEquals(new TextDecoder().decode(bytes.slice(12, 16)), "IHDR");
  assertEquals([view.getUint32(16), view.getUint32(20)], [960, 540]);
  // Decode it with the image library itself and look at a few pixels.
  const image = await decodePng(bytes);
  const at = (x: number, y: number) => image.getPixelColor(x, y) >>> 0;
  assertEquals(at(5, 5), 0xffffffff, "white background");
  assertEquals(at(60, 282), 0xdbeafeff, "inside the prompts box: light blue");
  assertEquals(at(900, 282), 0xfef3c7ff, "inside the beads box: light amber");
  assertEquals(at(40, 245), 0x1f2937ff, "the prompts box's border");
  assertEquals(at(590, 160), 0xdcfce7ff, "inside the tales box: light green");
  assertEquals(at(440, 300), 0xb45309ff, "the legends-to-epics arrow: brown");
});

Deno.test("sdd init writes the directory map, --check compares its bytes", async () => {
  await using sb = await makeSandbox();
  const sdd = join(sb.cwd, "sdd");
  await runSddInit(sb.cwd, sdd);
  const written = await Deno.readFile(join(sdd, "assets", "sdd-directory-map.png"));
  const bundled = await Deno.readFile(ASSET);
  assert(written.length === bundled.length && written.every((b, i) => b === bundled[i]));
  const state = async () =>
    (await checkSddInit(sb.cwd, sdd)).items.find((i) => i.path.endsWith("sdd-directory-map.png"))
      ?.state;
  assertEquals(await state(), "current");
  await Deno.writeFile(join(sdd, "assets", "sdd-directory-map.png"), written.slice(0, 100));
  assertEquals(await state(), "stale");
  await Deno.remove(join(sdd, "assets", "sdd-directory-map.png"));
  assertEquals(await state(), "missing");
  const report = await runSddInit(sb.cwd, sdd);
  assertEquals(report.written, [join(sdd, "assets", "sdd-directory-map.png")]);
});
