/**
 * Read-only permission checks: whether this process could write somewhere,
 * answered from file modes instead of by writing a probe file.
 *
 * @module
 */

import { dirname } from "./path.ts";

/** Whether the current user could create files in `dir` (or in its nearest existing ancestor). */
export async function canWriteDir(dir: string): Promise<boolean> {
  let current = dir;
  for (;;) {
    try {
      const info = await Deno.stat(current);
      if (!info.isDirectory) return false;
      if (Deno.build.os === "windows") return true;
      const uid = Deno.uid();
      if (uid === 0) return true;
      const mode = info.mode ?? 0;
      if (info.uid === uid) return (mode & 0o200) !== 0;
      if (info.gid === Deno.gid()) return (mode & 0o020) !== 0;
      return (mode & 0o002) !== 0;
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) return false;
      const parent = dirname(current);
      if (parent === current) return false;
      current = parent;
    }
  }
}

/** Whether `path` exists. */
export async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/** Whether `path` resolves to something (symlinks followed; any failure counts as no). */
export async function resolvesToEntry(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

/** {@linkcode resolvesToEntry}, synchronously. */
export function resolvesToEntrySync(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Whether `path` resolves to a regular file (any failure counts as no). */
export async function isFile(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isFile;
  } catch {
    return false;
  }
}
