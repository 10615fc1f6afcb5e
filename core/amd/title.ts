/**
 * Where an AMD root's `amd_h1_title` comes from: an ordinary root only its
 * own `./sase.yml` (a global value never opts a repository in); the live
 * home root the user config (`~/.config/sase/sase.yml`, then the
 * `sase_*.yml` overlays, alphabetically, the last one setting it winning);
 * the chezmoi home source its `dot_config/sase/` files, so edited dotfile
 * config drives the source `AGENTS.md` before `chezmoi apply`.
 *
 * @module
 */

import { SaseError } from "../errors.ts";
import { join } from "../fs/path.ts";
import { readTextIfExists } from "../memory/fs.ts";
import { parse } from "../yaml/lib.ts";

async function titleIn(path: string): Promise<string | null> {
  const text = await readTextIfExists(path);
  if (text === null) return null;
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new SaseError("amd.config", `${path}: not valid YAML: ${(error as Error).message}`, {
      hint: "fix the YAML, then rerun",
      kind: "invalid-data",
    });
  }
  const title = (data as Record<string, unknown> | null)?.amd_h1_title;
  return typeof title === "string" && title.trim() ? title.trim() : null;
}

/** The `amd_h1_title` of `<root>/sase.yml` only. */
export function localAmdTitle(root: string): Promise<string | null> {
  return titleIn(join(root, "sase.yml"));
}

/** The title a config directory's `sase.yml` and `sase_*.yml` files set (overlays win). */
export async function configDirAmdTitle(dir: string): Promise<string | null> {
  let title = await titleIn(join(dir, "sase.yml"));
  const overlays: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.isFile && /^sase_.+\.yml$/.test(entry.name)) overlays.push(entry.name);
    }
  } catch {
    // No config directory: no overlays.
  }
  for (const name of overlays.sort()) title = (await titleIn(join(dir, name))) ?? title;
  return title;
}
