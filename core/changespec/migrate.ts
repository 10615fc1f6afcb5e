/**
 * `.gp` → `.sase` migration of legacy ProjectSpec filenames. Only names
 * change; file contents are never rewritten.
 *
 * @module
 */

import { join } from "node:path";

/** What happened to one legacy file. */
export interface MigrationAction {
  from: string;
  to: string;
  action: "renamed" | "removed_duplicate" | "conflict" | "replaced";
}

async function readOrNull(path: string): Promise<Uint8Array | null> {
  try {
    return await Deno.readFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/**
 * Rename every `*.gp` file one level below `projectsDir/<project>/` to
 * `.sase`. An identical `.sase` sibling makes the `.gp` redundant (removed);
 * a differing one is a conflict that keeps both unless `force`.
 * Running it again finds nothing to do.
 */
export async function migrateExtensions(
  projectsDir: string,
  force = false,
): Promise<MigrationAction[]> {
  const actions: MigrationAction[] = [];
  let dirs: Deno.DirEntry[];
  try {
    dirs = [...Deno.readDirSync(projectsDir)].filter((d) => d.isDirectory);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return actions;
    throw error;
  }
  dirs.sort((a, b) => a.name < b.name ? -1 : 1);
  for (const dir of dirs) {
    const files = [...Deno.readDirSync(join(projectsDir, dir.name))]
      .filter((f) => f.isFile && f.name.endsWith(".gp"))
      .map((f) => f.name)
      .sort();
    for (const name of files) {
      const from = join(projectsDir, dir.name, name);
      const to = from.slice(0, -".gp".length) + ".sase";
      const existing = await readOrNull(to);
      if (existing === null) {
        await Deno.rename(from, to);
        actions.push({ from, to, action: "renamed" });
        continue;
      }
      const legacy = (await readOrNull(from))!;
      if (sameBytes(existing, legacy)) {
        await Deno.remove(from);
        actions.push({ from, to, action: "removed_duplicate" });
      } else if (force) {
        await Deno.rename(from, to);
        actions.push({ from, to, action: "replaced" });
      } else {
        actions.push({ from, to, action: "conflict" });
      }
    }
  }
  return actions;
}
