/**
 * The binary files `sase sdd init` writes beside its guides: the directory
 * map picture (`assets/sdd-directory-map.png`, drawn by
 * `scripts/assets/sdd_directory_map.ts`). They ship in `core/sdd/assets/`,
 * read relative to this module (kept by `deno compile --include core`).
 *
 * @module
 */

import { join } from "../fs/path.ts";
import { READ_LIMITS, readBytesBounded } from "../fs/bounded_read.ts";

/** SDD-root-relative path → bundled file name. */
const ASSETS: Readonly<Record<string, string>> = {
  "assets/sdd-directory-map.png": "sdd-directory-map.png",
};

/** Every generated binary file: SDD-root-relative path → bytes. */
export async function generatedAssets(): Promise<ReadonlyMap<string, Uint8Array>> {
  const dir = join(import.meta.dirname ?? ".", "assets");
  const assets = new Map<string, Uint8Array>();
  for (const [relpath, name] of Object.entries(ASSETS)) {
    assets.set(relpath, await readBytesBounded(join(dir, name), READ_LIMITS.document));
  }
  return assets;
}
