/**
 * `.gp` → `.sase` migration of legacy ProjectSpec filenames. Only names
 * change; file contents are never rewritten.
 *
 * @module
 */

import { READ_LIMITS, readBytesBounded } from "../fs/bounded_read.ts";
import { join } from "../fs/path.ts";
import { withFileLock } from "../fs/lock.ts";

/** What happened to one legacy file. */
export interface MigrationAction {
  from: string;
  to: string;
  action: "renamed" | "removed_duplicate" | "conflict" | "replaced";
}

async function readOrNull(path: string): Promise<Uint8Array | null> {
  try {
    return await readBytesBounded(path, READ_LIMITS.document);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

async function migrateOne(from: string, to: string, force: boolean): Promise<MigrationAction> {
  const existing = await readOrNull(to);
  if (existing === null) {
    await Deno.rename(from, to);
    return { from, to, action: "renamed" };
  }
  const legacy = (await readOrNull(from))!;
  if (sameBytes(existing, legacy)) {
    await Deno.remove(from);
    return { from, to, action: "removed_duplicate" };
  }
  if (force) {
    await Deno.rename(from, to);
    return { from, to, action: "replaced" };
  }
  return { from, to, action: "conflict" };
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
      // The ProjectSpec lock keeps a concurrent editor from writing `to` between the check and the rename.
      actions.push(await withFileLock(to, () => migrateOne(from, to, force)));
    }
  }
  return actions;
}
