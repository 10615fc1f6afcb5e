/**
 * Whole-file writes that never tear: data goes to a temporary file in the
 * same directory, is flushed, and is then renamed over the target. Readers see
 * either the old content or the new, never a mix.
 *
 * @module
 */

import { basename, dirname, join } from "node:path";

/** Options for {@linkcode atomicWriteTextFile}. */
export interface AtomicWriteOptions {
  /** File mode for a newly created file (POSIX only). */
  mode?: number;
  /** Create missing parent directories first (default true). */
  ensureDir?: boolean;
}

/** Atomically replace `path` with `bytes`. */
export async function atomicWriteFile(
  path: string,
  bytes: Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const dir = dirname(path);
  if (options.ensureDir ?? true) await Deno.mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${Deno.pid}.${crypto.randomUUID().slice(0, 8)}.tmp`);
  try {
    const file = await Deno.open(tmp, {
      write: true,
      createNew: true,
      mode: options.mode,
    });
    try {
      let written = 0;
      while (written < bytes.length) written += await file.write(bytes.subarray(written));
      await file.sync();
    } finally {
      file.close();
    }
    await Deno.rename(tmp, path);
  } catch (error) {
    await Deno.remove(tmp).catch(() => {});
    throw error;
  }
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
