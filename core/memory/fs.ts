/**
 * Small file helpers the memory services share: reading a text file that
 * may be missing, within the document limit.
 *
 * @module
 */

import { READ_LIMITS, readTextBounded } from "../fs/bounded_read.ts";

/** Whether `error` means the path (or a parent) does not exist. */
export function isMissing(error: unknown): boolean {
  return error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory;
}

/** The text of `path` (bounded by the document limit), or null when it does not exist. */
export async function readTextIfExists(path: string): Promise<string | null> {
  try {
    return await readTextBounded(path, READ_LIMITS.document);
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}
