/**
 * Whole-file writes that never tear: data goes to a temporary file in the
 * same directory, is flushed, and is then renamed over the target. Readers see
 * either the old content or the new, never a mix.
 *
 * A writer killed between creating its temporary file and the rename leaves
 * that file behind (`.<name>.<pid>.<id>.tmp`). The next write of the same
 * target removes such leftovers: only temporary files of that exact target,
 * and only when the process that made them is gone (or, should its pid have
 * been reused, when they are older than any write could take).
 *
 * @module
 */

import { basename, dirname, join } from "./path.ts";
import { isProcessAlive } from "../process_liveness.ts";

/** Options for {@linkcode atomicWriteTextFile}. */
export interface AtomicWriteOptions {
  /** File mode for a newly created file (POSIX only). */
  mode?: number;
  /** Create missing parent directories first (default true). */
  ensureDir?: boolean;
  /**
   * Flush the data to disk before the rename (default true). Without it the
   * write still never tears when a process dies; only a power loss may lose
   * it — for progress records rewritten at every step.
   */
  sync?: boolean;
}

/** A temporary file older than this is stale even when its pid runs again (pid reuse). */
const STALE_TEMP_MS = 60 * 60 * 1000;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The name of a temporary file for `target`'s base name, written by process `pid`. */
function tempName(name: string, pid: number): string {
  return `.${name}.${pid}.${crypto.randomUUID().slice(0, 8)}.tmp`;
}

/** Matches exactly the temporary files {@linkcode tempName} makes for `name`; group 1 is the pid. */
function tempPattern(name: string): RegExp {
  return new RegExp(`^\\.${escapeRegExp(name)}\\.(\\d+)\\.[0-9a-f]{8}\\.tmp$`);
}

/**
 * Remove temporary files a killed writer of `path` left behind. Best effort:
 * a file that vanished (another writer cleaned it) or cannot be removed is
 * left to the next writer.
 */
export async function removeStaleTemps(path: string, now: number = Date.now()): Promise<string[]> {
  const dir = dirname(path);
  const pattern = tempPattern(basename(path));
  const removed: string[] = [];
  let entries: Deno.DirEntry[];
  try {
    entries = await Array.fromAsync(Deno.readDir(dir));
  } catch {
    return removed;
  }
  for (const entry of entries) {
    const match = entry.isFile ? pattern.exec(entry.name) : null;
    if (!match) continue;
    const pid = Number(match[1]);
    const temp = join(dir, entry.name);
    const info = await Deno.lstat(temp).catch(() => null);
    const age = info?.mtime ? now - info.mtime.getTime() : 0;
    if (isProcessAlive(pid) && age <= STALE_TEMP_MS) continue;
    try {
      await Deno.remove(temp);
      removed.push(temp);
    } catch {
      // Gone already, or not ours to remove: the next writer tries again.
    }
  }
  return removed;
}

/**
 * Atomically replace `path` with `bytes` (or the pieces of `bytes` one
 * after another: a large file made of a few slices of another is written
 * without first copying them into one buffer).
 */
export async function atomicWriteFile(
  path: string,
  bytes: Uint8Array | readonly Uint8Array[],
  options: AtomicWriteOptions = {},
): Promise<void> {
  const dir = dirname(path);
  if (options.ensureDir ?? true) await Deno.mkdir(dir, { recursive: true });
  const tmp = join(dir, tempName(basename(path), Deno.pid));
  try {
    const file = await Deno.open(tmp, {
      write: true,
      createNew: true,
      mode: options.mode,
    });
    try {
      for (const piece of bytes instanceof Uint8Array ? [bytes] : bytes) {
        let written = 0;
        while (written < piece.length) written += await file.write(piece.subarray(written));
      }
      if (options.sync ?? true) await file.sync();
    } finally {
      file.close();
    }
    await Deno.rename(tmp, path);
  } catch (error) {
    await Deno.remove(tmp).catch(() => {});
    throw error;
  }
  await removeStaleTemps(path);
}

/** Atomically replace `path` with UTF-8 `text`. */
export function atomicWriteTextFile(
  path: string,
  text: string,
  options: AtomicWriteOptions = {},
): Promise<void> {
  return atomicWriteFile(path, new TextEncoder().encode(text), options);
}

/** Atomically replace `path` with `value` as pretty JSON plus a trailing newline. */
export function atomicWriteJson(
  path: string,
  value: unknown,
  options: AtomicWriteOptions = {},
): Promise<void> {
  return atomicWriteTextFile(path, JSON.stringify(value, null, 2) + "\n", options);
}
