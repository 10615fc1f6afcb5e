/**
 * Temp files a writer leaves behind when it is killed between writing and
 * renaming (`.issues.jsonl.<pid>.<id>.tmp`, `beads.db.<pid>.<id>.tmp`, ...).
 * The doctor reports them; `--fix` removes the ones old enough that no live
 * writer can still be about to rename them.
 *
 * @module
 */

import { join, relative } from "../fs/path.ts";
import type { StorePaths } from "./paths.ts";
import { listDirSync } from "../fs/list_dir.ts";

/** A temp file younger than this may belong to a writer that is still running. */
export const TEMP_FILE_GRACE_MS = 60_000;

/** One leftover temp file. */
export interface TempFile {
  path: string;
  /** Path relative to the store directory, for messages. */
  name: string;
  /** Last modification (epoch ms; 0 when unknown). */
  mtime: number;
}

/** Every `*.tmp` file in the store directory, `events/` and `events/streams/`. */
export function findTempFiles(paths: StorePaths): TempFile[] {
  const found: TempFile[] = [];
  for (const dir of [paths.dir, paths.eventsDir, paths.streamsDir]) {
    for (const entry of listDirSync(dir)) {
      if (!entry.isFile || !entry.name.endsWith(".tmp")) continue;
      const path = join(dir, entry.name);
      let mtime = 0;
      try {
        mtime = Deno.statSync(path).mtime?.getTime() ?? 0;
      } catch {
        continue; // renamed or removed meanwhile: not left over
      }
      found.push({ path, name: relative(paths.dir, path), mtime });
    }
  }
  return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Remove the temp files older than the grace period; returns the names removed. */
export function removeStaleTempFiles(paths: StorePaths, now = Date.now()): string[] {
  const removed: string[] = [];
  for (const file of findTempFiles(paths)) {
    if (now - file.mtime < TEMP_FILE_GRACE_MS) continue;
    try {
      Deno.removeSync(file.path);
      removed.push(file.name);
    } catch {
      // gone already
    }
  }
  return removed;
}
