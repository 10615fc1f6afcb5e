/**
 * Advisory inter-process locks on a companion `.lock` file.
 *
 * Writers of a shared file (a JSONL log, a ProjectSpec, the bead store) take
 * an exclusive lock on `<file>.lock` for the whole read-modify-write. Readers
 * never take it: they rely on atomic renames and line-at-a-time appends.
 * The lock is released when the holder closes the file or exits, so a crashed
 * process never leaves a stale lock behind.
 *
 * @module
 */

import { dirname } from "./path.ts";

/** The path of the lock companion for `path`. */
export function lockPathFor(path: string): string {
  return `${path}.lock`;
}

/** Run `fn` while holding an exclusive advisory lock on `<path>.lock`. */
export async function withFileLock<T>(path: string, fn: () => Promise<T> | T): Promise<T> {
  const lockPath = lockPathFor(path);
  await Deno.mkdir(dirname(lockPath), { recursive: true });
  const file = await Deno.open(lockPath, { read: true, write: true, create: true });
  try {
    await file.lock(true);
    try {
      return await fn();
    } finally {
      await file.unlock();
    }
  } finally {
    file.close();
  }
}
